// Findings -> LSP diagnostics: source "dci-lint", code = rule id, a docs link, related sites.

import { Diagnostic, DiagnosticSeverity, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import { docsUrl, LineIndex, type Finding, type Loc, type Severity } from '../core';
import type { Analysis } from './workspace';
import { TRUNCATED_CODE, type TruncationTotals } from './protocol';

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

/**
 * VS Code shows at most 1,000 problems per file (its extension host drops the rest, keeping its own
 * choice). We publish at most this many, the last slot being our own note of how many were left out.
 */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;

/**
 * VS Code's editor draws the squiggles (and the hover text) of the first 500 problems of a file only, in
 * the order they were published (MarkerDecorationsService: `read({ resource, take: 500 })`); the Problems
 * panel lists them all. A tester saw errors past the 500th of a 620-problem design without a squiggle.
 */
export const MAX_DRAWN_PER_FILE = 500;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** `all` by severity (errors, warnings, information, hints), then position, then the core's order. */
function bySeverity(all: readonly Finding[]): Array<{ f: Finding; i: number }> {
  return all
    .map((f, i) => ({ f, i }))
    .sort((x, y) => RANK[x.f.severity] - RANK[y.f.severity] || x.f.loc.start - y.f.loc.start || x.f.loc.end - y.f.loc.end || x.i - y.i);
}

/**
 * The diagnostics of an analysis, at most MAX_DIAGNOSTICS_PER_FILE of them. Up to MAX_DRAWN_PER_FILE:
 * every finding, in the core's order. Up to MAX_DIAGNOSTICS_PER_FILE: every finding, by severity and then
 * position, so that the ones VS Code draws are the errors and warnings. Beyond it: one warning diagnostic
 * at line 0 saying how many were left out (the CLI's `--format json` lists them all), then the first 999
 * findings in that order, so errors and warnings are never the ones hidden. Only the kept findings are
 * converted (no range computation for the others).
 */
export function toDiagnostics(a: Analysis | undefined): Diagnostic[] {
  if (!a) return [];
  const all = a.findings;
  if (all.length <= MAX_DRAWN_PER_FILE) return all.map((f) => toDiagnostic(a, f));
  if (all.length <= MAX_DIAGNOSTICS_PER_FILE) return bySeverity(all).map(({ f }) => toDiagnostic(a, f));
  const keep = MAX_DIAGNOSTICS_PER_FILE - 1;
  const ordered = bySeverity(all).slice(0, keep);
  const left = all.length - keep;
  // every finding and the kept ones, by severity: the note's counts of what was left out, and the totals
  const found = new Map<Severity, number>();
  for (const f of all) found.set(f.severity, (found.get(f.severity) ?? 0) + 1);
  const counts = new Map<Severity, number>();
  for (const { f } of ordered) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const leftBySeverity = (['error', 'warning', 'info', 'hint'] as const)
    .map((s) => [s, (found.get(s) ?? 0) - (counts.get(s) ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n.toLocaleString('en-US')} ${s}${n === 1 || s === 'info' ? '' : 's'}`);
  const note = Diagnostic.create(
    { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    `DCI Lint found ${all.length.toLocaleString('en-US')} problems in this file; the editor shows at most ` +
      `${MAX_DIAGNOSTICS_PER_FILE.toLocaleString('en-US')}, so ${left.toLocaleString('en-US')} are left out ` +
      `(${leftBySeverity.join(', ')}; errors and warnings first, then by position). ` +
      'The CLI lists them all: dci-lint FILE --format json.',
    // a warning: listed with the errors and warnings, not after the 999 problems the editor shows
    DiagnosticSeverity.Warning,
    TRUNCATED_CODE,
    SOURCE,
  );
  // The client's status item shows these totals, not the 1,000 published.
  const totals: TruncationTotals = {
    problems: all.length,
    errors: found.get('error') ?? 0,
    warnings: found.get('warning') ?? 0,
    info: (found.get('info') ?? 0) + (found.get('hint') ?? 0),
  };
  note.data = { truncated: totals };
  return [note, ...ordered.map(({ f }) => toDiagnostic(a, f))];
}
