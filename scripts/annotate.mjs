// Authoring aid for fixtures: prints a topology file with the findings of today's build written in
// as inline expectations. Review every line before you commit it: the test trusts what you keep.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { annotate, EXPECT_LINE } from '../test/helpers/expectations.mjs';
const core = createRequire(import.meta.url)('../dist/core.js');
const file = process.argv[2];
const text = readFileSync(file, 'utf8').replace(EXPECT_LINE, '');
const { findings } = core.lintTopology(file, text);
const idx = new core.LineIndex(text);
for (const f of findings) {
  if (f.suppressed) continue;
  const a = idx.position(f.loc.start);
  console.error(`${a.line + 1}:${a.character + 1} ${f.severity} ${f.ruleId}: ${f.message}`);
}
process.stdout.write(annotate(text, findings, idx));
