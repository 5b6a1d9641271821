// Suppression comments: `# dci-lint-ignore: id[, id] -- reason` on the finding's line or the line
// above (`//` and `/* */` too in HCL), and `# dci-lint-ignore-file: id` for the whole file.
// Only real comments carry directives: the caller says where the comments of a text are (the YAML CST,
// tree-sitter's `comment` nodes in HCL), so the same words inside a string, a block scalar or a heredoc
// are text, not a directive. Every scan here is linear in the text (no backtracking regular expression).

import { Parser } from 'yaml';
import type { Finding, Fix } from './design';
import { LineIndex } from './lines';

const MARK = 'dci-lint-ignore';

export interface Suppressions {
  file: Set<string>;
  lines: Map<number, Set<string>>;
}

/** A comment of a text: [start, end) offsets, delimiters included (`# ...`, `// ...`, `/* ... *\/`). */
export interface CommentRange {
  start: number;
  end: number;
}

/**
 * The comments of a YAML text, from the `yaml` library's concrete syntax tree (CST): comment tokens only,
 * never the content of quoted or block scalars. Linear; an explicit stack (no recursion).
 */
export function yamlComments(text: string): CommentRange[] {
  const out: CommentRange[] = [];
  const stack: unknown[] = [];
  for (const token of new Parser().parse(text)) stack.push(token);
  while (stack.length > 0) {
    const t = stack.pop();
    if (Array.isArray(t)) {
      for (const x of t) if (x !== null && typeof x === 'object') stack.push(x);
      continue;
    }
    if (t === null || typeof t !== 'object') continue;
    const o = t as { type?: unknown; offset?: unknown; source?: unknown };
    if (o.type === 'comment' && typeof o.offset === 'number' && typeof o.source === 'string') {
      out.push({ start: o.offset, end: o.offset + o.source.length });
      continue;
    }
    for (const v of Object.values(o)) if (v !== null && typeof v === 'object') stack.push(v);
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The directive of one comment's text, or undefined: `#`, `//` or `/*`, blanks, `dci-lint-ignore` or
 * `dci-lint-ignore-file`, then optionally `: id, id` and `-- reason`. Parsed by hand: linear.
 */
export function parseDirective(comment: string): { file: boolean; ids: Set<string> } | undefined {
  let i = comment.startsWith('#') ? 1 : comment.startsWith('//') || comment.startsWith('/*') ? 2 : -1;
  if (i < 0) return undefined;
  while (i < comment.length && (comment[i] === ' ' || comment[i] === '\t')) i++;
  if (!comment.startsWith(MARK, i)) return undefined;
  i += MARK.length;
  const file = comment.startsWith('-file', i);
  if (file) i += 5;
  let rest = comment.slice(i);
  if (comment.startsWith('/*')) rest = rest.replace(/\*\/$/, '');
  // `\b` of the old expression: `dci-lint-ignored` is no directive.
  if (rest !== '' && /^[\w-]/.test(rest)) return undefined;
  const dash = rest.indexOf('--');
  if (dash >= 0) rest = rest.slice(0, dash);
  rest = rest.trim();
  const ids = new Set<string>();
  if (rest.startsWith(':')) {
    for (const id of rest.slice(1).split(',')) if (id.trim()) ids.add(id.trim());
  } else if (rest !== '') return undefined;
  if (ids.size === 0) ids.add('*');
  return { file, ids };
}

/** The directives of a text's comments, by the 0-based line each comment starts on. */
export function readSuppressions(text: string, comments: CommentRange[]): Suppressions {
  const result: Suppressions = { file: new Set(), lines: new Map() };
  if (!text.includes(MARK)) return result;
  let index: LineIndex | undefined;
  for (const c of comments) {
    const body = text.slice(c.start, c.end);
    if (!body.includes(MARK)) continue;
    const d = parseDirective(body.replace(/\r?\n?$/, ''));
    if (!d) continue;
    if (d.file) for (const id of d.ids) result.file.add(id);
    else result.lines.set((index ??= new LineIndex(text)).position(c.start).line, d.ids);
  }
  return result;
}

export function isSuppressed(s: Suppressions, ruleId: string, line: number): boolean {
  const has = (set: Set<string> | undefined) => !!set && (set.has(ruleId) || set.has('*'));
  return has(s.file) || has(s.lines.get(line)) || has(s.lines.get(line - 1));
}

/** Marks the findings in `file` that a directive in one of its comments suppresses. */
export function markSuppressed(findings: Finding[], text: string, file: string, comments: (text: string) => CommentRange[] = yamlComments): void {
  if (!text.includes(MARK)) return;
  const s = readSuppressions(text, comments(text));
  if (s.file.size === 0 && s.lines.size === 0) return;
  const index = new LineIndex(text);
  for (const f of findings) {
    if (f.loc.file === file && isSuppressed(s, f.ruleId, index.position(f.loc.start).line)) f.suppressed = true;
  }
}

/** "Disable for this line": a comment line above the finding, indented like it. */
export function disableLineFix(f: Finding, text: string): Fix {
  const index = new LineIndex(text);
  const line = index.position(f.loc.start).line;
  const lineText = index.lineText(line);
  let n = 0;
  while (n < lineText.length && (lineText[n] === ' ' || lineText[n] === '\t')) n++;
  const indent = lineText.slice(0, n);
  const at = index.lineStart(line);
  return {
    title: `Disable ${f.ruleId} for this line`,
    edits: [{ file: f.loc.file, start: at, end: at, newText: `${indent}# dci-lint-ignore: ${f.ruleId} -- reason\n` }],
  };
}

export function disableFileFix(f: Finding): Fix {
  return { title: `Disable ${f.ruleId} for this file`, edits: [{ file: f.loc.file, start: 0, end: 0, newText: `# dci-lint-ignore-file: ${f.ruleId}\n` }] };
}
