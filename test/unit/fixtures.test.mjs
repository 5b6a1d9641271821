// Every fixture under test/fixtures/rules/<rule-id>/ lints to exactly the findings written inline
// under its lines (see test/helpers/expectations.mjs); every rule has a fixture that fires it and
// a clean one that must not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { actualFrom, compare, readExpectations } from '../helpers/expectations.mjs';

const core = createRequire(import.meta.url)('../../dist/core.js');
const root = new URL('../fixtures/rules/', import.meta.url).pathname;

const fixtures = readdirSync(root).flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => ({ rule: dir, name: f, path: join(root, dir, f) })),
);

for (const fx of fixtures) {
  test(`${fx.rule}/${fx.name}`, () => {
    const text = readFileSync(fx.path, 'utf8');
    const { findings } = core.lintTopology(fx.path, text);
    const result = compare(readExpectations(text), actualFrom(findings, text));
    assert.ok(result.ok, `missing: ${JSON.stringify(result.missing)}\nextra: ${JSON.stringify(result.extra)}`);
  });
}

test('every rule has a firing fixture and a clean one', () => {
  for (const rule of core.RULES) {
    const id = rule.meta.id;
    const own = fixtures.filter((f) => f.rule === id);
    const clean = own.filter((f) => readExpectations(readFileSync(f.path, 'utf8')).length === 0);
    const fires = fixtures.filter((f) => readExpectations(readFileSync(f.path, 'utf8')).some((e) => e.ruleId === id));
    assert.ok(clean.length > 0, `${id} has no clean fixture in test/fixtures/rules/${id}/`);
    assert.ok(fires.length > 0, `${id} has no fixture that fires it`);
  }
});

test('the expectation parser itself: carets, severities, and the line they belong to', () => {
  const text = 'a: 1\n  path: [x, y]\n#        ^^^^ error vmotion-rtt\n#        ^ info schema\n';
  assert.deepEqual(readExpectations(text), [
    { line: 2, column: 10, endColumn: 14, severity: 'error', ruleId: 'vmotion-rtt' },
    { line: 2, column: 10, endColumn: 11, severity: 'info', ruleId: 'schema' },
  ]);
  // a marker may name a substring of the message; it matches only a finding whose message has it
  const withMessage = 'a: 1\n  path: [x, y]\n#        ^^^^ error vmotion-rtt: exceeds the supported 10 ms\n';
  const [e] = readExpectations(withMessage);
  assert.deepEqual(e, { line: 2, column: 10, endColumn: 14, severity: 'error', ruleId: 'vmotion-rtt', message: 'exceeds the supported 10 ms' });
  const at = { line: 2, column: 10, endColumn: 14, severity: 'error', ruleId: 'vmotion-rtt' };
  assert.equal(compare([e], [{ ...at, message: '12 ms RTT exceeds the supported 10 ms (vendor)' }]).ok, true);
  const wrong = compare([e], [{ ...at, message: '12 ms RTT exceeds the supported 5 ms (vendor)' }]);
  assert.deepEqual(wrong.missing, ['2:10-14 error vmotion-rtt: exceeds the supported 10 ms']);
  assert.deepEqual(wrong.extra, ['2:10-14 error vmotion-rtt: 12 ms RTT exceeds the supported 5 ms (vendor)']);
  // a bare marker and one with a message at the same place: each takes its own finding
  const two = [{ ...at, message: 'first' }, { ...at, message: 'second' }];
  assert.equal(compare([{ ...at }, { ...at, message: 'first' }], two).ok, true);
  assert.equal(compare([{ ...at, message: 'second' }, { ...at, message: 'first' }], two).ok, true);
  // a finding that is not expected, and one expected that is missing, both fail
  const diff = compare([{ line: 1, column: 1, endColumn: 2, severity: 'error', ruleId: 'a' }], [{ line: 1, column: 1, endColumn: 2, severity: 'warning', ruleId: 'a' }]);
  assert.equal(diff.ok, false);
  assert.equal(diff.missing.length, 1);
  assert.equal(diff.extra.length, 1);
});
