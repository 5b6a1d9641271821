// The V8 code cache of the server bundle (server/src/lsp/codeCache.ts, loaded by dist/server.js): the
// analysis worker saves it after its first job, the next servers load it (main thread and worker), the
// findings are the same with it, a broken file is rejected and made again, old files are pruned, and
// DCI_LINT_CODE_CACHE=0 turns it off. Each server here has its own cache directory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LspClient, uriOf } from './client.mjs';

const FILE = 'test/fixtures/rules/vmotion-rtt/fires.dci.yaml';
const norm = (diags) => diags.map((d) => JSON.stringify([d.range, d.severity, d.code, d.message])).sort();
const cacheFiles = (dir) => readdirSync(dir).filter((f) => f.endsWith('.v8cache'));

/** A server with the cache in `dir` (every design to the worker), its cache log line and the fixture's diagnostics. */
async function serve(dir, env = {}) {
  const c = new LspClient({ env: { DCI_LINT_WORKER_MIN_CHARS: '0', DCI_LINT_CACHE_DIR: dir, ...env } });
  try {
    await c.initialize();
    const line = await c.waitFor((m) => m.method === 'window/logMessage' && /^V8 code cache/.test(m.params.message), 10000);
    const wait = c.diagnosticsFor(uriOf(FILE), 1, 30000);
    c.openFile(FILE);
    const published = await wait;
    // the worker saves after its answer (and says so) when it loaded no cache: give it that moment
    await new Promise((r) => setTimeout(r, 1500));
    const later = c.notifications.filter((m) => m.method === 'window/logMessage' && /^V8 code cache: (saved|could not)/.test(m.params.message)).map((m) => m.params.message);
    return { said: line.params.message, diagnostics: published.diagnostics, later };
  } finally {
    await c.shutdown();
  }
}

test('the worker saves the code cache after its first job; the next server uses it, with the same findings', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dci-cc-'));
  // five files of older builds: the save keeps the four newest files in all
  for (let i = 0; i < 5; i++) {
    const f = path.join(dir, `server-bundle-v0.0.${i}-x64-old${i}.v8cache`);
    writeFileSync(f, 'old');
    utimesSync(f, new Date(2020, 0, 1 + i), new Date(2020, 0, 1 + i));
  }
  // a temporary file a stopped server left an hour ago goes; one being written now stays
  const staleTmp = 'server-bundle-v0.0.9-x64-old9.v8cache.123.456.tmp';
  const freshTmp = 'server-bundle-v0.0.9-x64-old9.v8cache.124.457.tmp';
  writeFileSync(path.join(dir, staleTmp), 'half');
  utimesSync(path.join(dir, staleTmp), new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
  writeFileSync(path.join(dir, freshTmp), 'half');
  const first = await serve(dir);
  const tmps = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
  assert.deepEqual(tmps, [freshTmp]);
  assert.deepEqual(first.later, [`V8 code cache: saved (${path.join(dir, cacheFiles(dir).find((f) => !f.includes('old')))}).`]);
  assert.match(first.said, /^V8 code cache: none yet, made after the first large design \(.*server-bundle-v\d+\.\d+\.\d+-\w+-[0-9a-f]{32}\.v8cache\)\.$/);
  const made = cacheFiles(dir).filter((f) => !f.includes('old'));
  assert.equal(made.length, 1, cacheFiles(dir).join(', '));
  assert.ok(statSync(path.join(dir, made[0])).size > 100_000, 'bytecode of the bundle');
  assert.deepEqual(cacheFiles(dir).sort(), [made[0], 'server-bundle-v0.0.2-x64-old2.v8cache', 'server-bundle-v0.0.3-x64-old3.v8cache', 'server-bundle-v0.0.4-x64-old4.v8cache'].sort());
  const second = await serve(dir);
  assert.match(second.said, /^V8 code cache: used \(/);
  assert.deepEqual(second.later, [], 'a cache used is not saved again');
  assert.ok(first.diagnostics.length > 0);
  assert.deepEqual(norm(second.diagnostics), norm(first.diagnostics));
});

test('a damaged cache file (bytes changed past its header, or cut short) is never given to V8: the findings are the same, and the file is made again', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dci-cc-'));
  const first = await serve(dir);
  const [file] = cacheFiles(dir);
  const good = readFileSync(path.join(dir, file));
  // same length, bytes changed past the header: and a truncated one
  for (const broken of [Buffer.concat([good.subarray(0, 64), Buffer.alloc(good.length - 64, 0x5a)]), good.subarray(0, 1000)]) {
    writeFileSync(path.join(dir, file), broken);
    const again = await serve(dir);
    assert.match(again.said, /^V8 code cache: rejected \(damaged, or V8 refused it\)/);
    assert.deepEqual(norm(again.diagnostics), norm(first.diagnostics));
    assert.equal(readFileSync(path.join(dir, file)).length > 100_000, true, 'made again');
  }
});

test('a cache folder that cannot be made (a file is in the way): the server works, and says the cache could not be saved', async () => {
  const base = mkdtempSync(path.join(tmpdir(), 'dci-cc-'));
  writeFileSync(path.join(base, 'file'), 'not a folder');
  const r = await serve(path.join(base, 'file', 'cache'));
  assert.match(r.said, /^V8 code cache: none yet/);
  assert.ok(r.diagnostics.length > 0);
  assert.equal(r.later.length, 1);
  assert.match(r.later[0], /^V8 code cache: could not be saved \(ENOTDIR: .*\); the next start compiles the bundle again\.$/);
});

test('DCI_LINT_CODE_CACHE=0: no cache read or written', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dci-cc-'));
  const off = await serve(dir, { DCI_LINT_CODE_CACHE: '0' });
  assert.equal(off.said, 'V8 code cache: off.');
  assert.deepEqual(cacheFiles(dir), []);
});

test("without DCI_LINT_CACHE_DIR the cache is in the user's cache directory ($XDG_CACHE_HOME/dci-lint on Linux)", { skip: process.platform !== 'linux' && 'Linux paths' }, async () => {
  const xdg = mkdtempSync(path.join(tmpdir(), 'dci-xdg-'));
  const r = await serve('', { XDG_CACHE_HOME: xdg });
  assert.match(r.said, new RegExp(`\\(${xdg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/dci-lint/server-bundle-`));
  assert.equal(cacheFiles(path.join(xdg, 'dci-lint')).length, 1);
});

test('with no worker started ahead (DCI_LINT_WORKER_AHEAD_MS=0, as on one core), the worker started for the first large design runs the launcher: it saves the cache, and the next one uses it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dci-cc-'));
  const first = await serve(dir, { DCI_LINT_WORKER_AHEAD_MS: '0' });
  assert.match(first.said, /^V8 code cache: none yet/);
  assert.equal(cacheFiles(dir).length, 1);
  const second = await serve(dir, { DCI_LINT_WORKER_AHEAD_MS: '0' });
  assert.match(second.said, /^V8 code cache: used/);
  assert.deepEqual(norm(second.diagnostics), norm(first.diagnostics));
});
