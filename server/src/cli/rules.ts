// `dci-lint rules`: the catalogue.
import { parseArgs } from 'node:util';
import { docsUrl, RULES } from '../core';

export function runRules(args: string[]): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const rows = RULES.map((r) => ({
    id: r.meta.id,
    defaultSeverity: r.meta.defaultSeverity,
    graded: r.meta.graded,
    fixable: r.meta.fixable,
    summary: r.meta.summary,
    docs: docsUrl(r.meta.id),
  }));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const w = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows) process.stdout.write(`${r.id.padEnd(w)}  ${(r.graded ? 'physics' : r.defaultSeverity).padEnd(7)}  ${r.summary}\n`);
  process.stdout.write('\n"physics": error when the lower bound breaks the limit, warning when the estimate does.\nDocs: docs/rules/<id>.md\n');
  return 0;
}
