// One test per failure the hardening suites found, each with the smallest input that showed it.
// Every test here failed (or hung, or ran out of memory) on the build before its fix: run with DCI_LINT_DIST=<old dist> to see.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { core, CORE_JS } from './helpers/dist.mjs';
import { rangeProblems } from './helpers/mutate.mjs';

test('parseConfig: a syntax error at the end of the text lies inside the text (was one past it)', () => {
  // Found by fuzz-core "mutated .dci-lint.yaml": yaml reports an unclosed flow map at [length, length + 1].
  const text = '{rules: {vmotion-rtt: warning}';
  const { findings } = core.parseConfig(text, '.dci-lint.yaml');
  assert.deepEqual(
    findings.map((f) => [f.ruleId, f.severity, f.message, f.loc.start, f.loc.end]),
    [['config', 'error', 'Flow map must end with a }', text.length, text.length]],
  );
});

test('parseConfig: a schema error on an empty node at the end of the text lies inside the text', () => {
  // Found by fuzz-core: `&a ` is an anchored empty scalar at [3, 3]; nodeLoc widened it to [3, 4].
  const { findings } = core.parseConfig('&a ', '.dci-lint.yaml');
  assert.deepEqual(
    findings.map((f) => [f.ruleId, f.message, f.loc.start, f.loc.end]),
    [['config', 'The document must be object.', 3, 3]],
  );
});

test('10,000 nested `[`: one syntax finding where the nesting passes 128, the same in every process state', { timeout: 30_000 }, () => {
  // Was "Maximum call stack size exceeded" from yaml, 1 or 34 times depending on what ran before (JIT and
  // stack state): the same input gave different findings.
  const text = 'dci: 1\nsites: ' + '['.repeat(10_000);
  const { findings } = core.lintTopology('deep.dci.yaml', text, {});
  const at = 'dci: 1\nsites: '.length + 127;
  assert.deepEqual(
    findings.map((f) => [f.ruleId, f.severity, f.message, f.loc.start, f.loc.end]),
    [['syntax', 'error', 'Nesting deeper than 128 levels here: the document is not analysed (a topology nests fewer than ten).', at, at + 1]],
  );
  let block = 'dci: 1\nsites:\n  a:\n';
  for (let i = 0; i < 1400; i++) block += ' '.repeat(i + 4) + 'k:\n';
  assert.deepEqual(
    core.lintTopology('block.dci.yaml', block, {}).findings.map((f) => f.ruleId + ' ' + f.data.maxNesting),
    ['syntax 128'],
  );
  // 100 levels still parse.
  const ok = `dci: 1\nsites:\n  a: {location: [1, 2], x: ${'['.repeat(100)}${']'.repeat(100)}}\n`;
  assert.ok(!core.lintTopology('ok.dci.yaml', ok, {}).findings.some((f) => f.ruleId === 'syntax'));
});

test('a link `between` of 5,000 ids: messages name the link briefly (each carried all ids: quadratic memory)', { timeout: 30_000 }, () => {
  const text = `dci: 1\nsites:\n  a: {location: [1, 2]}\nlinks:\n  - between: [${Array(5000).fill('x').join(', ')}]\n`;
  const { findings } = core.lintTopology('big.dci.yaml', text, {});
  assert.equal(findings.length, 5001);
  assert.equal(findings[0].message, '`links[0].between` must NOT have more than 2 items.');
  assert.equal(findings[1].message, 'Unknown site `x` in link x-x-x-…. Did you mean `a`?');
  assert.ok(findings.every((f) => f.message.length < 200));
  assert.deepEqual(rangeProblems(findings, new Map([['big.dci.yaml', text]])), []);
});

test('more findings than a call takes arguments: no RangeError out of lintTopology (push(...spread))', { timeout: 60_000 }, () => {
  // 20,000 findings overflow a 100 KB stack as 130,000 do the default one (sync replication over 520 sites).
  const script = `
    const core = require(${JSON.stringify(CORE_JS)});
    const text = 'dci: 1\\nsites:\\n  a: {location: [1, 2]}\\nlinks:\\n  - between: [' + Array(20000).fill('x').join(', ') + ']\\n';
    try { console.log(JSON.stringify({ count: core.lintTopology('x.dci.yaml', text, {}).findings.length })); }
    catch (e) { console.log(JSON.stringify({ error: e.message })); }`;
  const r = spawnSync(process.execPath, ['--stack-size=100', '-e', script], {
    encoding: 'utf8',
    timeout: 55_000,
  });
  assert.deepEqual(JSON.parse(r.stdout), { count: 20001 });
});

test('pairwise rules over 8,000 references to two sites: one pair, in seconds (was 32 million pairs: a hang)', { timeout: 30_000 }, () => {
  const list = Array.from({ length: 8000 }, (_, i) => (i % 2 ? 'nyc' : 'fra')).join(', ');
  const text = `dci: 1\nsites:\n  fra: {location: [50.11, 8.68]}\n  nyc: {location: [40.71, -74.01]}\nsegments:\n  - name: everywhere\n    sites: [${list}]\nreplication:\n  - mode: synchronous\n    sites: [${list}]\n`;
  const t0 = performance.now();
  const { findings } = core.lintTopology('pairs.dci.yaml', text, {});
  const ms = performance.now() - t0;
  assert.deepEqual(
    findings.map((f) => [f.ruleId, f.data.sites ?? f.message]),
    [
      ['schema', '`segments[0].sites` must NOT have more than 256 items.'],
      ['stretched-l2-distance', ['fra', 'nyc']],
      ['schema', '`replication[0].sites` must NOT have more than 256 items.'],
      ['sync-replication-rtt', ['fra', 'nyc']],
    ],
  );
  assert.ok(ms < 15_000, `${ms.toFixed(0)} ms`);
});

test('LineIndex counts line breaks as LSP does: a lone \\r breaks a line, and no position falls between \\r and \\n', () => {
  // Found by server.test.mjs: a CRLF document got a schema range ending at (0, 5) on a 4-character line.
  const crlf = new core.LineIndex('ab\r\ncd');
  assert.deepEqual(crlf.position(2), { line: 0, character: 2 });
  assert.deepEqual(crlf.position(3), { line: 0, character: 2 });
  assert.deepEqual(crlf.position(4), { line: 1, character: 0 });
  assert.equal(crlf.offset(0, 99), 2);
  const cr = new core.LineIndex('ab\rcd\nef');
  assert.equal(cr.lineCount, 3);
  assert.deepEqual(cr.position(4), { line: 1, character: 1 });
  assert.equal(cr.offset(2, 1), 7);
  assert.equal(cr.lineText(1), 'cd');
});

test('1,000 microwave links: lower bounds in a second or two (Floyd-Warshall over 2,000 endpoints took 27 s), still sound', { timeout: 60_000 }, () => {
  let text = 'dci: 1\nsites:\n';
  for (let i = 0; i < 2000; i++) text += `  s${i}: {location: [${(((i * 37) % 170) - 85).toFixed(1)}, ${(((i * 61) % 359) - 179).toFixed(1)}]}\n`;
  text += 'links:\n';
  for (let i = 0; i < 1000; i++) text += `  - {between: [s${2 * i}, s${2 * i + 1}], medium: microwave}\n`;
  const t0 = performance.now();
  const { designs } = core.lintTopology('mw.dci.yaml', text, {});
  const model = new core.RttModel(designs[0]);
  const pairs = [
    ['s0', 's1'],
    ['s0', 's3'],
    ['s10', 's1999'],
  ].map(([a, b]) => model.pair(a, b));
  const ms = performance.now() - t0;
  const fiberMsPerKm = (2 * 1.4682) / 299.792458;
  for (const p of pairs) {
    // Sound: never above what fiber in a straight line needs, never above the estimate.
    assert.ok(p.lowerBoundMs > 0 && p.lowerBoundMs <= p.distanceKm * fiberMsPerKm + 0.01 && p.lowerBoundMs <= p.rttMs, JSON.stringify(p));
  }
  assert.ok(ms < 10_000, `${ms.toFixed(0)} ms`);
});
