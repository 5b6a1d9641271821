// The analysis of large designs, off the language server's main thread (issue 13): a `worker_threads`
// worker runs the pure core's lintTopology (topology documents) and lintTerraformModule (module trees
// whose files the server has read), so hovers, completion and small documents are answered while a large
// design is analysed. One worker (the machines we target have two cores: the
// main thread reads requests, the worker analyses), one job at a time; a newer version of a document
// cancels the analysis of the older one at the next parse entry or rule (a flag in shared memory, see
// core/cancel.ts). The worker keeps each document's incremental parse cache, as the main thread does for
// small documents. Where worker_threads does not exist (the web build maps it to an empty module) the
// server analyses in its own thread, as before.
//
// Both sides live here: `runAnalysisWorker` is the worker's entry (dist/server.js started as a worker,
// see server/src/main.ts) and `AnalysisWorker` is the server's handle on it.

import * as workerThreads from 'node:worker_threads';
import { takeEarlyWorker } from './workerStart';
import { saveCodeCache } from './codeCacheState';
import {
  AnalysisCancelled,
  forgetTerraformFile,
  initTerraform,
  lintTerraformModule,
  lintTopology,
  prefillTopologyCache,
  TopologyCache,
  type Config,
  type Design,
  type Finding,
  type LimitRow,
  type LintResult,
  type TerraformFile,
} from '../core';

/**
 * Topology documents and Terraform module trees of at least this many characters are analysed in the worker. Below it a full
 * analysis takes less than about 100 ms on the main thread (bench: 500 sites, 113 KB, 35-50 ms warm) and
 * an edit a few ms, while the copy of a result between threads costs 10-20 ms of CPU at 500 sites
 * (v8.serialize + deserialize, measured): the worker pays off only where the analysis would block the
 * thread for longer than a hover may wait. DCI Lint's own figure; `DCI_LINT_WORKER_MIN_CHARS` overrides
 * it (0: every topology document; tests use it).
 */
export const WORKER_MIN_CHARS = 200_000;

/** The threshold in force: WORKER_MIN_CHARS, or the `DCI_LINT_WORKER_MIN_CHARS` environment variable. */
export function workerMinChars(env: Record<string, string | undefined> = process.env): number {
  const raw = env.DCI_LINT_WORKER_MIN_CHARS;
  const n = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : WORKER_MIN_CHARS;
}

/** What the worker is started with. `cancel`: one Int32, the id of the job to stop. */
export interface AnalysisWorkerData {
  dciLintAnalysis: true;
  cancel: SharedArrayBuffer;
}

/**
 * What to analyse: a topology text (lintTopology), or a Terraform module tree as the workspace read it
 * (lintTerraformModule; `wasmDir`: where tree-sitter's wasm files are).
 */
export type AnalysisInput =
  | { kind: 'topology'; text: string }
  | {
      kind: 'terraform';
      files: TerraformFile[];
      modules: Record<string, TerraformFile[]>;
      moduleManifest: Record<string, string>;
      topology?: Design;
      wasmDir: string;
    };

type ToWorker = { type: 'lint'; id: number; uri: string; input: AnalysisInput; configId: number; config?: Config } | { type: 'forget'; uri: string };

/**
 * A job's answer: its findings first (small: the server publishes them at once), then the design and
 * the judged rows (the bulk of the copy: 4.7 MB of a 2,000-site design, ~80 ms to serialise and
 * deserialise, measured); or `cancelled`, or the error that escaped the core.
 */
type FromWorker =
  | { type: 'codeCache'; file?: string; error?: string }
  | { type: 'findings'; id: number; findings: Finding[] }
  | { type: 'result'; id: number; designs: Design[]; rows: LimitRow[] }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; message: string; stack?: string };

/** How many configurations the worker remembers (one per `.dci-lint.yaml` in use, rarely more than a few). */
const MAX_CONFIGS = 32;

/**
 * The worker's side: answers `lint` jobs one at a time and keeps a TopologyCache per document (dropped on
 * `forget`). The server starts it with the first large design (the 45 MB and start-up CPU of a second V8
 * isolate are spent only by those who need it).
 */
export function runAnalysisWorker(port: workerThreads.MessagePort, data: AnalysisWorkerData): void {
  const flag = new Int32Array(data.cancel);
  const caches = new Map<string, TopologyCache>();
  const configs = new Map<number, Config>();
  let terraform: Promise<void> | undefined;
  let cacheSaved = false;
  // One job at a time (the server sends the next when this one answered); Terraform waits for tree-sitter once.
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'forget') {
      caches.delete(msg.uri);
      forgetTerraformFile(msg.uri);
      return;
    }
    if (msg.config) {
      configs.set(msg.configId, msg.config);
      if (configs.size > MAX_CONFIGS) configs.delete(configs.keys().next().value!);
    }
    const config = configs.get(msg.configId);
    const input = msg.input;
    if (input.kind === 'terraform') {
      terraform ??= initTerraform(input.wasmDir);
      terraform.then(
        () =>
          reply(port, msg.id, () =>
            lintTerraformModule(input.files, {
              config,
              modules: input.modules,
              moduleManifest: input.moduleManifest,
              ...(input.topology ? { topology: input.topology } : {}),
            }),
          ),
        (e: unknown) =>
          port.postMessage({
            type: 'error',
            id: msg.id,
            message: `Terraform support failed to load: ${(e as Error)?.message ?? String(e)}`,
          } satisfies FromWorker),
      );
      return;
    }
    let cache = caches.get(msg.uri);
    if (!cache) caches.set(msg.uri, (cache = new TopologyCache()));
    const topologyCache = cache;
    reply(port, msg.id, () => lintTopology(msg.uri, input.text, { config, cache: topologyCache, isCancelled: () => Atomics.load(flag, 0) === msg.id }));
    // V8 has compiled the analysis now: its code cache for the next starts (codeCache.ts), after the answer
    if (!cacheSaved) {
      cacheSaved = true;
      setTimeout(() => {
        const saved = saveCodeCache();
        if (saved) port.postMessage({ type: 'codeCache', ...saved } satisfies FromWorker);
      }, 0);
    }
    // After an open (parsed whole), the entries go into the cache between messages.
    prefillWhenIdle(topologyCache, () => caches.get(msg.uri) === topologyCache, WORKER_PREFILL_SLICE_MS);
  });
}

/** Answers job `id`: its findings, then its designs and rows; or `cancelled`, or the error that escaped the core. */
function reply(port: workerThreads.MessagePort, id: number, run: () => LintResult): void {
  let result: LintResult;
  try {
    result = run();
  } catch (e) {
    if (e instanceof AnalysisCancelled) port.postMessage({ type: 'cancelled', id } satisfies FromWorker);
    else port.postMessage({ type: 'error', id, message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack } satisfies FromWorker);
    return;
  }
  port.postMessage({ type: 'findings', id, findings: result.findings } satisfies FromWorker);
  port.postMessage({ type: 'result', id, designs: result.designs, rows: result.rows } satisfies FromWorker);
}

/** The worker has nothing else to do between jobs: longer slices than the main thread's. */
const WORKER_PREFILL_SLICE_MS = 20;

/**
 * After an open (the whole text parsed at once, `cache.pending`), parses its entries into the cache in
 * slices of `sliceMs` between the other work of the thread, while `wanted()` (the document is still the
 * one this cache is for), so that the first edit is incremental. setTimeout, not setImmediate: the web
 * build runs the server in a browser worker.
 */
export function prefillWhenIdle(cache: TopologyCache, wanted: () => boolean, sliceMs: number): void {
  if (!cache.pending) return;
  const step = () => {
    if (wanted() && !prefillTopologyCache(cache, performance.now() + sliceMs)) setTimeout(step, 0);
  };
  setTimeout(step, 0);
}

interface Job {
  id: number;
  uri: string;
  input: AnalysisInput;
  config: Config;
  /** called with the findings as soon as the worker sends them, before the rest of the result */
  onFindings?: (findings: Finding[]) => void;
  findings?: Finding[];
  resolve: (r: LintResult) => void;
  reject: (e: unknown) => void;
}

/**
 * The server's handle on the analysis worker. `lint` queues a job and resolves with the worker's
 * LintResult (a structured clone: Maps and arrays as the core made them); it rejects with
 * AnalysisCancelled when a newer `lint` or `cancel` of the same document superseded it, and with an Error
 * when the worker failed (the worker is started again for the next job).
 */
export class AnalysisWorker {
  private worker: workerThreads.Worker | undefined;
  /** the flag the current worker polls (a worker started ahead brings its own, see workerStart.ts) */
  private cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  private running: Job | undefined;
  private readonly queue: Job[] = [];
  private nextId = 1;
  private readonly configIds = new WeakMap<Config, number>();
  private nextConfigId = 1;
  /** configuration ids the current worker has been sent */
  private sent = new Set<number>();
  private disposed = false;

  /**
   * @param script the file the worker runs (the server's own bundle, dist/server-bundle.js)
   * @param log where failures of the worker go (the server's log)
   */
  constructor(
    private readonly script: string,
    private readonly log: (message: string) => void,
  ) {}

  /** Whether worker threads exist here (not in a browser). */
  static available(): boolean {
    return typeof workerThreads.Worker === 'function';
  }

  /**
   * The analysis of the document `uri`, in the worker: of a topology text as lintTopology(uri, text,
   * { config, cache }) computes it, or of the Terraform module tree that holds it as lintTerraformModule
   * does (an analysis of a module is not stopped halfway: a newer one waits for it, its result is dropped).
   * `onFindings`: called with the result's findings as soon as they are known, before the design and the
   * rows (the bulk of the copy between threads) arrive and the promise resolves; not called when the job
   * is cancelled or fails.
   */
  lint(uri: string, input: AnalysisInput, config: Config, onFindings?: (findings: Finding[]) => void): Promise<LintResult> {
    this.cancel(uri);
    return new Promise<LintResult>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, uri, input, config, onFindings, resolve, reject });
      this.pump();
    });
  }

  /** Stops the analysis of `uri` under way (at its next parse entry or rule) and drops the queued ones. */
  cancel(uri: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]!.uri === uri) this.queue.splice(i, 1)[0]!.reject(new AnalysisCancelled());
    }
    if (this.running?.uri === uri) Atomics.store(this.cancelFlag, 0, this.running.id);
  }

  /** A closed document: its analysis stops and the worker drops its parse cache. */
  forget(uri: string): void {
    this.cancel(uri);
    this.worker?.postMessage({ type: 'forget', uri } satisfies ToWorker);
  }

  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.reject(new AnalysisCancelled());
    this.running?.reject(new AnalysisCancelled());
    this.running = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensure(): workerThreads.Worker {
    if (this.worker) return this.worker;
    // the worker the server started ahead of this first job (workerStart.ts), or a new one
    const early = takeEarlyWorker(this.script);
    if (early) this.cancelFlag = new Int32Array(early.cancel);
    const data: AnalysisWorkerData = { dciLintAnalysis: true, cancel: this.cancelFlag.buffer as SharedArrayBuffer };
    const worker = early?.worker ?? new workerThreads.Worker(this.script, { workerData: data, argv: [], stdout: false, stderr: false });
    this.sent = new Set();
    worker.on('message', (msg: FromWorker) => this.onMessage(msg));
    worker.on('error', (e) => this.onExit(worker, `failed: ${e.stack ?? String(e)}`));
    worker.on('exit', (code) => this.onExit(worker, `exited with code ${code}`));
    // The server may exit while the worker works.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private onMessage(msg: FromWorker): void {
    if (msg.type === 'codeCache') {
      this.log(
        msg.error ? `V8 code cache: could not be saved (${msg.error}); the next start compiles the bundle again.` : `V8 code cache: saved (${msg.file}).`,
      );
      return;
    }
    const job = this.running;
    if (!job || job.id !== msg.id) return;
    if (msg.type === 'findings') {
      job.findings = msg.findings;
      job.onFindings?.(msg.findings);
      return;
    }
    this.running = undefined;
    if (msg.type === 'result') job.resolve({ findings: job.findings ?? [], designs: msg.designs, rows: msg.rows });
    else if (msg.type === 'cancelled') job.reject(new AnalysisCancelled());
    else job.reject(new Error(`${msg.message}${msg.stack ? `\n${msg.stack}` : ''}`));
    this.pump();
  }

  private onExit(worker: workerThreads.Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    if (this.disposed) return;
    this.log(`The analysis worker ${why}; it is started again for the next analysis.`);
    const job = this.running;
    this.running = undefined;
    // The job that was running may be what killed it (memory): it fails, the others go on.
    job?.reject(new Error(`the analysis worker ${why}`));
    this.pump();
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    const worker = this.ensure();
    let configId = this.configIds.get(job.config);
    if (configId === undefined) this.configIds.set(job.config, (configId = this.nextConfigId++));
    const msg: ToWorker = { type: 'lint', id: job.id, uri: job.uri, input: job.input, configId };
    if (!this.sent.has(configId)) {
      msg.config = job.config;
      // The worker keeps the last MAX_CONFIGS it was sent, oldest out first: the same order here.
      this.sent.add(configId);
      if (this.sent.size > MAX_CONFIGS) this.sent.delete(this.sent.values().next().value!);
    }
    worker.postMessage(msg);
  }
}
