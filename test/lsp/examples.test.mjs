// Acceptance over every example design, as a new user would try it: each finding has a hover that
// explains it and at least one quick fix, and applying the first one makes that finding go away.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { LspClient } from './client.mjs';

function applyEdits(text, edits) {
  const lines = text.split('\n');
  const offset = (p) => lines.slice(0, p.line).reduce((o, l) => o + l.length + 1, 0) + p.character;
  return [...edits]
    .map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

// Every topology and every .tf file under examples/ (clean designs must stay clean).
const examples = readdirSync(new URL('../../examples/', import.meta.url), { recursive: true })
  .filter((f) => /\.dci\.ya?ml$|\.tf$/.test(f))
  .sort();
let c;
before(async () => {
  c = new LspClient();
  await c.initialize();
});
after(() => c.kill());

test('there are example designs', () => assert.ok(examples.filter((f) => f.endsWith('.yaml')).length >= 1 && examples.some((f) => f.endsWith('.tf'))));

for (const name of examples) {
  test(`examples/${name}: every finding explained by its hover and resolved by its first quick fix`, async () => {
    const { uri, text } = c.openFile(`examples/${name}`, name.endsWith('.tf') ? 'terraform' : 'yaml');
    const { diagnostics } = await c.diagnosticsFor(uri, 1);
    for (const d of diagnostics) assert.ok(d.code !== 'syntax' && d.code !== 'schema' && d.code !== 'internal', `${d.code}: ${d.message}`);
    let version = 1;
    for (const d of diagnostics) {
      const where = `${d.code} at ${d.range.start.line + 1}:${d.range.start.character + 1}`;
      const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: d.range.start });
      // VS Code shows the diagnostic's message above the hover: the hover leads with the verdict instead.
      assert.ok(!hover?.contents.value.includes(d.message), `hover for ${where} does not repeat the message`);
      assert.match(hover.contents.value, new RegExp(`^[✗⚠ℹ·] \\*\\*${d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : '(info|hint)'}\\*\\* \`${d.code}\``), `hover for ${where} leads with the verdict`);
      assert.match(hover.contents.value, /\. It is (an error|a warning|reported as)/, `hover for ${where} says why`);
      const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      const first = actions.find((a) => a.edit);
      assert.ok(first, `a quick fix for ${where}`);
      const fixed = applyEdits(text, first.edit.changes[uri]);
      c.change(uri, ++version, fixed);
      const after = (await c.diagnosticsFor(uri, version)).diagnostics;
      const same = (x) => x.code === d.code && x.message === d.message;
      assert.ok(!after.some(same), `"${first.title}" resolves ${where}`);
      assert.ok(!after.some((x) => x.code === 'syntax' || x.code === 'schema'), `"${first.title}" keeps the design valid`);
      c.change(uri, ++version, text);
      await c.diagnosticsFor(uri, version);
    }
  });
}
