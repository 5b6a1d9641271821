// The npm package of the CLI: `npm pack` gives a tarball that ships only what the CLI needs, and its
// `dci-lint` binary works after a plain `npm install -g` of that tarball into an empty prefix (no
// devDependencies, nothing downloaded: every install here runs with --offline) and through `npx`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const repo = new URL('../../', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const npmCli = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath) ? [process.execPath, process.env.npm_execpath] : ['npm'];

function sh(cmd, args, cwd, env = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20, env: { ...process.env, npm_config_update_notifier: 'false', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const npm = (args, cwd) => sh(npmCli[0], [...npmCli.slice(1), ...args], cwd);

const work = mkdtempSync(join(tmpdir(), 'dci-pack-'));
// --ignore-scripts: test the dist/ that `npm test` built (prepack would rebuild it minified under the other suites' feet).
const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], repo);
const manifest = packed.code === 0 ? JSON.parse(packed.out)[0] : undefined;
const tarball = manifest ? join(work, manifest.filename) : '';

test('npm pack: the tarball holds the CLI, the language server (its launcher and bundle), their two wasm files and the package documents, nothing else', () => {
  assert.equal(packed.code, 0, packed.err);
  const files = manifest.files.map((f) => f.path).sort();
  assert.deepEqual(files, ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/server-bundle.js', 'dist/server.js', 'dist/tree-sitter-terraform.wasm', 'dist/tree-sitter.wasm', 'package.json']);
  assert.equal(manifest.name, 'dci-lint');
  assert.equal(manifest.version, version);
});

test('npm install -g of the tarball into an empty prefix: dci-lint --version, --help, lints the examples like the repository CLI; dci-lint-server starts', async () => {
  const prefix = join(work, 'prefix');
  mkdirSync(prefix);
  const inst = npm(['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], work);
  assert.equal(inst.code, 0, inst.err);
  const bin = join(prefix, 'bin', 'dci-lint');
  const v = sh(bin, ['--version'], work);
  assert.equal(v.code, 0, v.err);
  assert.equal(v.out.trim(), version);
  const h = sh(bin, ['--help'], work);
  assert.equal(h.code, 0);
  assert.match(h.out, /^Usage:/m);
  // The same findings as the repository's own build, on every example (YAML and Terraform).
  const installed = sh(bin, ['examples/', '--format', 'json'], repo);
  const local = sh(process.execPath, [join(repo, 'dist/cli.js'), 'examples/', '--format', 'json'], repo);
  assert.equal(installed.code, 1, installed.err);
  assert.equal(local.code, 1);
  const findings = JSON.parse(installed.out);
  assert.ok(findings.some((f) => f.file.endsWith('.tf') && f.findings.some((x) => x.ruleId === 'vmotion-rtt')), 'a Terraform example is linted (the wasm loads)');
  assert.deepEqual(findings, JSON.parse(local.out));
  // The language server for other editors: `dci-lint-server --stdio` answers initialize.
  const init = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  const server = spawn(join(prefix, 'bin', 'dci-lint-server'), ['--stdio']);
  server.stdin.write(`Content-Length: ${Buffer.byteLength(init)}\r\n\r\n${init}`);
  let stdout = '';
  await new Promise((resolve) => {
    const timer = setTimeout(resolve, 20_000);
    server.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('serverInfo')) (clearTimeout(timer), resolve());
    });
  });
  server.kill();
  assert.match(stdout, /"serverInfo":\{"name":"dci-lint"/);
});

test('npx dci-lint works in a project that installed the tarball', () => {
  const proj = join(work, 'proj');
  mkdirSync(proj);
  writeFileSync(join(proj, 'package.json'), JSON.stringify({ name: 'proj', version: '1.0.0', private: true }));
  const inst = npm(['install', '--offline', '--no-audit', '--no-fund', tarball], proj);
  assert.equal(inst.code, 0, inst.err);
  const r = npm(['exec', '--offline', '--no', '--', 'dci-lint', '--version'], proj);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim(), version);
});
