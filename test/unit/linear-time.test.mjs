// "Linear time in the input" for bad input: designs that are wrong everywhere (a schema error on every
// site, an unknown site in every link). Each case was quadratic before its fix: 12,000 sites with an
// unknown key took 4.1 s to parse (the site looked up by a scan of `sites` per error, ajv copying its
// error list per site), 4,000 unknown references among 4,000 sites took 7.4 s (every reference compared
// with every site in full). These tests check the answers stay right and the work stays bounded; the
// times themselves are for `npm run bench`, not for tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rng } from '../helpers/rng.mjs';

const DIST = process.env.DCI_LINT_DIST ? path.resolve(process.env.DCI_LINT_DIST) : new URL('../../dist', import.meta.url).pathname;
const core = createRequire(import.meta.url)(path.join(DIST, 'core.js'));
const at = (text, f) => text.slice(f.loc.start, f.loc.end);
const loc = (i) => `{lat: ${(40 + (i % 200) * 0.05).toFixed(3)}, lon: ${(-5 + Math.floor(i / 200) * 0.05).toFixed(3)}}`;


/** nearest as it was: every candidate compared in full, the first at the least distance, within the allowance */
function bruteNearest(word, candidates) {
  let best;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = core.editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= core.typoAllowance(word.length) ? best : undefined;
}

test('Suggester answers what comparing every candidate in full answers (banded, length-filtered, memoized)', () => {
  const next = rng(13);
  const alphabet = 'abcde-1A';
  const word = (max) => Array.from({ length: Math.floor(next() * max) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  const mutate = (w) => {
    const chars = [...w];
    for (let k = Math.floor(next() * 4); k > 0; k--) {
      const i = Math.floor(next() * (chars.length + 1));
      const op = Math.floor(next() * 3);
      if (op === 0) chars.splice(i, 0, alphabet[Math.floor(next() * alphabet.length)]);
      else if (op === 1) chars.splice(i, 1);
      else chars[i] = alphabet[Math.floor(next() * alphabet.length)];
    }
    return chars.join('');
  };
  let suggested = 0;
  for (let round = 0; round < 60; round++) {
    const candidates = Array.from({ length: 1 + Math.floor(next() * 40) }, () => word(14));
    const s = new core.Suggester(candidates, Infinity);
    for (let q = 0; q < 40; q++) {
      const w = next() < 0.7 ? mutate(candidates[Math.floor(next() * candidates.length)]) : word(16);
      const expected = bruteNearest(w, candidates);
      assert.equal(s.nearest(w), expected, `${JSON.stringify(w)} among ${JSON.stringify(candidates)}`);
      assert.equal(core.nearest(w, candidates), expected);
      if (expected !== undefined) suggested++;
    }
  }
  // the property is about suggestions, not only about finding none
  assert.ok(suggested > 800, `${suggested} words had a suggestion`);
});

test('Suggester stops at its budget: later words get none and `exhausted` says so; a word asked again costs nothing', () => {
  const ids = Array.from({ length: 2000 }, (_, i) => `site-${i}`);
  const s = new core.Suggester(ids, 200_000);
  assert.equal(s.nearest('sitx-7'), 'site-7');
  const once = s.spent;
  assert.ok(once > 0);
  assert.equal(s.nearest('SITX-7'), 'site-7');
  assert.equal(s.spent, once, 'memoized (case-insensitive, as nearest compares)');
  let answered = 1;
  for (let i = 8; i < 2000; i++) if (s.nearest(`sitx-${i}`) !== undefined) answered++;
  assert.equal(s.exhausted, true);
  assert.equal(s.skipped, true, 'the last word went unsearched');
  assert.ok(answered > 3 && answered < 100, `${answered} answered`);
  // a word searched before the budget ran out is still answered from memory, and is not "skipped"
  assert.equal(s.nearest('sitx-7'), 'site-7');
  assert.equal(s.skipped, false);
  // bounded: the budget, plus at most the one word whose search began below it (2,000 candidates, 6 x 7 cells each)
  assert.ok(s.spent <= 200_000 + 2000 * (1 + 6 * 7), `spent ${s.spent}`);
});

test('unknown-site over 4,000 unknown references among 4,000 sites: every reference reported, suggestions while the budget lasts, then said', () => {
  const n = 4000;
  const text = ['sites:', ...Array.from({ length: n }, (_, i) => `  site-${i}:\n    location: ${loc(i)}`), 'links:', ...Array.from({ length: n }, (_, i) => `  - between: [site-${i}, sitx-${i}]`)].join('\n');
  const found = core.lintTopology('x.dci.yaml', text).findings.filter((f) => f.ruleId === 'unknown-site');
  assert.equal(found.length, n);
  assert.deepEqual(
    found.slice(0, 3).map((f) => [at(text, f), f.data.suggestion, f.fixes[0]?.title]),
    [
      ['sitx-0', 'site-0', 'Replace with `site-0`'],
      ['sitx-1', 'site-1', 'Replace with `site-1`'],
      ['sitx-2', 'site-2', 'Replace with `site-2`'],
    ],
  );
  const last = found[n - 1];
  assert.equal(at(text, last), `sitx-${n - 1}`);
  assert.equal(last.data.suggestion, null);
  assert.equal(last.fixes.length, 0);
  assert.match(last.message, /^Unknown site `sitx-3999` in link site-3999-sitx-3999\. Known sites: site-0, .*\(No close name searched for: the design names too many unknown sites\.\)$/);
  // names searched while the budget lasted, named again after it ran out: their answer, and no note
  const again = ['sites:', ...Array.from({ length: n }, (_, i) => `  site-${i}:\n    location: ${loc(i)}`), 'links:', '  - between: [site-0, qqqqqqqqqqqq]', ...Array.from({ length: n }, (_, i) => `  - between: [site-${i}, sitx-${i}]`), 'segments:', '  - name: late', '    sites: [sitx-0, qqqqqqqqqqqq, sitx-3999]'].join('\n');
  const late = core.lintTopology('x.dci.yaml', again).findings.filter((f) => f.ruleId === 'unknown-site' && f.message.includes('segment late'));
  assert.deepEqual(
    late.map((f) => [at(again, f), f.data.suggestion, /No close name searched for/.test(f.message)]),
    [
      ['sitx-0', 'site-0', false],
      ['qqqqqqqqqqqq', null, false],
      ['sitx-3999', null, true],
    ],
  );
  // every suggestion made is the right one, and the budget cut off a minority at most
  const suggested = found.filter((f) => f.data.suggestion !== null);
  assert.ok(suggested.every((f) => f.data.suggestion === at(text, f).replace('sitx', 'site')));
  assert.ok(suggested.length >= 500, `${suggested.length} suggested`);
});

test('a schema error on each of 3,000 sites is shown on that site (large mappings looked up by an index)', () => {
  const n = 3000;
  const text = ['sites:', ...Array.from({ length: n }, (_, i) => `  s${i}:\n    location: ${loc(i)}\n    colour${i}: red`)].join('\n');
  const schema = core.parseTopology(text, 'x.dci.yaml').findings.filter((f) => f.ruleId === 'schema');
  assert.equal(schema.length, n);
  schema.forEach((f, i) => assert.equal(at(text, f), `colour${i}`, f.message));
});

test('a large mapping looked up by its index: a repeated key is its last pair, a merged key its `<<`', () => {
  const extra = Array.from({ length: 20 }, (_, i) => `    t${i}: 1`).join('\n');
  // a site of 23 keys whose `location` is written twice: the schema checks the last one (as loaders read it)
  const repeated = `sites:\n  x:\n    name: fine\n    location: [50.1, 8.7]\n${extra}\n    location: [91, 8.7]\n    name: [1]\n`;
  const found = core.lintTopology('x.dci.yaml', repeated).findings;
  assert.deepEqual(
    found.filter((f) => f.ruleId === 'invalid-location' || (f.ruleId === 'schema' && f.data.path === 'sites.x.name')).map((f) => [f.ruleId, at(repeated, f)]),
    [
      ['invalid-location', '[91, 8.7]'],
      ['schema', '[1]'],
    ],
  );
  // an unknown key brought in by a merge into a large mapping is shown on the `<<` value it came through
  const merged = `sites:\n  x:\n    <<: {location: [1, 2], colour: red}\n${extra}\n`;
  const colour = core.parseTopology(merged, 'x.dci.yaml').findings.filter((f) => f.ruleId === 'schema' && /colour/.test(f.message));
  assert.deepEqual(
    colour.map((f) => at(merged, f)),
    ['{location: [1, 2], colour: red}'],
  );
});

test("the bundled schema validators gather errors in place: no `vErrors.concat` (ajv's copy per sub-schema)", () => {
  for (const bundle of ['core.js', 'server-bundle.js', 'cli.js']) {
    const code = readFileSync(path.join(DIST, bundle), 'utf8');
    assert.match(code, /else for \(const \w+ of validate\d+\.errors\) vErrors\.push\(\w+\);/, `${bundle}: the rewritten gathering is there`);
    assert.equal(code.includes('vErrors.concat('), false, bundle);
  }
});

test('a follow-the-sun fix on each of 2,000 migrations removes its own entry (found by a binary search of the outline)', () => {
  const n = 2000;
  const text = [
    'sites:',
    ...Array.from({ length: n }, (_, i) => `  s${i}:\n    location: ${loc(i)}`),
    'migrations:',
    ...Array.from({ length: n }, (_, i) => `  - name: m${i}\n    method: vmotion\n    path: [s${i}, s${(i * 7 + 1) % n}, s${(i * 13 + 2) % n}]\n    schedule: follow-the-sun`),
    '',
  ].join('\n');
  const found = core.lintTopology('x.dci.yaml', text).findings.filter((f) => f.ruleId === 'follow-the-sun');
  assert.equal(found.length, n);
  for (const f of found) {
    const removal = f.fixes[0].edits[0];
    const k = Number(f.data.migration.slice(1));
    assert.equal(removal.newText, '');
    // the entry from its `- ` line up to the next entry's (the last: to the end of the section)
    assert.equal(text.slice(removal.start, removal.end), text.slice(text.indexOf(`  - name: m${k}\n`), k + 1 < n ? text.indexOf(`  - name: m${k + 1}\n`) : text.length), f.data.migration);
  }
  // the search itself, against a scan, at and between the starts
  const starts = [3, 10, 11, 40];
  for (let offset = 0; offset < 45; offset++) {
    let scan = -1;
    for (let i = 0; i < starts.length; i++) if (starts[i] <= offset) scan = i;
    assert.equal(core.entryIndexAt(starts, offset), scan, `offset ${offset}`);
  }
  assert.equal(core.entryIndexAt([], 5), -1);
});
