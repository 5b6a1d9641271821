// V8's tiering in the language server (server/src/lsp/v8Tiering.ts): the launcher, dist/server.js, sets a
// larger interrupt budget on V8 11 (Node 20) before the server's code runs, and leaves newer V8 alone;
// the server says which in its log. The CPU it saves is measured by `npm run bench` (stage `runtime` and
// the 500-site edit), not here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { LspClient } from './client.mjs';

const v8Major = Number.parseInt(process.versions.v8, 10);

test("the server's log says how V8 tiers: a budget of 270,336 bytes on V8 11, V8's own from V8 12", async () => {
  const c = new LspClient();
  try {
    await c.initialize();
    const line = await c.waitFor((m) => m.method === 'window/logMessage' && /^V8 tiering/.test(m.params.message), 10000);
    assert.equal(
      line.params.message,
      v8Major < 12
        ? `V8 tiering: interrupt budget 270,336 bytes of bytecode (V8 ${process.versions.v8}; 4 x its default: the edit path is optimised later, with less compiling).`
        : `V8 tiering: V8's own (V8 ${process.versions.v8}).`,
    );
  } finally {
    await c.shutdown();
  }
});

test('DCI_LINT_V8_TIERING=0 leaves V8 as it is', async () => {
  const c = new LspClient({ env: { DCI_LINT_V8_TIERING: '0' } });
  try {
    await c.initialize();
    const line = await c.waitFor((m) => m.method === 'window/logMessage' && /^V8 tiering/.test(m.params.message), 10000);
    assert.equal(line.params.message, `V8 tiering: V8's own (V8 ${process.versions.v8}).`);
  } finally {
    await c.shutdown();
  }
});

test('the budget is a flag V8 11 knows (an unknown one would be ignored, silently), and its default is the figure it multiplies', { skip: v8Major >= 12 && 'V8 12 and later: not set' }, () => {
  const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
  assert.match(options, /--interrupt-budget \(interrupt budget which should be used for the profiler counter\)\n\s+type: int {2}default: --interrupt-budget=67584\n/);
});
