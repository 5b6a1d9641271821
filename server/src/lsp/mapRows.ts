// The judged pairs of a design with the limit in force on each, for the map and the matrix: the same
// rows (and limits) the hovers show. Shared by the language server and `dci-lint map`.

import type { Design, JudgedRow, LimitRow, MapLimit, RttModel } from '../core';
import { elementsOf, rowsOf } from './rows';

/** Every pair each element of `design` depends on, with the limit the rules judged it by (`judged`: the lint's rows). */
export function judgedRows(design: Design, model: RttModel, judged: readonly LimitRow[]): JudgedRow[] {
  const out: JudgedRow[] = [];
  for (const de of elementsOf(design)) {
    for (const r of rowsOf(de, model, judged)) {
      const row: JudgedRow = { from: r.from, to: r.to, use: { kind: de.kind, name: de.element.name, loc: de.element.loc } };
      if (r.limit) {
        const limit: MapLimit = { value: r.limit.value, unit: r.limit.unit, label: r.limit.label, source: r.limit.source, ruleId: r.limit.ruleId };
        row.use.limit = limit;
      }
      if (r.role) row.use.role = r.role;
      out.push(row);
    }
  }
  return out;
}
