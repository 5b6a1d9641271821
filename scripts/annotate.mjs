// Authoring aid for fixtures: prints a topology file with the findings of today's build written in
// as inline expectations. Review every line before you commit it: the test trusts what you keep.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const core = createRequire(import.meta.url)('../dist/core.js');
const file = process.argv[2];
const text = readFileSync(file, 'utf8').replace(/^\s*(#|\/\/)\s*\^+ .*\n/gm, '');
const { findings } = core.lintTopology(file, text);
const lines = text.split('\n');
const idx = new core.LineIndex(text);
const under = new Map();
for (const f of findings) {
  if (f.suppressed) continue;
  const a = idx.position(f.loc.start);
  const b = idx.position(f.loc.end);
  const end = b.line === a.line ? b.character : lines[a.line].length;
  const col = Math.max(a.character, 1);
  const mark = `${' '.repeat(col - 1)}#${' '.repeat(Math.max(0, a.character - col))}${'^'.repeat(Math.max(1, end - a.character))} ${f.severity} ${f.ruleId}`;
  (under.get(a.line) ?? under.set(a.line, []).get(a.line)).push(mark);
  console.error(`${a.line + 1}:${a.character + 1} ${f.severity} ${f.ruleId}: ${f.message}`);
}
process.stdout.write(lines.map((l, i) => [l, ...(under.get(i) ?? [])].join('\n')).join('\n'));
