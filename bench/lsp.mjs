// A minimal LSP client over stdio for the benchmark: the same protocol and the same framing
// (Content-Length headers, JSON-RPC 2.0) for our server and for yaml-language-server, so the
// figures compare like with like. It answers the server's own requests with neutral results.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export class LspClient {
  /**
   * @param {string[]} argv node arguments, e.g. ['dist/server.js', '--stdio']
   * @param {{ cwd?: string, settings?: object, node?: string }} options settings: answered to
   *   workspace/configuration; node: the Node executable that runs the server (default: this one's)
   */
  constructor(argv, options = {}) {
    this.proc = spawn(options.node ?? process.execPath, argv, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.settings = options.settings ?? {};
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.buffer = Buffer.alloc(0);
    this.stderr = '';
    this.exited = false;
    this.proc.stdout.on('data', (chunk) => this.onData(chunk));
    this.proc.stderr.on('data', (chunk) => {
      if (this.stderr.length < 20000) this.stderr += chunk.toString();
    });
    this.proc.on('exit', (code, signal) => {
      this.exited = true;
      this.exitInfo = { code, signal };
      for (const { reject } of this.pending.values()) reject(new Error(`server exited (${code ?? signal}) ${this.stderr.slice(-500)}`));
      this.pending.clear();
      for (const l of this.listeners) l({ method: '$exit' });
    });
    this.proc.stdin.on('error', () => {});
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      if (!m) throw new Error('bad LSP header');
      const length = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.onMessage(JSON.parse(body), performance.now());
    }
  }

  onMessage(msg, at) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${msg.error.code}: ${msg.error.message}`));
      else p.resolve(msg.result);
      return;
    }
    if (msg.id !== undefined) {
      this.write({ jsonrpc: '2.0', id: msg.id, result: this.answer(msg) });
      return;
    }
    for (const l of this.listeners) l(msg, at);
  }

  /** Neutral answers to server -> client requests. */
  answer(msg) {
    if (msg.method === 'workspace/configuration') {
      return (msg.params?.items ?? []).map((item) => {
        let v = this.settings;
        for (const part of (item.section ?? '').split('.').filter(Boolean)) v = v?.[part];
        return v ?? null;
      });
    }
    if (msg.method === 'workspace/workspaceFolders') return [];
    return null;
  }

  write(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method, params, timeoutMs = 30000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      if (this.exited) reject(new Error(`server exited: ${this.stderr.slice(-500)}`));
      else this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    if (!this.exited) this.write({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with [message, arrival time] for the first notification that `match`es. */
  waitFor(match, timeoutMs) {
    return new Promise((resolve, reject) => {
      const done = (fn) => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        fn();
      };
      const listener = (msg, at) => {
        if (msg.method === '$exit') done(() => reject(new Error(`server exited: ${this.stderr.slice(-500)}`)));
        else if (match(msg)) done(() => resolve([msg, at]));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`timeout after ${timeoutMs} ms`))), timeoutMs);
      this.listeners.add(listener);
    });
  }

  /**
   * publishDiagnostics for `uri` that answers `version`: the same version when the server sends
   * versions, else the first publication after the change (and `newerThan` guards stale ones).
   */
  waitForDiagnostics(uri, version, timeoutMs = 30000) {
    return this.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && (m.params.version === undefined || m.params.version === null || m.params.version >= version), timeoutMs);
  }

  async initialize(rootDir, initializationOptions) {
    const rootUri = pathToFileURL(rootDir).href;
    this.initResult = await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      initializationOptions,
      capabilities: {
        // push diagnostics only: we measure didChange -> publishDiagnostics
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        },
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        window: { workDoneProgress: false },
      },
    });
    this.notify('initialized', {});
    return this.initResult;
  }

  /** 1 = full text, 2 = incremental, per the server's answer to initialize */
  syncKind() {
    const s = this.initResult?.capabilities?.textDocumentSync;
    return typeof s === 'number' ? s : s?.change ?? 1;
  }

  rssBytes() {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** user + system CPU time of the server process so far, ms (Linux /proc, clock ticks of 10 ms) */
  cpuMs() {
    try {
      const stat = readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return NaN;
    }
  }

  async stop() {
    if (this.exited) return;
    try {
      await this.request('shutdown', null, 5000);
      this.notify('exit');
    } catch {
      /* killed below */
    }
    await new Promise((resolve) => {
      if (this.exited) return resolve();
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        resolve();
      }, 5000);
      this.proc.on('exit', () => (clearTimeout(t), resolve()));
    });
  }
}
