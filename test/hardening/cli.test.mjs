// The CLI on mutated files: file content never makes it exit 2 (usage/config error or crash), the JSON
// output always parses, and every position lies inside its file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { CLI_JS } from './helpers/dist.mjs';
import { applyAll, hclCorpus, mutationsArb, SEED, yamlCorpus } from './helpers/mutate.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dci-cli-fuzz-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(args) {
  const r = spawnSync(process.execPath, [CLI_JS, '--format', 'json', ...args], { encoding: 'utf8', cwd: dir, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** 1-based line/column positions inside the file's lines (LSP-style breaks). */
function positionProblems(report, text) {
  const lines = text.split(/\r\n|\r|\n/);
  const out = [];
  for (const f of report.findings) {
    for (const [l, c] of [
      [f.line, f.column],
      [f.endLine, f.endColumn],
    ]) {
      if (!(Number.isInteger(l) && l >= 1 && l <= lines.length && Number.isInteger(c) && c >= 1 && c <= lines[l - 1].length + 1))
        out.push(`${f.ruleId} ${l}:${c}`);
    }
  }
  return out;
}

test('100 mutated topology files and 10 mutated Terraform modules in one run: exit 0 or 1, JSON parses, positions inside', { timeout: 120_000 }, () => {
  const texts = new Map();
  fc.sample(fc.tuple(fc.constantFrom(...yamlCorpus()), mutationsArb), { numRuns: 100, seed: SEED }).forEach(([doc, ms], i) => {
    const file = path.join(dir, 'yaml', `m${String(i).padStart(3, '0')}.dci.yaml`);
    mkdirSync(path.dirname(file), { recursive: true });
    const text = applyAll(doc.text, ms);
    writeFileSync(file, text);
    texts.set(file, text);
  });
  fc.sample(fc.tuple(fc.constantFrom(...hclCorpus()), fc.nat(), mutationsArb), { numRuns: 10, seed: SEED }).forEach(([mod, which, ms], i) => {
    mod.files.forEach((f, k) => {
      const file = path.join(dir, 'tf', `mod${i}`, path.basename(f.file));
      mkdirSync(path.dirname(file), { recursive: true });
      const text = k === which % mod.files.length ? applyAll(f.text, ms) : f.text;
      writeFileSync(file, text);
      texts.set(file, text);
    });
  });
  const r = cli([dir]);
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const reports = JSON.parse(r.stdout);
  assert.ok(reports.length >= 100, `${reports.length} files reported`);
  for (const rep of reports) {
    const file = path.resolve(dir, rep.file);
    assert.ok(texts.has(file), `${rep.file} is one of ours`);
    assert.deepEqual(positionProblems(rep, texts.get(file)), [], rep.file);
  }
});

test('10 single mutated files, one run each: exit 0 or 1 and JSON that parses', { timeout: 60_000 }, () => {
  const samples = fc.sample(fc.tuple(fc.constantFrom(...yamlCorpus()), mutationsArb), { numRuns: 10, seed: SEED + 1 });
  samples.forEach(([doc, ms], i) => {
    const file = path.join(dir, `single${i}.dci.yaml`);
    writeFileSync(file, applyAll(doc.text, ms));
    const r = cli([file]);
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr.slice(0, 2000)}`);
    assert.equal(JSON.parse(r.stdout).length, 1);
  });
});
