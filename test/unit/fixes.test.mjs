// Every fixable rule has a `fixed` fixture: next to each test/fixtures/rules/<rule-id>/[NAME-]fires.dci.yaml
// with a finding of the rule that has a fix, [NAME-]fixed.dci.yaml is the text that applying one fix per
// such finding gives (the preferred fix, else the first). The findings that had a fix are gone from it
// (those without one, if any, stay); its other findings are pinned by its own markers
// (test/unit/fixtures.test.mjs lints it like every fixture).
//
// After a deliberate change to a fix, rewrite the `fixed` fixtures with
//   FIXES_UPDATE=1 node --test test/unit/fixes.test.mjs
// and review the diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { annotate, EXPECT_LINE } from '../helpers/expectations.mjs';

const core = createRequire(import.meta.url)('../../dist/core.js');
const root = new URL('../fixtures/rules/', import.meta.url).pathname;
const UPDATE = process.env.FIXES_UPDATE === '1';

// Rules whose fixes are applied one at a time, each on the text the one before gave, until no finding of
// the rule has a fix (as a user applies quick fixes), instead of all at once on the first text (fix-all):
// - follow-the-sun: its fix rewrites the document's structure and is not preferred (fix-all never applies
//   it): two computed on the same text would each append a `services:` and a `users:` section;
// - user-latency: a fix that adds an instance to a service changes the wording of another finding of the
//   same service (`its only site is fra1` -> `the nearest instance (gslb) is fra1`), whose fix then reads
//   the new text;
// - cross-site-dependency: the fix of a misspelt dependency (`sesion` -> `session`) reveals the latency
//   finding of that dependency, which has its own fix.
// For these, no finding of the rule may be left with a fix; which are left (those without one, and any a
// fix revealed) the fixed fixture's markers say.
const ONE_AT_A_TIME = new Set(['follow-the-sun', 'user-latency', 'cross-site-dependency']);
const MAX_ROUNDS = 50;

/** The first fix (the preferred one, else the first) of the first finding of `ruleId` that has one, applied; undefined when none has. */
function applyFirstFix(file, text, ruleId) {
  const f = core.lintTopology(file, text).findings.find((x) => x.ruleId === ruleId && x.fixes.length > 0);
  if (!f) return undefined;
  let out = text;
  for (const e of [...(f.fixes.find((x) => x.preferred) ?? f.fixes[0]).edits].filter((x) => x.file === file).sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Fixes applied one at a time until no finding of `ruleId` has one (at most MAX_ROUNDS). */
function applyFixesInTurn(file, text, ruleId) {
  const own = core.lintTopology(file, text).findings.filter((f) => f.ruleId === ruleId);
  let out = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = applyFirstFix(file, out, ruleId);
    if (next === undefined) break;
    assert.notEqual(next, out, `${ruleId}: a fix that changes nothing (round ${round + 1})`);
    out = next;
  }
  return { text: out, fixed: own.filter((f) => f.fixes.length > 0).length, unfixable: own.filter((f) => f.fixes.length === 0).map((f) => f.message) };
}

/** One fix per finding of `ruleId`, applied back to front; an edit overlapping one already applied is skipped. */
function applyFixes(file, text, ruleId) {
  const own = core.lintTopology(file, text).findings.filter((f) => f.ruleId === ruleId);
  const edits = own
    .filter((f) => f.fixes.length > 0)
    .flatMap((f) => (f.fixes.find((x) => x.preferred) ?? f.fixes[0]).edits)
    .filter((e) => e.file === file)
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let floor = Infinity;
  for (const e of edits) {
    if (e.end > floor) continue;
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    floor = e.start;
  }
  return { text: out, fixed: own.filter((f) => f.fixes.length > 0).length, unfixable: own.filter((f) => f.fixes.length === 0).map((f) => f.message) };
}

for (const rule of core.RULES.filter((r) => r.meta.fixable)) {
  const id = rule.meta.id;
  const dir = join(root, id);
  const pairs = readdirSync(dir)
    .filter((n) => /^(.+-)?fires\.dci\.yaml$/.test(n))
    .map((n) => {
      const source = readFileSync(join(dir, n), 'utf8').replace(EXPECT_LINE, '');
      return { fires: n, fixedName: n.replace(/fires\.dci\.yaml$/, 'fixed.dci.yaml'), source, ...(ONE_AT_A_TIME.has(id) ? applyFixesInTurn : applyFixes)(join(dir, n), source, id) };
    })
    .filter((p) => p.fixed > 0);

  test(`${id} is fixable: a fires fixture has a finding with a fix`, () => {
    assert.ok(pairs.length > 0, `no finding of ${id} in test/fixtures/rules/${id}/*fires.dci.yaml has a fix`);
  });

  for (const p of pairs) {
    const inTurn = ONE_AT_A_TIME.has(id);
    test(`${id}/${p.fixedName} is ${p.fires} with its fixes applied${inTurn ? ' one at a time' : ''}, and free of the findings they fix`, () => {
      const fixedPath = join(dir, p.fixedName);
      const after = core.lintTopology(fixedPath, p.text).findings;
      // no new syntax or schema problem: a fix writes valid YAML of the format
      assert.deepEqual(after.filter((f) => f.ruleId === 'syntax' || (f.ruleId === 'schema' && f.severity === 'error')).map((f) => f.message), [], 'the fixed text is a valid design');
      const left = after.filter((f) => f.ruleId === id);
      // what is left is pinned by the fixed fixture's own markers (test/unit/fixtures.test.mjs)
      if (inTurn) assert.deepEqual(left.filter((f) => f.fixes.length > 0).map((f) => f.message), [], 'no finding left with a fix');
      else assert.deepEqual(left.map((f) => f.message).sort(), [...p.unfixable].sort(), 'only the findings without a fix remain');
      if (UPDATE) writeFileSync(fixedPath, annotate(p.text, after, new core.LineIndex(p.text)));
      assert.ok(existsSync(fixedPath), `test/fixtures/rules/${id}/${p.fixedName} is missing (FIXES_UPDATE=1 writes it)`);
      assert.equal(readFileSync(fixedPath, 'utf8').replace(EXPECT_LINE, ''), p.text, `${p.fixedName} is what the fixes give (FIXES_UPDATE=1 to refresh)`);
    });
  }
}
