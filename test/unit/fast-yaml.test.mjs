// The fast YAML path (core/parse/fast-yaml.ts) must compose exactly what `yaml` composes, or give up:
// node kinds, values, flow flags, range[0] of every node, range[1] of scalars and flow collections, the
// end of block collections up to trailing whitespace (what nodeLoc reads), and the plain data. And the
// topology parse must give the same designs and findings on both paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { generateTopology } from '../../bench/generate.mjs';

const require = createRequire(import.meta.url);
const core = require('../../dist/core.js');
const Y = require('yaml');
const repo = new URL('../../', import.meta.url).pathname;
const OPTIONS = { uniqueKeys: false, merge: true, prettyErrors: false, strict: false };

function yamlFiles(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

const kind = (n) => (Y.isMap(n) ? 'map' : Y.isSeq(n) ? 'seq' : Y.isScalar(n) ? 'scalar' : Y.isAlias(n) ? 'alias' : String(n));
/** nodeLoc's end: the range's end without trailing whitespace */
function visibleEnd(text, r) {
  let e = r[1];
  while (e > r[0] + 1 && /\s/.test(text[e - 1] ?? '')) e--;
  return Math.max(e, r[0] + 1);
}

/** The first difference between two composed trees, or null. */
function difference(a, b, text, path = '') {
  if (kind(a) !== kind(b)) return `${path}: ${kind(a)} vs ${kind(b)}`;
  if (a.range[0] !== b.range[0]) return `${path}: starts at ${a.range[0]} vs ${b.range[0]}`;
  if (Y.isScalar(a)) {
    if (!Object.is(a.value, b.value)) return `${path}: value ${String(a.value)} vs ${String(b.value)}`;
    if (a.type !== b.type) return `${path}: type ${a.type} vs ${b.type}`;
    return a.range[1] === b.range[1] ? null : `${path}: ends at ${a.range[1]} vs ${b.range[1]}`;
  }
  if (!!a.flow !== !!b.flow) return `${path}: flow ${!!a.flow} vs ${!!b.flow}`;
  const endA = a.flow ? a.range[1] : visibleEnd(text, a.range);
  const endB = b.flow ? b.range[1] : visibleEnd(text, b.range);
  if (endA !== endB) return `${path}: ends at ${endA} vs ${endB}`;
  if (a.items.length !== b.items.length) return `${path}: ${a.items.length} vs ${b.items.length} items`;
  for (let i = 0; i < a.items.length; i++) {
    const d = Y.isMap(a)
      ? (difference(a.items[i].key, b.items[i].key, text, `${path}/key ${i}`) ??
        difference(a.items[i].value, b.items[i].value, text, `${path}/${String(a.items[i].key.value)}`))
      : difference(a.items[i], b.items[i], text, `${path}/${i}`);
    if (d) return d;
  }
  return null;
}

/** 'fallback' when the fast path gives up, 'same' when it agrees with yaml, else what differs. */
function compare(text) {
  const fast = core.fastParseBlock(text);
  if (!fast) return 'fallback';
  const docs = Y.parseAllDocuments(text, OPTIONS);
  if (docs.length !== 1) return `fast path took a stream of ${docs.length} documents`;
  if (docs[0].errors.length > 0) return `fast path took a text yaml rejects: ${docs[0].errors[0].message}`;
  const d = difference(fast, docs[0].contents, text);
  if (d) return d;
  const plain = JSON.stringify(core.plainOf(fast));
  const expected = JSON.stringify(docs[0].toJS());
  return plain === expected ? 'same' : `plain data ${plain} vs ${expected}`;
}

const serialise = (x) =>
  JSON.stringify(x, (_k, v) => (v instanceof Map || v instanceof Set ? [...v] : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));

test('every fixture and example: the fast path agrees with yaml or gives up, and the parse is the same', () => {
  const files = [...yamlFiles(join(repo, 'test')), ...yamlFiles(join(repo, 'examples'))];
  let fast = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const r = compare(text);
    assert.ok(r === 'same' || r === 'fallback', `${file}: ${r}`);
    if (r === 'same') fast++;
    assert.equal(serialise(core.parseTopology(text, file)), serialise(core.parseTopology(text, file, { fast: false })), file);
  }
  // most fixtures carry indented `#  ^^^ error` annotations and take the yaml path; the others must not
  assert.ok(fast >= 20, `only ${fast} of ${files.length} files took the fast path`);
});

test('generated designs (the bench corpus style) take the fast path, with the same designs and findings', () => {
  for (const [sites, seed] of [
    [4, 1],
    [12, 2],
    [30, 3],
    [150, 4],
    [500, 1],
  ]) {
    const text = generateTopology(sites, seed);
    assert.equal(compare(text), 'same', `${sites} sites, seed ${seed}`);
    const file = `/x/bench-${sites}.dci.yaml`;
    assert.equal(serialise(core.parseTopology(text, file)), serialise(core.parseTopology(text, file, { fast: false })));
  }
});

test('what the fast path leaves to yaml', () => {
  for (const text of [
    'a: &x 1\nb: *x\n', // anchors and aliases
    'a: !tag 1\n', // tags
    'a: |\n  text\n', // block scalars
    'a: >\n  text\n',
    'a: 1\n---\nb: 2\n', // streams
    '%YAML 1.2\n---\na: 1\n',
    'a:\n\tb: 1\n', // tabs
    'a: 1\r\nb: 2\r\n', // CRLF
    'a:\n  b: 1\n  # an indented comment line\n', // where yaml's collection ends depend on comment placement
    'a: "x\\ty"\n', // escapes
    "a: 'it''s'\n",
    'a: [1,\n  2]\n', // multi-line flow
    'a: plain\n  continued\n', // multi-line plain scalar
    '? a\n: b\n', // explicit keys
    '<<: { a: 1 }\n', // merge keys
    '"quoted key": 1\n',
    'a : 1\n',
    'a: [[1, 2]]\n', // nested flow
    'just text\n',
    '',
    '# only a comment\n',
    'a: b: c\n', // yaml errors
    'a: 1\n  b: 2\n',
    'a:\n    b: 1\n  c: 2\n',
  ])
    assert.equal(core.fastParseBlock(text), undefined, JSON.stringify(text));
});

test('edge cases of ranges the fast path reproduces', () => {
  for (const text of [
    'sites:\n# a comment at column 0\n', // a null value takes in the comment lines after it
    'r:\n  a:\n# c\n\n# d\nb: 1\n',
    'r:\n  - \n# c\nb: 1\n',
    'r:\n  a:  # c\nb: 1\n',
    'r:\n  - # c\n  -\n',
    'a:\n  b: X  # trailing\nc: 1',
    's:\n- a\n- b  # c\nt: 1\n',
    'a:\n- x\n-  y\n- k: 1\n  j: 2\n-\n  z: 1\n- \nb: [ a , b ]\n',
    'a: "q x"\nb: \'s\'  \nc: { }\nd: []\ne: { lat: -1.5, lon: 2e3 }\n',
    'n: [~, null, Null, true, FALSE, 0x1F, 0o17, 007, +3, -0, .5, 1., 1e3, .inf, -.Inf, .nan, 1_000, yes]\nt: 12:30\n',
    '1: a\nnull: b\ntrue: c\n1.50: d\ntoString: e\n',
    'a: x # c\n# d\n\nb:\n  - [a, b]   # e\n  - { k: v }\n',
    'a: http://x#y\nb: a#b\nc: a:b\nd: -71.1\ne: Zürich DC1\n',
    // the shapes of the editor's chunks (core/parse/incremental.ts): an indented entry, a list item, comments above
    '- a\n- b\n',
    '  fra1:\n    name: Frankfurt\n    location: [50.1, 8.6]\n\n',
    '  # the hub\n  fra1:\n    location: { lat: 50.1, lon: 8.6 }\n',
    '  - between: [fra1, ams1]\n    rtt_ms: 3\n# trailing\n',
    '    - a\n    -\n# c\n',
  ])
    assert.equal(compare(text), 'same', JSON.stringify(text));
});

// Texts from a small grammar of block YAML with the constructs near the subset's borders (comments at
// every indentation, empty values, compact sequences, quotes, flow collections, odd scalars): whatever
// the fast path accepts must be what yaml composes.
const SCALARS = [
  'a',
  'fra1',
  'x y',
  '1',
  '-2',
  '1.5',
  '.5',
  '1e3',
  '0x1F',
  '~',
  'null',
  'true',
  'False',
  '.inf',
  '007',
  'a:b',
  'a#b',
  '"q"',
  "'s'",
  '"a b"',
  "'it''s'",
  '"e\\n"',
  '[1, 2]',
  '[ a , b ]',
  '{ lat: 1, lon: 2 }',
  '{a: 1}',
  '[]',
  '{ }',
  '-',
  '- a',
  'a: b',
  '&x a',
  '*x',
  '|',
  '? a',
  'Zürich',
  'a,b',
  'a]',
  '[a, [b]]',
  '{ a }',
  '[a,]',
  'a # c',
  'a#',
  '"x" # c',
  "''",
  '[ "a", \'b\' ]',
  '12:30',
  '-0',
  '__proto__',
  '<<',
];
const KEYS = ['a', 'b', 'sites', 'links', '1', 'null', 'true', 'x y', 'a:b', '-k', '__proto__', 'toString', '<<', '"q"', 'k#', '[k]', 'é'];
const node = fc.letrec((tie) => ({
  value: fc.oneof(
    { weight: 5, arbitrary: fc.record({ scalar: fc.constantFrom(...SCALARS), comment: fc.boolean() }) },
    { weight: 1, arbitrary: fc.constant({ empty: true }) },
    { weight: 2, arbitrary: tie('block') },
  ),
  block: fc.record({
    seq: fc.boolean(),
    extraIndent: fc.constantFrom(0, 0, 0, 1, 2),
    entries: fc.array(
      fc.record({ key: fc.constantFrom(...KEYS), value: tie('value'), after: fc.constantFrom('', '', '', 'blank', 'comment0', 'comment-indented', 'spaces') }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
}));
function render(block, indent, lines, lead) {
  const pad = ' '.repeat(indent);
  block.entries.forEach((e, i) => {
    const head = (i === 0 && lead !== undefined ? lead : pad) + (block.seq ? '- ' : `${e.key}: `);
    const v = e.value;
    if (v.scalar !== undefined) lines.push(head + v.scalar + (v.comment ? '  # c' : ''));
    else if (v.empty) lines.push(head.trimEnd());
    else if (block.seq && !v.seq && v.extraIndent === 0) render(v, indent + 2, lines, head);
    else {
      lines.push(head.trimEnd());
      render(v, indent + 2 + v.extraIndent - (v.seq && !block.seq && v.extraIndent === 0 ? 2 : 0), lines);
    }
    if (e.after === 'blank') lines.push('');
    if (e.after === 'comment0') lines.push('# c0');
    if (e.after === 'comment-indented') lines.push(`${pad}   # ci`);
    if (e.after === 'spaces') lines.push('   ');
  });
}

test('generated block YAML: the fast path agrees with yaml or gives up', () => {
  let taken = 0;
  fc.assert(
    fc.property(node.block, fc.boolean(), fc.constantFrom(0, 0, 2, 4), fc.boolean(), (block, newline, base, comment) => {
      const lines = comment ? [`${' '.repeat(base)}# above`] : [];
      render(base === 0 ? { ...block, seq: false } : block, base, lines);
      const text = lines.join('\n') + (newline ? '\n' : '');
      const r = compare(text);
      if (r === 'same') taken++;
      assert.ok(r === 'same' || r === 'fallback', `${JSON.stringify(text)}: ${r}`);
    }),
    { numRuns: 3000, seed: 13 },
  );
  assert.ok(taken > 300, `the fast path took only ${taken} of 3000 texts: the test no longer tests it`);
});

test('thousands of nesting levels: no exception, yaml decides', () => {
  const deep = Array.from({ length: 20000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
  assert.doesNotThrow(() => core.fastParseBlock(deep));
});
