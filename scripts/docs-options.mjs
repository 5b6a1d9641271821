// Rewrites the Options table of every docs/rules/<id>.md from the rule metadata (run after
// `node build.mjs`): option, default, unit, provenance (vendor or DCI Lint heuristic) and source, exactly
// as `dci-lint rules --json` prints them. test/unit/docs.test.mjs checks the pages against the code.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const core = createRequire(import.meta.url)('../dist/core.js');
for (const rule of core.RULES) {
  const file = new URL(`../docs/rules/${rule.meta.id}.md`, import.meta.url);
  const md = readFileSync(file, 'utf8');
  const start = md.indexOf('\n## Options\n');
  const end = md.indexOf('\n## ', start + 1);
  if (start < 0 || end < 0 || Object.keys(rule.meta.options).length === 0) continue;
  const options = Object.entries(rule.meta.options);
  const unit = (o) => (o.unit === 'count' || o.unit === 'factor' ? '' : o.unit);
  const body =
    options.length === 0
      ? 'None.\n'
      : [
          '| option | default | source | unit | provenance |',
          '|---|---|---|---|---|',
          ...options.map(([k, o]) => `| \`${k}\` | ${o.default} | ${o.source} | ${unit(o)} | ${core.provenanceLabel(o.provenance)} |`),
          '',
          'Every option is a number (`integer` for counts and bytes) within its bounds; another value is a',
          'configuration error and the rule keeps its default. **vendor**: a vendor or standards document states the',
          'figure (named and linked in the source). **DCI Lint heuristic**: our own design default, with the reasoning;',
          'a heuristic limit never makes an error on its own. See [physics and limits](../physics-and-limits.md).',
          '',
        ].join('\n');
  writeFileSync(file, `${md.slice(0, start)}\n## Options\n\n${body}${md.slice(end)}`);
}
