// Findings -> reports with 1-based lines and columns, per file, in path order.
import { LineIndex, type Finding } from '../core';
import type { FileReport, ReportedFinding } from './formatters/types';

export function toReports(findings: Finding[], texts: ReadonlyMap<string, string>, files: string[]): FileReport[] {
  const indexes = new Map<string, LineIndex>();
  const index = (file: string) => {
    let i = indexes.get(file);
    if (!i) indexes.set(file, (i = new LineIndex(texts.get(file) ?? '')));
    return i;
  };
  const pos = (file: string, start: number, end: number) => {
    const a = index(file).position(start);
    const b = index(file).position(end);
    return { line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
  };
  const byFile = new Map<string, ReportedFinding[]>(files.map((f) => [f, []]));
  for (const f of findings) {
    const list = byFile.get(f.loc.file) ?? [];
    byFile.set(f.loc.file, list);
    list.push({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      ...pos(f.loc.file, f.loc.start, f.loc.end),
      data: f.data,
      suppressed: !!f.suppressed,
      related: f.related.map((r) => ({ file: r.loc.file, ...pos(r.loc.file, r.loc.start, r.loc.end), message: r.message })),
    });
  }
  return [...byFile.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, list]) => {
      const active = list.filter((f) => !f.suppressed);
      return {
        file,
        findings: list,
        errorCount: active.filter((f) => f.severity === 'error').length,
        warningCount: active.filter((f) => f.severity === 'warning').length,
        infoCount: active.filter((f) => f.severity === 'info' || f.severity === 'hint').length,
      };
    });
}
