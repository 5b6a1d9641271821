// Inputs for the hardening suites: the fixture corpus, fast-check arbitraries that mutate a document the
// way editors and people break files (delete/duplicate/swap lines, truncate, insert characters, change
// indentation, swap a value's type), and the range checks every finding must pass.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** One seed for every property: a failure reproduces on every machine. */
export const SEED = 20261125;

function walk(dir, test, out = []) {
  let names = [];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, test, out);
    else if (test(name)) out.push(p);
  }
  return out;
}

const rel = (p) => path.relative(ROOT, p);

/** Every topology YAML we ship or test with: rule fixtures, examples, protocol fixtures. */
export function yamlCorpus() {
  const files = [
    ...walk(path.join(ROOT, 'test/fixtures/rules'), (n) => /\.ya?ml$/.test(n)),
    ...walk(path.join(ROOT, 'examples'), (n) => /\.dci\.ya?ml$/.test(n)),
    ...walk(path.join(ROOT, 'test/lsp/fixtures'), (n) => /\.dci\.ya?ml$/.test(n)),
  ];
  return files.map((f) => ({ file: rel(f), text: readFileSync(f, 'utf8') }));
}

/** Terraform modules (one per folder) from the fixtures and examples. */
export function hclCorpus() {
  const files = [
    ...walk(path.join(ROOT, 'test/fixtures/terraform'), (n) => /\.(tf|tfvars)$/.test(n)),
    ...walk(path.join(ROOT, 'examples/terraform'), (n) => /\.(tf|tfvars)$/.test(n)),
  ];
  const modules = new Map();
  for (const f of files) {
    const dir = rel(path.dirname(f));
    if (!modules.has(dir)) modules.set(dir, []);
    modules.get(dir).push({ file: rel(f), text: readFileSync(f, 'utf8') });
  }
  return [...modules.entries()].map(([dir, files]) => ({ dir, files }));
}

// --- mutations ---------------------------------------------------------------------------------

/** Values of the wrong type, and YAML's odd scalars. */
export const WRONG_VALUES = [
  '[]',
  '{}',
  'null',
  '~',
  '.nan',
  '.NaN',
  '.inf',
  '-.inf',
  '-1',
  '-0.0',
  '0',
  '1e308',
  '-1e308',
  '1e-320',
  '99999999999999999999999',
  '"12"',
  'yes',
  'true',
  "''",
  '[1, [2, [3]]]',
  '{a: {b: c}}',
  '!!binary aGk=',
  '!!str 5',
  '!custom x',
  '&a x',
  '*a',
  '*nowhere',
  '|\n  block',
  '0x1F',
  '0o17',
  '2026-11-25',
  '"\\u0000"',
  '😀',
];

/** Characters and tokens that matter to YAML or HCL parsers. */
export const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ':',
  ': ',
  ',',
  '- ',
  '-',
  '#',
  '"',
  "'",
  '&a ',
  '*a',
  '!',
  '|',
  '>',
  '%',
  '@',
  '`',
  '?',
  '\t',
  '\r',
  '\r\n',
  '\n',
  '\u0000',
  '\uFEFF',
  '\u2028',
  '😀',
  '\uD800',
  '${',
  '%{',
  '}}',
  '<<EOF\n',
  '\\',
  '=',
  '=>',
  '...',
  '---',
  '<<: *a',
  ' '.repeat(40),
  'é',
];

const pos = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const mutationArb = fc.oneof(
  fc.record({ op: fc.constant('deleteLine'), at: pos }),
  fc.record({ op: fc.constant('duplicateLine'), at: pos }),
  fc.record({ op: fc.constant('swapLines'), at: pos, with: pos }),
  fc.record({ op: fc.constant('truncate'), at: pos }),
  fc.record({
    op: fc.constant('insertToken'),
    at: pos,
    token: fc.constantFrom(...TOKENS),
  }),
  fc.record({
    op: fc.constant('insertChars'),
    at: pos,
    chars: fc.string({ unit: 'binary', maxLength: 8 }),
  }),
  fc.record({
    op: fc.constant('deleteRange'),
    at: pos,
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    op: fc.constant('indent'),
    at: pos,
    delta: fc.integer({ min: -4, max: 6 }),
    tab: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('swapType'),
    at: pos,
    value: fc.constantFrom(...WRONG_VALUES),
  }),
);

export const mutationsArb = fc.array(mutationArb, {
  minLength: 1,
  maxLength: 6,
});

const idx = (at, n) => Math.min(n - 1, Math.floor(at * n));

export function mutate(text, m) {
  const lines = text.split('\n');
  const line = idx(m.at, lines.length);
  switch (m.op) {
    case 'deleteLine':
      lines.splice(line, 1);
      return lines.join('\n');
    case 'duplicateLine':
      lines.splice(line, 0, lines[line]);
      return lines.join('\n');
    case 'swapLines': {
      const other = idx(m.with, lines.length);
      [lines[line], lines[other]] = [lines[other], lines[line]];
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, idx(m.at, text.length + 1));
    case 'insertToken':
    case 'insertChars': {
      const at = idx(m.at, text.length + 1);
      return text.slice(0, at) + (m.token ?? m.chars) + text.slice(at);
    }
    case 'deleteRange': {
      const at = idx(m.at, text.length + 1);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'indent': {
      const l = lines[line];
      lines[line] = m.delta >= 0 ? (m.tab ? '\t' : ' ').repeat(m.delta) + l : l.replace(new RegExp(`^ {0,${-m.delta}}`), '');
      return lines.join('\n');
    }
    case 'swapType': {
      // The value after the first `:` (YAML) or `=` (HCL) of a line that has one; else append a key.
      const candidates = lines.map((l, i) => (/[:=]\s*\S/.test(l) && !/^\s*#/.test(l) ? i : -1)).filter((i) => i >= 0);
      if (candidates.length === 0) return text + `\nx: ${m.value}\n`;
      const i = candidates[idx(m.at, candidates.length)];
      lines[i] = lines[i].replace(/([:=]\s*)\S.*$/, (_, sep) => sep + m.value);
      return lines.join('\n');
    }
    default:
      throw new Error(`unknown mutation ${m.op}`);
  }
}

export const applyAll = (text, ms) => ms.reduce(mutate, text);

// --- checks ------------------------------------------------------------------------------------

function checkLoc(problems, what, loc, texts) {
  const text = texts.get(loc.file);
  if (text === undefined) return problems.push(`${what}: file ${loc.file} is not an input`);
  const { start, end } = loc;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > text.length)
    problems.push(`${what}: range [${start}, ${end}] outside 0..${text.length}`);
}

/** A NaN or infinite number anywhere in a finding's data (its figures). */
export function nonFinite(v) {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (Array.isArray(v)) return v.some(nonFinite);
  if (v && typeof v === 'object') return Object.values(v).some(nonFinite);
  return false;
}

/** Every location a finding carries (its own, related ones, fix edits) lies inside its file. */
export function rangeProblems(findings, texts) {
  const problems = [];
  for (const f of findings) {
    const what = `${f.ruleId} "${String(f.message).slice(0, 80)}"`;
    if (typeof f.message !== 'string' || f.message.length === 0) problems.push(`${what}: no message`);
    if (!['error', 'warning', 'info', 'hint'].includes(f.severity)) problems.push(`${what}: severity ${f.severity}`);
    checkLoc(problems, what, f.loc, texts);
    for (const r of f.related ?? []) checkLoc(problems, `${what} related`, r.loc, texts);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) checkLoc(problems, `${what} fix "${fix.title}"`, e, texts);
    if (f.ruleId === 'internal') problems.push(`${what}: a rule failed`);
    if (nonFinite(f.data))
      problems.push(
        `${what}: a NaN or infinite figure in data ${JSON.stringify(f.data, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)).slice(0, 200)}`,
      );
  }
  return problems;
}

/** LSP: every range lies inside the document's lines (0-based, character <= length of the line). */
export function lspRangeProblems(diagnostics, text) {
  const lines = text.split(/\r\n|\r|\n/);
  const problems = [];
  const inside = (p) =>
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    p.line >= 0 &&
    p.line < lines.length &&
    p.character >= 0 &&
    p.character <= lines[p.line].length;
  const before = (a, b) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  for (const d of diagnostics) {
    const { start, end } = d.range;
    if (!inside(start) || !inside(end) || !before(start, end)) problems.push(`${d.code}: ${JSON.stringify(d.range)} outside the ${lines.length} lines`);
  }
  return problems;
}

/** A stable, comparable form of findings (file keys renamed so two runs under different keys compare). */
export function canonical(findings, rename = (f) => f) {
  return JSON.stringify(
    findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      loc: { ...f.loc, file: rename(f.loc.file) },
      related: (f.related ?? []).map((r) => ({
        ...r,
        loc: { ...r.loc, file: rename(r.loc.file) },
      })),
      fixes: (f.fixes ?? []).map((x) => ({
        ...x,
        edits: x.edits.map((e) => ({ ...e, file: rename(e.file) })),
      })),
      suppressed: !!f.suppressed,
    })),
  );
}

/** Where a failing property shrank to, in a form a reader can paste into a regression test. */
export function show(text, limit = 600) {
  return JSON.stringify(text.length > limit ? text.slice(0, limit) + '…' : text);
}
