// The one-line edit alone, without the whole bench: `node dist/server.js --stdio` over bench/lsp.mjs,
// the generated design opened, then `n` one-line edits (a digit typed at the end of the middle site's
// latitude, then removed again) sent as didChange + didSave under `dciLint.run: onSave` (no debounce),
// each timed to the publishDiagnostics of its version, with the server's CPU (user + system from
// /proc/PID/stat, 10 ms ticks) over the timed edits, as bench/run.mjs's editorLoop measures it.
//
//   node bench/edit-loop.mjs [--sites=100,500,2000] [--n=40] [--runs=3] [--dist=DIR] [--prof] [--series] [--threads] [--settle=MS]
//
// --dist: the bundles to measure (default dist/; copy an older build elsewhere to compare).
// --prof: one more run per size under `node --cpu-prof`, summarised by bench/cpuprofile.mjs
// (profiles in bench/work/edit-profile/).

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { editTarget, generateTopology } from './generate.mjs';
import { LspClient } from './lsp.mjs';
import { summariseProfile } from './cpuprofile.mjs';
import { median } from './stats.mjs';

const root = join(import.meta.dirname, '..');
const work = join(root, 'bench/work/edit-loop');
const args = process.argv.slice(2);
const arg = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const sizes = arg('sites', '500').split(',').map(Number);
const n = Number(arg('n', '40'));
const runs = Number(arg('runs', '3'));
const dist = arg('dist', join(root, 'dist'));
const prof = args.includes('--prof');
// extra node flags for the server (e.g. --node-flags=--single-threaded-gc), to see where CPU goes
const nodeFlags = arg('node-flags', '').split(' ').filter(Boolean);
// --settle=MS: wait this long after the open's diagnostics before editing (the analysis worker warms up
// for a second or two after the server starts; its CPU counts in the process's figure)
const settleMs = Number(arg('settle', '0'));
const settings = { dciLint: { enable: true, run: 'onSave' } };

/** CPU per thread of the process, ms, keyed by `name/tid` (Linux /proc; 10 ms ticks). */
function threadCpuMs(pid) {
  const out = {};
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out[`${name}/${tid}`] = (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        // the thread ended
      }
    }
  } catch {
    // the process ended
  }
  return out;
}

/** CPU of the process's main thread alone (the rest: V8's compiler and GC helper threads), ms. */
function mainThreadCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

async function loop(file, edit, argv) {
  const client = new LspClient(argv, { cwd: root, settings });
  try {
    await client.initialize(work);
    client.notify('workspace/didChangeConfiguration', { settings });
    const uri = pathToFileURL(file).href;
    const text = readFileSync(file, 'utf8');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const [first] = await client.waitForDiagnostics(uri, 1, 120000);
    if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
    const lines = text.split('\n');
    const wall = [];
    let cpu = 0;
    let main = 0;
    // CPU per block of 5 edits, warm-up included: how long the first edits stay expensive (JIT, GC)
    const blocks = [];
    let block0 = client.cpuMs();
    let forward = true;
    const warmup = 2;
    let diagnostics = [first.params.diagnostics.length];
    let threads0;
    for (let i = 0; i < warmup + n; i++) {
      const version = i + 2;
      const [from, to] = forward ? [edit.original, edit.edited] : [edit.edited, edit.original];
      const range = { start: { line: edit.line, character: edit.startCharacter }, end: { line: edit.line, character: edit.startCharacter + from.length } };
      lines[edit.line] = lines[edit.line].slice(0, edit.startCharacter) + to + lines[edit.line].slice(edit.startCharacter + from.length);
      const cpu0 = client.cpuMs();
      const main0 = mainThreadCpuMs(client.proc.pid);
      if (i === warmup) threads0 = threadCpuMs(client.proc.pid);
      const t = performance.now();
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: to }] });
      client.notify('textDocument/didSave', { textDocument: { uri } });
      const [msg, at] = await client.waitForDiagnostics(uri, version, 60000);
      if (i >= warmup) {
        wall.push(at - t);
        cpu += client.cpuMs() - cpu0;
        main += mainThreadCpuMs(client.proc.pid) - main0;
      }
      if (i < 2) diagnostics.push(msg.params.diagnostics.length);
      if ((i + 1) % 5 === 0) {
        const now = client.cpuMs();
        blocks.push((now - block0) / 5);
        block0 = now;
      }
      forward = !forward;
    }
    const threads1 = threadCpuMs(client.proc.pid);
    const perThread = Object.entries(threads1)
      .map(([k, v]) => [k, (v - (threads0[k] ?? 0)) / n])
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1]);
    return { wallMs: median(wall), cpuMsPerEdit: cpu / n, mainCpuMsPerEdit: main / n, diagnostics, blocks, perThread };
  } finally {
    await client.stop();
  }
}

mkdirSync(work, { recursive: true });
const r1 = (x) => Math.round(x * 10) / 10;
console.log(
  `# one-line edit, didChange + didSave (run: onSave), ${n} edits per run, dist ${dist}, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
for (const sites of sizes) {
  const file = join(work, `bench-${sites}.dci.yaml`);
  const text = generateTopology(sites, 1);
  writeFileSync(file, text);
  const edit = editTarget(text);
  const results = [];
  for (let r = 0; r < runs; r++) results.push(await loop(file, edit, [...nodeFlags, join(dist, 'server.js'), '--stdio']));
  const cpus = results.map((x) => x.cpuMsPerEdit);
  console.log(
    `${sites} sites: server CPU per edit median ${r1(median(cpus))} ms (runs: ${cpus.map(r1).join(', ')}; main thread ${r1(median(results.map((x) => x.mainCpuMsPerEdit)))} ms); wall median ${r1(median(results.map((x) => x.wallMs)))} ms; diagnostics ${results[0].diagnostics.join('/')}`,
  );
  if (args.includes('--threads')) for (const r of results) console.log(`  CPU per edit by thread: ${r.perThread.map(([k, v]) => `${k} ${r1(v)}`).join(', ')}`);
  if (args.includes('--series')) console.log(`  CPU per edit, blocks of 5 from the first edit: ${results[0].blocks.map(r1).join(', ')}`);
  if (prof) {
    const dir = join(work, `profile-${sites}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await loop(file, edit, ['--cpu-prof', `--cpu-prof-dir=${dir}`, join(dist, 'server.js'), '--stdio']);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(dir, f));
    const s = summariseProfile(files, 20);
    console.log(`  profile (didOpen + ${n + 2} edits): busy ${s.totalMs} ms, GC ${s.gcMs} ms; ${files.join(' ')}`);
    for (const t of s.top) console.log(`  ${String(t.share).padStart(5)}%  ${t.name}  ${t.where}`);
    console.log('  inclusive: ' + s.stages.map((m) => `${m.name} ${m.share}%`).join(', '));
  }
}
