// A workspace cannot make the server read outside it, run anything, or reach the network: symlinked
// configuration and Terraform files pointing out, configuration above the workspace folder, `..` in
// `files:` globs (CLI). Every file the server opens is recorded by a preload and checked.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { CLI_JS, DIST } from './helpers/dist.mjs';
import { ROOT } from './helpers/mutate.mjs';

const base = mkdtempSync(path.join(os.tmpdir(), 'dci-security-'));
const ws = path.join(base, 'workspace');
const outside = path.join(base, 'outside');
mkdirSync(path.join(ws, 'mod'), { recursive: true });
mkdirSync(path.join(ws, 'linked'), { recursive: true });
mkdirSync(outside, { recursive: true });
const ioLog = path.join(base, 'io.log');
after(() => rmSync(base, { recursive: true, force: true }));

// Outside: a configuration that would silence vmotion-rtt, and a Terraform file.
writeFileSync(path.join(outside, '.dci-lint.yaml'), 'rules:\n  vmotion-rtt: off\n');
writeFileSync(path.join(outside, 'secret.tf'), 'variable "secret" {\n  default = "outside"\n}\n');
writeFileSync(path.join(base, '.dci-lint.yaml'), 'rules:\n  vmotion-rtt: off\n'); // above the workspace folder
const design =
  'dci: 1\nsites:\n  fra: {location: [50.11, 8.68]}\n  syd: {location: [-33.87, 151.21]}\nmigrations:\n  - method: vmotion\n    path: [fra, syd]\n';
writeFileSync(path.join(ws, 'top.dci.yaml'), design);
symlinkSync('/etc/passwd', path.join(ws, 'mod', '.dci-lint.yaml'));
writeFileSync(path.join(ws, 'mod', 'a.dci.yaml'), design);
symlinkSync(path.join(outside, '.dci-lint.yaml'), path.join(ws, 'linked', '.dci-lint.yaml'));
writeFileSync(path.join(ws, 'linked', 'b.dci.yaml'), design);
symlinkSync(path.join(outside, 'secret.tf'), path.join(ws, 'mod', 'secret.tf'));
writeFileSync(path.join(ws, 'mod', 'main.tf'), 'locals {\n  x = var.secret\n}\n');

test('the server: no read outside the workspace through symlinks or parent folders, no process, no network', { timeout: 60_000 }, async () => {
  process.env.NODE_OPTIONS = `--require ${fileURLToPath(new URL('./helpers/watch-io.cjs', import.meta.url))}`;
  process.env.DCI_LINT_IO_LOG = ioLog;
  const { LspClient } = await import('../lsp/client.mjs');
  // the one place outside the workspace the server reads and writes: its V8 code cache (lsp/codeCache.ts)
  const cacheDir = path.join(base, 'code-cache');
  const c = new LspClient({ rootUri: pathToFileURL(ws).href, env: { DCI_LINT_CACHE_DIR: cacheDir, DCI_LINT_WORKER_MIN_CHARS: '0' } });
  delete process.env.NODE_OPTIONS;
  try {
    await c.initialize();
    const codes = {};
    for (const file of ['top.dci.yaml', 'mod/a.dci.yaml', 'linked/b.dci.yaml', 'mod/main.tf']) {
      const uri = pathToFileURL(path.join(ws, file)).href;
      const d = c.diagnosticsFor(uri, 1, 30_000);
      c.open(uri, readFileSync(path.join(ws, file), 'utf8'), file.endsWith('.tf') ? 'terraform' : 'yaml');
      codes[file] = (await d).diagnostics.map((x) => `${x.code}${x.code === 'config' ? `: ${x.message}` : ''}`);
    }
    // The configuration above the folder and the one linked from outside are not applied; /etc/passwd is
    // not read as a configuration (it would be reported as a broken one).
    assert.deepEqual(codes, {
      'top.dci.yaml': ['vmotion-rtt'],
      'mod/a.dci.yaml': ['vmotion-rtt'],
      'linked/b.dci.yaml': ['vmotion-rtt'],
      'mod/main.tf': [],
    });
    await c.shutdown();
  } finally {
    c.kill();
  }
  const io = readFileSync(ioLog, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const allowed = [ws + path.sep, DIST + path.sep, path.join(ROOT, 'node_modules') + path.sep];
  // the code cache: files of its own name, in the directory it was given, and nothing else there
  const inCache = io.filter((e) => e.path?.startsWith(cacheDir)).map((e) => path.basename(e.path));
  assert.ok(inCache.some((f) => /^server-bundle-.*\.v8cache$/.test(f)), `the worker saved its code cache: ${inCache.join(', ')}`);
  assert.deepEqual(inCache.filter((f) => f !== 'code-cache' && !/^server-bundle-.*\.v8cache(\.\d+\.\d+\.tmp)?$/.test(f)), []);
  allowed.push(cacheDir);
  const reads = io.filter((e) => e.path !== undefined).map((e) => e.path.replace(/^file:\/\//, ''));
  // The workspace folder itself is inside: the server lists it to find the root module that calls mod/ as a module.
  const strays = reads.filter((p) => p.startsWith('/') && p !== ws && !allowed.some((a) => p.startsWith(a)) && !p.startsWith('/proc/') && !p.startsWith('/sys/'));
  assert.deepEqual([...new Set(strays)], [], 'files read outside the workspace and the extension');
  assert.ok(!reads.some((p) => p.startsWith(outside) || p === '/etc/passwd' || p === path.join(base, '.dci-lint.yaml')));
  assert.ok(
    reads.some((p) => p === path.join(ws, 'mod', 'main.tf') || p.endsWith('.wasm')),
    'the recording works',
  );
  assert.deepEqual(
    io.filter((e) => e.op.includes('.')),
    [],
    'no child process, socket, HTTP or DNS',
  );
});

test('the CLI: `files:` globs with `..` select nothing outside the linted folder', { timeout: 30_000 }, () => {
  const cliWs = path.join(base, 'cli');
  mkdirSync(path.join(cliWs, 'designs'), { recursive: true });
  writeFileSync(path.join(cliWs, '.dci-lint.yaml'), 'files:\n  - "../**/*.yaml"\n  - "../../**"\n  - "/etc/*"\n');
  writeFileSync(path.join(cliWs, 'designs', 'plain.yaml'), design.replace('dci: 1\n', ''));
  writeFileSync(path.join(cliWs, 'designs', 'ok.dci.yaml'), design);
  writeFileSync(path.join(base, 'stray.yaml'), design);
  const r = spawnSync(process.execPath, [CLI_JS, '--format', 'json', cliWs], {
    encoding: 'utf8',
    cwd: cliWs,
  });
  assert.notEqual(r.status, 2, r.stderr);
  const files = JSON.parse(r.stdout).map((f) => path.resolve(cliWs, f.file));
  assert.ok(
    files.every((f) => f.startsWith(cliWs + path.sep)),
    files.join(', '),
  );
  assert.ok(files.includes(path.join(cliWs, 'designs', 'ok.dci.yaml')));
});

test('the manifest declares untrusted-workspace support: nothing in a workspace is executed', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, true);
});
