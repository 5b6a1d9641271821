// `dci-lint rules`: the catalogue.
import { parseArgs } from 'node:util';
import { docsUrl, provenanceLabel, RULES } from '../core';

export function runRules(args: string[]): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const rows = RULES.map((r) => ({
    id: r.meta.id,
    defaultSeverity: r.meta.defaultSeverity,
    graded: r.meta.graded,
    fixable: r.meta.fixable,
    summary: r.meta.summary,
    docs: docsUrl(r.meta.id),
    // Each option: its type, unit, bounds, default, and whose claim the default is (vendor or heuristic).
    options: Object.fromEntries(
      Object.entries(r.meta.options).map(([key, o]) => [
        key,
        {
          type: o.type,
          unit: o.unit,
          default: o.default,
          minimum: o.minimum,
          maximum: o.maximum,
          description: o.description,
          provenance: o.provenance,
          source: o.source,
        },
      ]),
    ),
  }));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const w = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows) {
    process.stdout.write(`${r.id.padEnd(w)}  ${(r.graded ? 'physics' : r.defaultSeverity).padEnd(7)}  ${r.summary}\n`);
    for (const [key, o] of Object.entries(r.options)) {
      const unit = o.unit === 'count' || o.unit === 'factor' ? '' : ` ${o.unit}`;
      process.stdout.write(`${''.padEnd(w)}  ${''.padEnd(7)}    ${key} = ${o.default}${unit} (${provenanceLabel(o.provenance)})\n`);
    }
  }
  process.stdout.write(
    '\n"physics": error when the lower bound breaks the limit, warning when the estimate does (a DCI Lint heuristic: at most a warning).\nOptions: default (vendor: a vendor document states it; DCI Lint heuristic: our design default). Sources: dci-lint rules --json, docs/rules/<id>.md\n',
  );
  return 0;
}
