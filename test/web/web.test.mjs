// The web extension's language server (dist/server.web.js) in a real web worker in headless Chromium,
// spoken to over postMessage as vscode-languageclient/browser does, against the Node server over stdio:
// the same findings on every example (topology YAML and Terraform modules, whose sibling files and
// configuration reach the worker through `dciLint/files`, as the web client sends them).
// Needs Chromium (/usr/bin/chromium, or DCI_LINT_CHROMIUM): skipped with a note when missing, a failure
// when DCI_LINT_REQUIRE_E2E=1 (CI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { LspClient, ROOT } from '../lsp/client.mjs';

const require = createRequire(import.meta.url);
const CHROMIUM = process.env.DCI_LINT_CHROMIUM ?? '/usr/bin/chromium';
const required = process.env.DCI_LINT_REQUIRE_E2E === '1';
const skip = !existsSync(CHROMIUM) && !required ? `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set DCI_LINT_CHROMIUM)` : false;

/** Every file of examples/ the server may read, and the ones an editor opens. */
function exampleFiles() {
  const all = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|tf|tfvars|json)$/.test(name)) all.push(p);
    }
  };
  walk(path.join(ROOT, 'examples'));
  const opened = all.filter((p) => /\.dci\.ya?ml$|\.tf$/.test(p));
  return { all, opened };
}

const languageOf = (p) => (p.endsWith('.tf') ? 'terraform' : 'yaml');
const summary = (diags) => diags.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code} ${d.message}`).sort();

async function lintAll(client, opened) {
  const out = {};
  for (const p of opened) {
    const uri = pathToFileURL(p).href;
    const published = client.diagnosticsFor(uri, 1, 60_000);
    client.open(uri, readFileSync(p, 'utf8'), languageOf(p));
    out[path.relative(ROOT, p)] = summary((await published).diagnostics);
  }
  return out;
}

test('the web worker server gives the Node server\'s findings on every example', { skip, timeout: 240_000 }, async () => {
  const { chromium } = require('playwright-core');
  const { all, opened } = exampleFiles();

  // Serve the web bundle and a page that runs it as a worker (same origin, as vscode.dev does).
  const page404 = (res) => (res.writeHead(404), res.end());
  const http = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(`<!doctype html><script>
        const worker = new Worker('/dist/server.web.js');
        worker.onmessage = (e) => window.dciFromWorker(e.data);
        worker.onerror = (e) => window.dciFromWorker({ workerError: String(e.message) });
        window.dciToWorker = (m) => worker.postMessage(m);
      </script>`);
    }
    const file = path.join(ROOT, path.normalize(url.pathname));
    if (!/^\/dist\/(server\.web\.js|[a-z-]+\.wasm)$/.test(url.pathname) || !existsSync(file)) return page404(res);
    res.writeHead(200, { 'content-type': file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const node = new LspClient();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    let web;
    await page.exposeFunction('dciFromWorker', (msg) => (msg.workerError ? errors.push(msg.workerError) : web.onMessage(msg)));
    web = new LspClient({ transport: { write: (msg) => page.evaluate((m) => window.dciToWorker(m), msg) } });
    await page.goto(`http://127.0.0.1:${http.address().port}/`);

    await Promise.all([node.initialize(), web.initialize()]);
    // What the web client sends after start: every topology, Terraform and configuration file.
    web.notify('dciLint/files', { set: all.map((p) => ({ uri: pathToFileURL(p).href, text: readFileSync(p, 'utf8') })) });

    const [fromNode, fromWeb] = await Promise.all([lintAll(node, opened), lintAll(web, opened)]);
    assert.deepEqual(errors, []);
    assert.deepEqual(Object.keys(fromWeb), Object.keys(fromNode));
    for (const file of Object.keys(fromNode)) assert.deepEqual(fromWeb[file], fromNode[file], `findings of ${file}`);
    // Not a vacuous comparison: the Terraform example's intercontinental HCX vMotion is found in the worker
    // (tree-sitter's wasm loaded from the extension's files, the variables read from a sibling tfvars).
    const tf = Object.entries(fromWeb).find(([f]) => f.endsWith(path.join('hcx-frankfurt-sydney', 'hcx.tf')));
    assert.ok(tf && tf[1].some((d) => / 1 vmotion-rtt HCX vMotion/.test(d)), JSON.stringify(tf));
    // And the CLI finds as many on the same files.
    const cli = JSON.parse(spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'examples/', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' }).stdout);
    assert.equal(Object.values(fromWeb).flat().length, cli.reduce((n, f) => n + f.findings.length, 0));
  } finally {
    node.kill();
    await browser.close();
    http.close();
  }
});
