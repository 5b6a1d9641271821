// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function, with the source file of
// the bundle (esbuild leaves a `// server/src/...` comment before each module it inlines).

import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Functions of the server, core and CLI whose inclusive time tells which stage the time goes to. */
const STAGES = [
  'analyze', 'validate', 'lintTopology', 'parseTopology', 'parseTopologyIncremental', 'splitChunks', 'parseChunk', 'shifted', 'parseAllDocuments', 'buildDesign', 'toJS', 'validateTopology', 'compile',
  'checkDesign', 'finish', 'markSuppressed', 'toDiagnostics', 'customize', 'kindOf', 'isTopologyFile', 'configFor',
  'lintTerraformModule', 'moduleFiles', 'moduleStamp', 'workspaceTopology', 'sendDiagnostics', 'encode',
  'runMatrix', 'get', 'sweep', 'simplifySchemaErrors', 'schemaFinding', 'RttModel', 'pair', 'lowerBoundAt', 'fiberBoundAt', 'geodesicKm', 'shortestTo', 'main',
];

const moduleMaps = new Map();
/** For a bundle: 1-based line -> the source module it came from. */
function moduleOf(url, line) {
  if (!url.startsWith('file://')) return undefined;
  let starts = moduleMaps.get(url);
  if (!starts) {
    starts = [];
    const path = fileURLToPath(url);
    if (existsSync(path)) {
      const lines = readFileSync(path, 'utf8').split('\n');
      for (let i = 0; i < lines.length; i++) {
        const m = /^\s*\/\/ ((?:server|node_modules|client)\/\S+\.(?:ts|js|mjs|cjs|json))$/.exec(lines[i]);
        if (m) starts.push([i + 1, m[1]]);
      }
    }
    moduleMaps.set(url, starts);
  }
  let found;
  for (const [at, name] of starts) {
    if (at > line) break;
    found = name;
  }
  return found;
}

/**
 * One summary over one or more profiles (a process with worker threads writes one per thread).
 * @param {string | string[]} paths
 * @returns {{ totalMs: number, idleMs: number, gcMs: number, threads: number, top: object[], modules: object[], stages: object[] }}
 */
export function summariseProfile(paths, topN = 15) {
  const list = Array.isArray(paths) ? paths : [paths];
  const perFunction = new Map();
  const inclusiveUs = new Map();
  let totalUs = 0;
  let idleUs = 0;
  let gcUs = 0;
  for (const path of list) {
    const profile = JSON.parse(readFileSync(path, 'utf8'));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const selfUs = new Map();
    for (let i = 0; i < profile.samples.length; i++) {
      const id = profile.samples[i];
      selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    for (const [id, us] of selfUs) {
      const cf = byId.get(id).callFrame;
      const name = cf.functionName || '(anonymous)';
      if (name === '(idle)') {
        idleUs += us;
        continue;
      }
      totalUs += us;
      if (name === '(garbage collector)') gcUs += us;
      const file = cf.url ? moduleOf(cf.url, cf.lineNumber + 1) ?? cf.url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/') : '';
      const where = file ? `${file}:${cf.lineNumber + 1}` : '(native)';
      const key = `${name} ${where}`;
      const e = perFunction.get(key) ?? { name, where, selfUs: 0 };
      e.selfUs += us;
      perFunction.set(key, e);
      // inclusive time of the functions that mark our stages (a function counted once per sample)
      const seen = new Set();
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
        const fn = byId.get(cur).callFrame.functionName;
        if (!STAGES.includes(fn) || seen.has(fn)) continue;
        seen.add(fn);
        inclusiveUs.set(fn, (inclusiveUs.get(fn) ?? 0) + us);
      }
    }
  }
  const top = [...perFunction.values()]
    .sort((a, b) => b.selfUs - a.selfUs)
    .slice(0, topN)
    .map((e) => ({ name: e.name, where: e.where, selfMs: Math.round(e.selfUs / 100) / 10, share: Math.round((e.selfUs / totalUs) * 1000) / 10 }));
  // self time per source module: which layer the time goes to
  const perModule = new Map();
  for (const e of perFunction.values()) {
    const mod = e.where.replace(/:\d+$/, '');
    perModule.set(mod, (perModule.get(mod) ?? 0) + e.selfUs);
  }
  const modules = [...perModule.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([module, us]) => ({ module, selfMs: Math.round(us / 100) / 10, share: Math.round((us / totalUs) * 1000) / 10 }));
  const stages = [...inclusiveUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => ({ name, inclusiveMs: Math.round(us / 100) / 10, share: Math.round((us / totalUs) * 1000) / 10 }));
  return { totalMs: Math.round(totalUs / 1000), idleMs: Math.round(idleUs / 1000), gcMs: Math.round(gcUs / 1000), threads: list.length, top, modules, stages };
}

// node bench/cpuprofile.mjs FILE.cpuprofile... [N]: the top N functions by self time, the modules, the stages
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2).filter((a) => a.endsWith('.cpuprofile'));
  const n = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 15);
  const s = summariseProfile(files, n);
  console.log(`busy ${s.totalMs} ms (GC ${s.gcMs} ms), idle ${s.idleMs} ms, ${s.threads} thread(s); sample times are wall clock\n`);
  console.log('| self ms | share | function | where |\n|---:|---:|---|---|');
  for (const t of s.top) console.log(`| ${t.selfMs} | ${t.share}% | \`${t.name}\` | ${t.where} |`);
  console.log('\nBy module: ' + s.modules.map((m) => `${m.module} ${m.share}%`).join(', '));
  console.log('\nInclusive: ' + s.stages.map((m) => `${m.name} ${m.share}%`).join(', '));
}
