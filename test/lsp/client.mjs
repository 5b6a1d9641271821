// A minimal LSP client for protocol tests: spawns the built server over stdio and speaks JSON-RPC with
// Content-Length framing, as an editor does. Answers the server's requests (configuration, registration).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// DCI_LINT_DIST: another build (e.g. of the commit before a fix, to see its regression test fail there).
export const SERVER = path.join(process.env.DCI_LINT_DIST ? path.resolve(process.env.DCI_LINT_DIST) : path.join(ROOT, 'dist'), 'server.js');

export const uriOf = (file) => pathToFileURL(path.resolve(ROOT, file)).href;

// The servers' V8 code cache in a folder of this test process (npm test sets one for the whole run), never
// the user's own ~/.cache/dci-lint, whose pruning would remove the user's files.
if (!process.env.DCI_LINT_CACHE_DIR) {
  const dir = (process.env.DCI_LINT_CACHE_DIR = mkdtempSync(path.join(tmpdir(), 'dci-lint-test-cache-')));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}

export class LspClient {
  /**
   * settings: what `workspace/configuration` answers for the `dciLint` section; null = not supported.
   * transport: instead of spawning dist/server.js, send each message object with `transport.write(msg)`
   * and feed what the server sends to `client.onMessage(msg)` (test/web drives the web worker this way).
   * env: variables added to the server's environment (DCI_LINT_WORKER_MIN_CHARS).
   */
  constructor({ settings = {}, pull = false, rootUri = pathToFileURL(ROOT).href, transport, env } = {}) {
    this.settings = settings;
    this.pull = pull;
    this.rootUri = rootUri;
    this.nextId = 1;
    this.pending = new Map();
    this.notifications = [];
    this.waiters = [];
    this.serverRequests = [];
    this.stderr = '';
    this.transport = transport;
    if (transport) {
      this.exited = new Promise(() => undefined);
      return;
    }
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: env ? { ...process.env, ...env } : process.env,
    });
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    let buf = Buffer.alloc(0);
    this.proc.stdout.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const headerEnd = buf.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const m = /Content-Length: (\d+)/i.exec(buf.subarray(0, headerEnd).toString('ascii'));
        if (!m) throw new Error(`bad header: ${buf.subarray(0, headerEnd)}`);
        const len = Number(m[1]);
        if (buf.length < headerEnd + 4 + len) return;
        const body = buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
        buf = buf.subarray(headerEnd + 4 + len);
        this.onMessage(JSON.parse(body));
      }
    });
  }

  write(msg) {
    if (this.transport) return void this.transport.write({ jsonrpc: '2.0', ...msg });
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  onMessage(msg) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (p) msg.error ? p.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code, data: msg.error.data })) : p.resolve(msg.result);
      return;
    }
    if (msg.id !== undefined) {
      this.serverRequests.push(msg);
      let result = null;
      if (msg.method === 'workspace/configuration') result = msg.params.items.map((it) => (it.section === 'dciLint' ? this.settings : null));
      this.write({ id: msg.id, result });
      return;
    }
    this.notifications.push(msg);
    if (msg.method === 'textDocument/publishDiagnostics') (this.latest ??= new Map()).set(msg.params.uri, msg.params);
    for (const w of [...this.waiters]) if (w.test(msg)) w.resolve(msg);
  }

  request(method, params, timeoutMs = 10000) {
    const id = this.nextId++;
    this.write({ id, method, params });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method} timed out; stderr: ${this.stderr}`)), timeoutMs);
      this.pending.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
    });
  }

  notify(method, params) {
    this.write({ method, params });
  }

  /** The next notification (after now) matching `test`. */
  waitFor(test, timeoutMs = 10000) {
    return new Promise((resolve, reject) => {
      const w = { test, resolve: (m) => (clearTimeout(timer), this.waiters.splice(this.waiters.indexOf(w), 1), resolve(m)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`no matching notification in ${timeoutMs} ms; stderr: ${this.stderr}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  diagnosticsFor(uri, version, timeoutMs) {
    return this.waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && (version === undefined || m.params.version === version),
      timeoutMs,
    ).then((m) => m.params);
  }

  /**
   * The diagnostics of `uri` once they satisfy `accept` (the latest publish already received counts).
   * For cross-document updates, where an unrelated re-publish of the old findings may come first.
   */
  async diagnosticsUntil(uri, accept, timeoutMs = 10000) {
    const now = this.latest?.get(uri);
    if (now && accept(now.diagnostics)) return now;
    try {
      return (await this.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && accept(m.params.diagnostics), timeoutMs))
        .params;
    } catch {
      throw new Error(
        `diagnostics of ${uri} never matched; last: ${JSON.stringify(this.latest?.get(uri)?.diagnostics.map((d) => [d.code, d.severity, d.range.start.line]))}`,
      );
    }
  }

  async initialize(extra = {}) {
    const capabilities = {
      workspace: { configuration: this.settings !== null, workspaceFolders: true, diagnostics: this.pull ? { refreshSupport: true } : undefined },
      textDocument: {
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
        rename: { prepareSupport: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        inlayHint: {},
        completion: { completionItem: { snippetSupport: false } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        ...(this.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
      window: { showDocument: { support: true } },
    };
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri: this.rootUri,
      workspaceFolders: this.rootUri ? [{ uri: this.rootUri, name: 'root' }] : null,
      capabilities,
      ...extra,
    });
    this.notify('initialized', {});
    return result;
  }

  open(uri, text, languageId = 'yaml', version = 1) {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  openFile(file, languageId = 'yaml') {
    const uri = uriOf(file);
    const text = readFileSync(path.resolve(ROOT, file), 'utf8');
    this.open(uri, text, languageId);
    return { uri, text };
  }

  change(uri, version, text) {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async shutdown() {
    const r = await this.request('shutdown', null);
    this.notify('exit', null);
    const exit = await Promise.race([this.exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 5000))]);
    if (exit === 'timeout') this.proc.kill();
    return { result: r, exit };
  }

  kill() {
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

/** Offsets -> LSP positions, for asserting ranges against the fixture text. */
export function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The position of the n-th occurrence (0-based) of `needle`, plus `delta` characters. */
export function posOf(text, needle, n = 0, delta = 0) {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`${needle} #${n} not found`);
  }
  return positionAt(text, i + delta);
}

export function rangeOf(text, needle, n = 0) {
  const start = posOf(text, needle, n);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}
