// LineIndex.after (server/src/core/lines.ts): the line index of an edited text from the previous version's
// index, as the language server builds it on every keystroke, must equal a fresh index of the text,
// whatever the edit does to line breaks (`\n`, `\r\n`, a lone `\r`; a `\r\n` split or joined).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { rng } from '../helpers/rng.mjs';

const core = createRequire(import.meta.url)('../../dist/core.js');


const starts = (idx) => Array.from({ length: idx.lineCount }, (_, i) => idx.lineStart(i));

test('LineIndex.after equals a fresh index over 20,000 random edits of texts with every kind of line break', () => {
  const r = rng(7);
  const alphabet = ['a', 'b', ' ', '\n', '\r', '\r\n', '\n\n', '-'];
  const piece = (n) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
  let text = piece(200);
  let idx = new core.LineIndex(text);
  for (let i = 0; i < 20000; i++) {
    const at = Math.floor(r() * (text.length + 1));
    const cut = Math.min(text.length - at, Math.floor(r() * 4));
    const next = text.slice(0, at) + piece(Math.floor(r() * 4)) + text.slice(at + cut);
    const after = core.LineIndex.after(idx, next);
    assert.deepEqual(starts(after), starts(new core.LineIndex(next)), `edit ${i} at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 3), at + cut + 3))} -> ${JSON.stringify(next.slice(Math.max(0, at - 3), at + 6))}`);
    if (next.length > 400) text = next.slice(0, 200);
    else text = next;
    idx = text === next ? after : new core.LineIndex(text);
  }
});

test('LineIndex.after: a digit typed in a 500-site design keeps every other line start, moved', () => {
  const text = Array.from({ length: 5000 }, (_, i) => `  s${i}: { location: [${i % 90}.1, 8.6] }`).join('\n');
  const prev = new core.LineIndex(text);
  const at = text.indexOf('[45.1') + 3;
  const next = text.slice(0, at) + '7' + text.slice(at);
  const after = core.LineIndex.after(prev, next);
  assert.deepEqual(starts(after), starts(new core.LineIndex(next)));
  assert.equal(after.text, next);
  assert.equal(core.LineIndex.after(after, next), after, 'the same text: the same index');
});

// sameNesting (server/src/core/parse/yaml.ts) lets lintTopology skip tooDeepAt's scan of the whole text on
// an edit that cannot change nesting. Texts one level short of MAX_NESTING: any edit it wrongly lets
// through that adds a level is caught by tooDeepAt on the new text.
test('sameNesting never passes an edit that makes a text one level short of the limit too deep', () => {
  const r = rng(11);
  const alphabet = ['a', 'b', '7', ' ', '-', '[', ']', '{', '}', '#', '\n', ':', '- ', '\r\n'];
  const piece = (n) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
  let passed = 0;
  for (let round = 0; round < 200; round++) {
    // a block of entries, then a line whose brackets leave it exactly at the limit
    const indent = 1 + Math.floor(r() * 6);
    const deep = `${' '.repeat(indent)}- x: ${'['.repeat(core.MAX_NESTING - 3)}1`;
    let text = ['sites:', '  a: { location: [1, 2] }', deep, '  - name: b', '    v: 12'].join('\n');
    if (core.tooDeepAt(text) !== -1) continue; // only texts that pass
    for (let i = 0; i < 100; i++) {
      const at = Math.floor(r() * (text.length + 1));
      const cut = Math.min(text.length - at, Math.floor(r() * 3));
      const next = text.slice(0, at) + piece(Math.floor(r() * 3)) + text.slice(at + cut);
      if (core.sameNesting(text, next)) {
        passed++;
        assert.equal(core.tooDeepAt(next), -1, `${JSON.stringify(text.slice(Math.max(0, at - 6), at + cut + 6))} -> ${JSON.stringify(next.slice(Math.max(0, at - 6), at + 8))}`);
      }
      if (core.tooDeepAt(next) === -1) text = next;
    }
  }
  assert.ok(passed > 300, `edits let through: ${passed}`);
  // what it is for: a digit typed in a value
  const design = 'sites:\n  fra1: { location: [50.1, 8.6] }\n';
  assert.equal(core.sameNesting(design, design.replace('50.1', '50.17')), true);
  assert.equal(core.sameNesting(design, design.replace('50.1', '[50.1')), false);
  assert.equal(core.sameNesting('- x- y\n', '- - y\n'), false, 'a deleted letter that joins two entries');
});
