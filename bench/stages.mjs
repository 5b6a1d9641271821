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
const core = require(join(root, 'dist/core.js'));

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

process.stdout.write(JSON.stringify({ file: job.file, bytes: text.length, stages }) + '\n');
