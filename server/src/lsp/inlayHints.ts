// Inlay hints after site lists (`≈ 16.5 ms RTT (≥ 10.7 ms)`: the worst pair; hop by hop for migration
// paths) and the optional code lens above each element.

import { InlayHintKind, MarkupKind, type CodeLens, type InlayHint, type Range } from 'vscode-languageserver';
import { fmtMs, type PairRtt } from '../core';
import { rangeOf } from './diagnostics';
import { elementMarkdown } from './hover';
import { elementsOf, rowsOf, rowVerdict, worstRow, type DesignElement, type Row } from './rows';
import type { Analysis, Workspace } from './workspace';

export function pairLabel(p: PairRtt): string {
  return p.measured ? `${fmtMs(p.rttMs)} ms RTT measured (≥ ${fmtMs(p.lowerBoundMs)} ms)` : `≈ ${fmtMs(p.rttMs)} ms RTT (≥ ${fmtMs(p.lowerBoundMs)} ms)`;
}

/** `≈ 242 → 78 ms RTT (≥ 161 → 60.9 ms)`: short enough for VS Code's default inlay hint length (43). */
function hopLabel(rows: Row[]): string | undefined {
  const hops = rows.filter((r) => r.pair).map((r) => r.pair!);
  if (hops.length === 0) return undefined;
  if (hops.length === 1) return pairLabel(hops[0]!);
  const approx = hops.some((p) => !p.measured) ? '≈ ' : '';
  return `${approx}${hops.map((p) => fmtMs(p.rttMs)).join(' → ')} ms RTT (≥ ${hops.map((p) => fmtMs(p.lowerBoundMs)).join(' → ')} ms)`;
}

/** Where the hint goes: after the closing `]` of a flow list, after the last item of a block list. */
function listEnd(a: Analysis, de: DesignElement): number | undefined {
  const at = de.element.at[de.listKey];
  if (!at || at.file !== a.uri) return undefined;
  if (a.text[at.start] === '[') return at.end;
  const last = de.refs[de.refs.length - 1];
  return last && last.loc.file === a.uri ? last.loc.end : undefined;
}

export function inlayHints(a: Analysis, ws: Workspace, range: Range): InlayHint[] {
  const out: InlayHint[] = [];
  const from = a.index.offset(range.start.line, range.start.character);
  const to = a.index.offset(range.end.line, range.end.character);
  for (const design of a.designs) {
    const model = ws.rttModel(design, a.config);
    for (const de of elementsOf(design)) {
      const at = listEnd(a, de);
      const witness = (de.element as { witness?: { loc: { file: string; start: number; end: number } } }).witness;
      const inRange = (o: number | undefined) => o !== undefined && o >= from && o <= to;
      // Editors ask for the visible lines only: skip the RTT work for everything else.
      if (!inRange(at) && !(witness && witness.loc.file === a.uri && inRange(witness.loc.end))) continue;
      const rows = rowsOf(de, model, a.rows);
      const main = rows.filter((r) => r.role !== 'witness');
      const label = de.kind === 'migration' ? hopLabel(main) : worstRow(main)?.pair && pairLabel(worstRow(main)!.pair!);
      if (label && at !== undefined && inRange(at)) {
        out.push({
          position: a.index.position(at),
          label,
          kind: InlayHintKind.Type,
          paddingLeft: true,
          tooltip: { kind: MarkupKind.Markdown, value: elementMarkdown(a, ws, de, rows) },
        });
      }
      const w = worstRow(rows.filter((r) => r.role === 'witness'));
      if (witness && w?.pair && witness.loc.file === a.uri && witness.loc.end >= from && witness.loc.end <= to) {
        out.push({ position: a.index.position(witness.loc.end), label: `${pairLabel(w.pair)} to ${w.to}`, kind: InlayHintKind.Type, paddingLeft: true });
      }
    }
  }
  return out.sort((x, y) => x.position.line - y.position.line || x.position.character - y.position.character);
}

export function codeLenses(a: Analysis, ws: Workspace): CodeLens[] {
  const out: CodeLens[] = [];
  for (const design of a.designs) {
    const model = ws.rttModel(design, a.config);
    for (const de of elementsOf(design)) {
      if (de.element.loc.file !== a.uri) continue;
      const rows = rowsOf(de, model, a.rows);
      const worst = worstRow(rows);
      if (!worst?.pair) continue;
      const lim = worst.limit;
      const verdict = rowVerdict(worst);
      const title = `worst RTT ${pairLabel(worst.pair)} ${worst.from}–${worst.to}${lim ? ` · limit ${lim.unit === 'km' ? `${lim.value} km` : `${fmtMs(lim.value)} ms`} ${verdict === 'ok' ? '✓' : verdict === 'warning' ? '⚠' : '✗'}` : ''}`;
      const line = a.index.position(de.element.loc.start).line;
      out.push({ range: rangeOf(a.index, a.index.lineStart(line), a.index.lineStart(line)), command: { title, command: '' } });
    }
  }
  return out;
}
