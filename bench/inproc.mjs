// In-process timings, run in a child process of its own (clean heap, no LSP traffic around it):
// - the floor: `yaml` parseDocument of the text alone; tree-sitter parse alone for Terraform;
// - our core on the same text: lintTopology (full analysis), lintTerraformModule.
// Input: a JSON job on argv[2]; output: one JSON line on stdout.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { timeIt } from './stats.mjs';
import { applyEdit, generateTerraform } from './generate.mjs';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
const job = JSON.parse(process.argv[2]);
const { parseDocument } = require('yaml');
const dist = job.dist ?? join(root, 'dist');
const core = require(join(dist, 'core.js'));


const out = { topology: [], terraform: [] };

for (const t of job.topology ?? []) {
  const text = readFileSync(t.file, 'utf8');
  const edited = applyEdit(text, t.edit);
  const reps = t.reps;
  const parse = t.parse === false ? null : timeIt(() => parseDocument(text), reps);
  let findings = 0;
  // alternate the original and the edited text, as an editor would send them
  let k = 0;
  const full = timeIt(() => {
    const r = core.lintTopology(t.file, k++ % 2 ? edited : text);
    findings = r.findings.length;
  }, reps);
  out.topology.push({ sites: t.sites, parseMs: parse, fullAnalysisMs: full, findings });
}

if (job.terraform?.length) {
  const TreeSitter = require('web-tree-sitter');
  await TreeSitter.Parser.init({ locateFile: (name) => join(dist, name) });
  const hcl = await TreeSitter.Language.load(join(dist, 'tree-sitter-terraform.wasm'));
  const parser = new TreeSitter.Parser();
  parser.setLanguage(hcl);
  let tfReady = true;
  let initError;
  let tf = core;
  try {
    if (typeof core.initTerraform !== 'function') {
      // not exported from dist/core.js (yet): bundle the Terraform entry of the core on its own
      const { buildSync } = require('esbuild');
      const outfile = join(root, 'bench/work/terraform.cjs');
      buildSync({ entryPoints: [join(root, 'server/src/core/terraform.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'error' });
      tf = require(outfile);
    }
    await tf.initTerraform(dist);
  } catch (e) {
    tfReady = false;
    initError = String(e?.message ?? e);
  }
  for (const t of job.terraform) {
    const text = readFileSync(t.file, 'utf8');
    const reps = t.reps;
    const parse = timeIt(() => parser.parse(text).delete(), reps);
    // incremental reparse after the one-line edit: the floor for an edit
    const tree = parser.parse(text);
    const edited = applyEdit(text, t.edit);
    const lineStart = text.split('\n').slice(0, t.edit.line).join('\n').length + 1;
    const startIndex = lineStart + t.edit.startCharacter;
    const oldEnd = lineStart + t.edit.endCharacter;
    const newEnd = startIndex + t.edit.edited.length;
    const reparse = timeIt(() => {
      const copy = tree.copy();
      copy.edit({
        startIndex,
        oldEndIndex: oldEnd,
        newEndIndex: newEnd,
        startPosition: { row: t.edit.line, column: t.edit.startCharacter },
        oldEndPosition: { row: t.edit.line, column: t.edit.endCharacter },
        newEndPosition: { row: t.edit.line, column: t.edit.startCharacter + (newEnd - startIndex) },
      });
      parser.parse(edited, copy).delete();
      copy.delete();
    }, reps);
    let result = { findings: [], designs: [] };
    let lintMs = null;
    let firstMs = null;
    let fullMs = null;
    let error;
    if (tfReady) {
      try {
        // the first analysis of this module in the process (cold: nothing to reuse), one sample
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        result = tf.lintTerraformModule([{ file: t.file, text }]);
        const c = process.cpuUsage(c0);
        firstMs = { medianMs: Math.round((performance.now() - t0) * 100) / 100, cpuMedianMs: Math.round((c.user + c.system) / 10) / 100, n: 1 };
        // full analysis, warm, nothing to reuse: two different modules of the same size alternate
        const other = generateTerraform(t.target, 2);
        let f = 0;
        fullMs = timeIt(() => {
          result = tf.lintTerraformModule([{ file: t.file, text: f++ % 2 ? text : other }]);
        }, reps);
        // then the one-line edit back and forth, as the editor sends it (the core may reuse unchanged blocks)
        let k = 0;
        lintMs = timeIt(() => {
          result = tf.lintTerraformModule([{ file: t.file, text: k++ % 2 ? text : edited }]);
        }, reps);
      } catch (e) {
        error = String(e?.message ?? e);
      }
    }
    out.terraform.push({
      lines: t.lines,
      parseMs: parse,
      incrementalReparseMs: reparse,
      lintMs,
      firstMs,
      fullMs,
      findings: result.findings.length,
      designs: result.designs.length,
      // the stub returns nothing at all: a time for doing nothing is not a result
      working: tfReady && !error && (result.findings.length > 0 || result.designs.length > 0),
      error: error ?? initError,
    });
  }
}

process.stdout.write(JSON.stringify(out) + '\n');
