// The fast path of the YAML parse (server/src/core/parse/yaml-events.ts) builds, from js-yaml's events,
// exactly the nodes, values and ranges `yaml` composes, or gives up. Checked node by node against yaml on
// every fixture and example, on seeded mutations of them (the kinds of slip people make while typing:
// a stray character, a line indented one space off, a comment at any column, a line deleted or doubled),
// and on every nesting of block collections followed by a comment line at every column.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const core = require('../../dist/core.js');
const yaml = require('yaml');
const ROOT = path.resolve(import.meta.dirname, '../..');
// parse/yaml.ts YAML_OPTIONS
const OPTIONS = { uniqueKeys: false, merge: true, prettyErrors: false, strict: false };

function files(dir, out = []) {
  for (const n of readdirSync(dir).sort()) {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.ya?ml$/.test(n)) out.push(p);
  }
  return out;
}

const kind = (x) => (yaml.isMap(x) ? 'map' : yaml.isSeq(x) ? 'seq' : yaml.isScalar(x) ? 'scalar' : String(x));
/** What nodeLoc reads of a block collection's end: up to its last visible character. */
const visibleEnd = (text, [start, end]) => {
  while (end > start + 1 && /\s/.test(text[end - 1])) end--;
  return end;
};

/** The first difference between the fast path's node `a` and yaml's `b`, or undefined. */
function difference(a, b, text, where = '$') {
  if (kind(a) !== kind(b)) return `${where}: ${kind(a)} vs ${kind(b)}`;
  if (yaml.isScalar(a)) {
    if (!Object.is(a.value, b.value)) return `${where}: value ${JSON.stringify(a.value)} vs ${JSON.stringify(b.value)}`;
    if (a.type !== b.type) return `${where}: style ${a.type} vs ${b.type}`;
    if (a.range[0] !== b.range[0] || a.range[1] !== b.range[1]) return `${where}: range ${a.range} vs ${b.range}`;
    return undefined;
  }
  if (!!a.flow !== !!b.flow) return `${where}: flow ${a.flow} vs ${b.flow}`;
  if (a.range[0] !== b.range[0]) return `${where}: start ${a.range[0]} vs ${b.range[0]}`;
  const [ea, eb] = a.flow ? [a.range[1], b.range[1]] : [visibleEnd(text, a.range), visibleEnd(text, b.range)];
  if (ea !== eb) return `${where}: end ${ea} vs ${eb}`;
  if (a.items.length !== b.items.length) return `${where}: ${a.items.length} vs ${b.items.length} entries`;
  for (let i = 0; i < a.items.length; i++) {
    const [x, y] = [a.items[i], b.items[i]];
    const d = yaml.isPair(x)
      ? (difference(x.key, y.key, text, `${where}.#${i}`) ?? difference(x.value, y.value, text, `${where}.${x.key.value}`))
      : difference(x, y, text, `${where}[${i}]`);
    if (d) return d;
  }
  return undefined;
}

/** Compares the fast path with yaml on `text`: undefined when they agree (or the fast path gave up). */
function check(text) {
  const fast = core.fastParse(text);
  if (!fast) return { fast: false };
  if (fast.contents === null) {
    const doc = yaml.parseDocument(text, OPTIONS);
    return {
      fast: true,
      problem: doc.contents !== null || doc.errors.length > 0 ? 'yaml reads contents' : fast.plain === null ? undefined : 'plain data of nothing',
    };
  }
  const docs = yaml.parseAllDocuments(text, OPTIONS);
  if (docs.length !== 1) return { fast: true, problem: `yaml reads ${docs.length} documents` };
  const [doc] = docs;
  if (doc.errors.length > 0) return { fast: true, problem: `yaml reports an error: ${doc.errors[0].message.split('\n')[0]}` };
  const d = difference(fast.contents, doc.contents, text);
  if (d) return { fast: true, problem: d };
  if (JSON.stringify(fast.plain) !== JSON.stringify(doc.toJS({ maxAliasCount: 1000 }))) return { fast: true, problem: 'plain data differs' };
  return { fast: true };
}

const inputs = [...files(path.join(ROOT, 'test/fixtures')), ...files(path.join(ROOT, 'examples'))];

test('every fixture and example: the fast path gives yaml nodes, values and ranges (and takes nearly all of them)', () => {
  let fast = 0;
  for (const f of inputs) {
    const r = check(readFileSync(f, 'utf8'));
    assert.equal(r.problem, undefined, path.relative(ROOT, f));
    if (r.fast) fast++;
  }
  assert.ok(inputs.length > 80, `${inputs.length} inputs`);
  // The fixtures that leave it are the syntax ones (errors, anchors, several documents).
  assert.ok(fast >= inputs.length - 10, `fast path for ${fast} of ${inputs.length}`);
});

test('seeded mutations of the fixtures: wherever the fast path accepts, it agrees with yaml', () => {
  const texts = inputs.map((f) => readFileSync(f, 'utf8'));
  let seed = 20261130;
  const rnd = (n) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
  const CHARS = [':', '-', '#', '[', ']', '{', '}', ',', '"', "'", ' ', '\n', 'x', '1', '.', '~', '&', '*', '!', '|', '>', '?', '\\'];
  let accepted = 0;
  const N = 4000;
  for (let i = 0; i < N; i++) {
    let t = texts[rnd(texts.length)];
    for (let m = 1 + rnd(3); m > 0; m--) {
      const lines = t.split('\n');
      const at = rnd(lines.length);
      const line = lines[at] ?? '';
      switch (rnd(6)) {
        case 0:
          lines.splice(at, 0, `${' '.repeat(rnd(9))}# note ${rnd(10)}`);
          break;
        case 1:
          lines.splice(at, 1);
          break;
        case 2:
          lines.splice(at, 0, line);
          break;
        case 3: {
          const j = rnd(line.length + 1);
          lines[at] = line.slice(0, j) + CHARS[rnd(CHARS.length)] + line.slice(j + rnd(2));
          break;
        }
        case 4:
          lines[at] = ' '.repeat(1 + rnd(2)) + line;
          break;
        default:
          lines[at] = line.replace(/^ {1,2}/, '');
      }
      t = lines.join('\n');
    }
    const r = check(t);
    assert.equal(r.problem, undefined, `mutant ${i}:\n${t}`);
    if (r.fast) accepted++;
  }
  // Both sides are exercised: many mutants stay valid YAML, many do not.
  assert.ok(accepted > N / 4 && accepted < N, `fast path for ${accepted} of ${N}`);
});

test('comment lines after nested block collections, at every column: ranges end where yaml ends them', () => {
  const bases = [
    'a:\n  b: 1\n',
    'a:\n  b:\n    c: 1\n',
    'a:\n  - x: 1\n    y: 2\n',
    'a:\n  - x\n  - y\n',
    'a:\n  - - x\n    - y\n',
    'a:\n  b: [1, 2]\n',
    'a:\n  - x:\n      p: 1\n',
    'a:\n  b: 1   # same line\n',
    'a:\n  b: 1\n\n',
    // empty values last: yaml keeps the comments after them in the pair, at any column
    'a:\n',
    'a:\n  b:\n',
    'x:\n  - a: 1\n    b:\n',
    'a:   # same line\n',
  ];
  for (const base of bases) {
    for (let col = 0; col <= 8; col++) {
      for (const tail of ['', '\n', '\nz: 1\n', `${' '.repeat(col + 2)}# deeper\n`, `#${col}\n`]) {
        const text = `${base}${' '.repeat(col)}# c\n${tail}`;
        const r = check(text);
        assert.equal(r.problem, undefined, JSON.stringify(text));
      }
      // two comment lines at any two columns, with and without a blank line between
      for (let col2 = 0; col2 <= 8; col2++) {
        for (const gap of ['', '\n']) {
          const text = `${base}${' '.repeat(col)}# c\n${gap}${' '.repeat(col2)}# d\n`;
          const r = check(text);
          assert.equal(r.problem, undefined, JSON.stringify(text));
          assert.ok(r.fast, `the fast path takes ${JSON.stringify(text)}`);
        }
      }
    }
  }
});

test('what the fast path leaves to yaml', () => {
  for (const text of [
    'a: &x 1\nb: *x\n', // anchors and aliases
    'a: !!str 1\n', // tags
    'base: &b { x: 1 }\nc:\n  <<: *b\n', // merge keys
    'a: |\n  text\n', // block scalars
    'a: one\n  two\n', // a scalar over two lines
    'a: 1\r\nb: 2\r\n', // carriage returns
    'a:\t1\n', // tabs
    'a: x\u0085y\n', // a C1 control (NEL)
    'a: \ud83d\ude00\n', // a surrogate pair (an emoji)
    '---\na: 1\n---\nb: 2\n', // two documents
    '%YAML 1.2\n---\na: 1\n', // directives
    'a: [1, 2\n', // a syntax error: yaml's recovery and messages
    '- \n- x\n', // an empty sequence entry
    'a: { b: }\n', // an empty value in a flow mapping
    '? [a, b]\n: 1\n', // a key that is a collection
  ]) {
    assert.equal(core.fastParse(text), undefined, JSON.stringify(text));
  }
  // ... and what it takes: flow collections, quoted keys and values, escapes, core-schema values.
  const r = core.fastParse('"k": { lat: 50.1, lon: -8 }\nq: \'it\'\'s\'\nd: "a\\tb"\nn: [~, null, true, 0x1f, 0o17, 1e3, .inf, -.5, 012]\n');
  assert.deepEqual(r.plain, { k: { lat: 50.1, lon: -8 }, q: "it's", d: 'a\tb', n: [null, null, true, 31, 15, 1000, Infinity, -0.5, 12] });
  // Empty mapping values (yaml's null scalar after the colon and its spaces) and comment-only text.
  for (const text of ['sites:\n', 'a:\nb: 1\n', 'a:   # c\nb: 1\n', 'a: \n', 'x:\n  a:\n  b: 2\n', 'a:', '  a:\n', 'x:\n  - a:\n    b:\n']) {
    const c = check(text);
    assert.ok(c.fast && c.problem === undefined, `${JSON.stringify(text)}: ${c.problem ?? 'not taken'}`);
  }
  for (const text of ['# only a comment\n', '', '\n\n# a\n  # b\n']) {
    assert.deepEqual(core.fastParse(text), { contents: null, plain: null }, JSON.stringify(text));
    assert.equal(check(text).problem, undefined);
  }
});

test('resolvePlain follows the YAML 1.2 core schema as yaml does', () => {
  for (const s of [
    '~',
    'null',
    'Null',
    'NULL',
    'nULL',
    'true',
    'True',
    'TRUE',
    'tRUE',
    'false',
    '0',
    '-12',
    '+3',
    '0o17',
    '0o8',
    '0x1F',
    '0xg',
    '1.5',
    '.5',
    '5.',
    '1e3',
    '-1.5E-3',
    '.inf',
    '-.Inf',
    '.NaN',
    '1_000',
    '1:30',
    '12abc',
    '',
    '.',
    '+',
  ]) {
    const expected = yaml.parse(`v: ${s}`, OPTIONS)?.v ?? null;
    assert.ok(Object.is(core.resolvePlain(s), s === '' ? null : expected), `${JSON.stringify(s)}: ${core.resolvePlain(s)} vs ${expected}`);
  }
});
