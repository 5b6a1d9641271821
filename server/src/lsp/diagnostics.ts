// Findings -> LSP diagnostics: source "dci-lint", code = rule id, a docs link, related sites.

import { Diagnostic, DiagnosticSeverity, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import { docsUrl, LineIndex, type Finding, type Loc, type Severity } from '../core';
import type { Analysis } from './workspace';

export const SOURCE = 'dci-lint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const indexes = new WeakMap<Analysis, Map<string, LineIndex>>();

/** The line index of any file the analysis knows (the document itself, other module files). */
export function indexFor(a: Analysis, file: string): LineIndex | undefined {
  if (file === a.uri) return a.index;
  let m = indexes.get(a);
  if (!m) indexes.set(a, (m = new Map()));
  let idx = m.get(file);
  const text = a.texts.get(file);
  if (!idx && text !== undefined) m.set(file, (idx = new LineIndex(text)));
  return idx;
}

export function rangeOf(index: LineIndex, start: number, end: number): Range {
  return { start: index.position(start), end: index.position(end) };
}

export function locRange(a: Analysis, loc: Loc): Range | undefined {
  const idx = indexFor(a, loc.file);
  return idx ? rangeOf(idx, loc.start, loc.end) : undefined;
}

/** Stable key that ties a diagnostic back to its finding in code actions. */
export function findingKey(f: Finding): string {
  return `${f.ruleId}:${f.loc.start}:${f.loc.end}`;
}

export function toDiagnostic(a: Analysis, f: Finding): Diagnostic {
  const range = rangeOf(a.index, f.loc.start, f.loc.end);
  const d = Diagnostic.create(range, f.message, SEVERITY[f.severity], f.ruleId, SOURCE);
  if (f.ruleId !== 'config' && f.ruleId !== 'internal') d.codeDescription = { href: docsUrl(f.ruleId) };
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of f.related) {
    const rr = locRange(a, r.loc);
    if (rr) related.push({ location: { uri: r.loc.file, range: rr }, message: r.message });
  }
  if (related.length > 0) d.relatedInformation = related;
  d.data = { key: findingKey(f), version: a.version };
  return d;
}

export function toDiagnostics(a: Analysis | undefined): Diagnostic[] {
  return a ? a.findings.map((f) => toDiagnostic(a, f)) : [];
}
