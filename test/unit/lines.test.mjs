// LineIndex.after (server/src/core/lines.ts): the line index of an edited text from the previous version's
// index, as the language server builds it on every keystroke, must equal a fresh index of the text,
// whatever the edit does to line breaks (`\n`, `\r\n`, a lone `\r`; a `\r\n` split or joined).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const core = createRequire(import.meta.url)('../../dist/core.js');

/** mulberry32, fixed seed */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
