// Where a full analysis spends its time, stage by stage, through the core's public API:
// YAML parse alone (the floor), parseTopology (parse + toJS + schema + design), the RTT model, each rule
// on a fresh model, and `finish` (levels, suppressions, order). Run in a child process of its own.
// Input: a JSON job on argv[2] ({ file, reps }); output: one JSON line.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { timeIt } from './stats.mjs';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
const job = JSON.parse(process.argv[2]);
const { parseDocument } = require('yaml');
const dist = job.dist ?? join(root, 'dist');
const core = require(join(dist, 'core.js'));

const text = readFileSync(job.file, 'utf8');
const reps = job.reps;
const stages = [];
const stage = (name, fn) => stages.push({ name, ...timeIt(fn, reps, 2) });

stage('yaml parseDocument (floor)', () => parseDocument(text));
let parsed;
stage('parseTopology: parse + toJS + schema + design', () => {
  parsed = core.parseTopology(text, job.file);
});
const design = parsed.designs[0];
const assumptions = core.resolveAssumptions(design);
const model = timeIt(() => new core.RttModel(design, assumptions), reps, 2);
stages.push({ name: 'new RttModel (links, fast metric)', ...model });
// Each rule's own time inside checkDesign: its check() is wrapped with a timer (instrumentation, in
// this process only). A fresh model per run, so shortest paths are charged to the rule that asks first.
const perRule = new Map(core.RULES.map((r) => [r.meta.id, 0]));
for (const rule of core.RULES) {
  const check = rule.check;
  rule.check = (ctx) => {
    const t0 = performance.now();
    try {
      return check.call(rule, ctx);
    } finally {
      perRule.set(rule.meta.id, perRule.get(rule.meta.id) + performance.now() - t0);
    }
  };
}
let all = [];
for (let i = 0; i < 2; i++) core.checkDesign(design, {}, new core.RttModel(design, assumptions));
for (const id of perRule.keys()) perRule.set(id, 0);
for (let i = 0; i < reps; i++) all = core.checkDesign(design, {}, new core.RttModel(design, assumptions));
for (const [id, ms] of [...perRule].sort((x, y) => y[1] - x[1])) stages.push({ name: `rule ${id}`, medianMs: Math.round((ms / reps) * 100) / 100, meanOnly: true });
stage('checkDesign: all rules, one model', () => {
  all = core.checkDesign(design, {});
});
stage('finish: levels, suppressions, sort, dedupe', () => core.finish([...parsed.findings, ...all], new Map([[job.file, text]]), {}));
stage('lintTopology (everything)', () => core.lintTopology(job.file, text));
stage('LineIndex (offset -> line)', () => new core.LineIndex(text));

// Prototype of the incremental path proposed in docs/performance.md (not the product): split the text
// into top-level entries with a line scan (a top-level key, or a direct child: `  key:` / `  - `),
// find the entries that changed since the previous text, and parse only those.
function entryStarts(t) {
  const starts = [0];
  for (let pos = t.indexOf('\n') + 1; pos > 0 && pos < t.length; pos = t.indexOf('\n', pos) + 1) {
    const c = t.charCodeAt(pos);
    const top = c !== 32 && c !== 35 && c !== 10;
    const child = c === 32 && t.charCodeAt(pos + 1) === 32 && t.charCodeAt(pos + 2) !== 32 && t.charCodeAt(pos + 2) !== 35 && t.charCodeAt(pos + 2) !== 10;
    if (top || child) starts.push(pos);
  }
  return starts;
}
const entriesOf = (t) => {
  const st = entryStarts(t);
  return st.map((a, i) => t.slice(a, st[i + 1] ?? t.length));
};
if (job.edit) {
  const lines = text.split('\n');
  const l = lines[job.edit.line];
  lines[job.edit.line] = l.slice(0, job.edit.startCharacter) + job.edit.edited + l.slice(job.edit.endCharacter);
  const edited = lines.join('\n');
  const before = entriesOf(text);
  let changed = [];
  stage('prototype: split into top-level entries (line scan)', () => entriesOf(edited));
  stage('prototype: find the changed entries', () => {
    const after = entriesOf(edited);
    const old = new Set(before);
    changed = after.filter((e) => !old.has(e));
  });
  stage(`prototype: parse only the changed entries (${changed.length})`, () => {
    for (const e of changed) parseDocument(e);
  });
  // the core's own incremental path, when it has one: the edit back and forth with a cache
  if (typeof core.TopologyCache === 'function') {
    const cache = new core.TopologyCache();
    let k = 0;
    stage('core: parseTopologyIncremental after the edit', () => core.parseTopologyIncremental(k++ % 2 ? text : edited, job.file, cache));
    let parsedNow;
    stage('core: lintTopology with its cache, after the edit', () => {
      parsedNow = core.lintTopology(job.file, k++ % 2 ? text : edited, { cache });
    });
    const d = parsedNow.designs[0];
    stage('core: checkDesign alone (new RttModel each time, as lintTopology does)', () => core.checkDesign(d, {}));
  }
}

process.stdout.write(JSON.stringify({ file: job.file, bytes: text.length, stages }) + '\n');
