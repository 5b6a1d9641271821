// Suppression comments: `# dci-lint-ignore: id[, id] -- reason` on the finding's line or the line
// above (`//` too in HCL), and `# dci-lint-ignore-file: id` for the whole file.

import type { Finding, Fix } from './design';
import { LineIndex } from './lines';

const COMMENT = /(?:#|\/\/)\s*dci-lint-ignore(-file)?\b(?::\s*([^\n]*?))?\s*(?:--.*)?$/;

export interface Suppressions {
  file: Set<string>;
  lines: Map<number, Set<string>>;
}

function ids(list: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const id of (list ?? '').split(',')) if (id.trim()) out.add(id.trim());
  if (out.size === 0) out.add('*');
  return out;
}

export function readSuppressions(text: string): Suppressions {
  const result: Suppressions = { file: new Set(), lines: new Map() };
  if (!text.includes('dci-lint-ignore')) return result;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line.includes('dci-lint-ignore')) return;
    const m = COMMENT.exec(line);
    if (!m) return;
    const set = ids(m[2]);
    if (m[1]) for (const id of set) result.file.add(id);
    else result.lines.set(i, set);
  });
  return result;
}

export function isSuppressed(s: Suppressions, ruleId: string, line: number): boolean {
  const has = (set: Set<string> | undefined) => !!set && (set.has(ruleId) || set.has('*'));
  return has(s.file) || has(s.lines.get(line)) || has(s.lines.get(line - 1));
}

export function markSuppressed(findings: Finding[], text: string, file: string): void {
  const s = readSuppressions(text);
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
  const indent = /^\s*/.exec(index.lineText(line))![0];
  const at = index.lineStart(line);
  return {
    title: `Disable ${f.ruleId} for this line`,
    edits: [{ file: f.loc.file, start: at, end: at, newText: `${indent}# dci-lint-ignore: ${f.ruleId} -- reason\n` }],
  };
}

export function disableFileFix(f: Finding): Fix {
  return { title: `Disable ${f.ruleId} for this file`, edits: [{ file: f.loc.file, start: 0, end: 0, newText: `# dci-lint-ignore-file: ${f.ruleId}\n` }] };
}
