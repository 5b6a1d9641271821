// Starting the analysis worker with the server, before the server's own modules load (server/src/launch.ts, dist/server.js).
// VS Code opens the editors it restores within milliseconds of `initialize`; a large design among them
// would otherwise wait for the worker to load its bundle (~70 ms) after its didOpen. Started here, the
// worker loads on the second core while the main thread loads the server. If no large design comes within
// WORKER_AHEAD_MS the worker stops, and the next large design starts one as before: those who never open
// one hold the second isolate (~28 MB) only that long.
//
// Nothing but Node's own modules is imported: this runs before the core is loaded.

import { availableParallelism } from 'node:os';
import * as workerThreads from 'node:worker_threads';

/** How long a worker started with the server waits for its first job before it stops: 60 s. DCI Lint's choice. */
export const WORKER_AHEAD_MS = 60_000;

/**
 * How long the server keeps a worker it started ahead of any job: WORKER_AHEAD_MS, or the
 * `DCI_LINT_WORKER_AHEAD_MS` environment variable (0: no worker before the first large design). 0 on a
 * single core, where the worker's start would slow the server's own, and where worker threads do not
 * exist (the web build).
 */
export function workerAheadMs(env: Record<string, string | undefined> = process.env, cores?: number): number {
  if (typeof workerThreads.Worker !== 'function') return 0;
  if ((cores ?? (typeof availableParallelism === 'function' ? availableParallelism() : 1)) < 2) return 0;
  const raw = env.DCI_LINT_WORKER_AHEAD_MS;
  const n = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : WORKER_AHEAD_MS;
}

/** A worker started ahead, and the shared cancel flag it was given (see AnalysisWorkerData). */
export interface EarlyWorker {
  script: string;
  worker: workerThreads.Worker;
  cancel: SharedArrayBuffer;
}

/**
 * This module's state, shared by every copy of it in the process: dist/server.js (launch.ts) starts the
 * worker before it loads the server bundle, which holds a second copy of this module and takes the worker
 * from there.
 */
interface WorkerStartState {
  early?: EarlyWorker;
  /** how long the worker started ahead waits for a job (ms); undefined: none was started */
  startedFor?: number;
  onStop?: () => void;
  /** the script analysis workers run: the first given to startWorkerEarly (dist/server.js when launched by it) */
  script?: string;
}
const STATE = Symbol.for('dci-lint.workerStart');
const state: WorkerStartState = ((globalThis as { [STATE]?: WorkerStartState })[STATE] ??= {});

/**
 * Starts `script` (the launcher, dist/server.js; or the server's bundle when that was run directly) as the
 * analysis worker now, unless `aheadMs` is 0; it stops after `aheadMs` if `takeEarlyWorker` has not taken
 * it by then. Returns whether it started.
 */
export function startWorkerEarly(script: string, aheadMs = workerAheadMs()): boolean {
  // the first caller's script is every analysis worker's (the launcher's, when it launched the server),
  // also where none is started ahead (one core): see analysisWorkerScript
  state.script ??= script;
  if (aheadMs <= 0 || state.startedFor !== undefined) return false;
  const cancel = new SharedArrayBuffer(4);
  // the same options as AnalysisWorker's own start
  const worker = new workerThreads.Worker(script, { workerData: { dciLintAnalysis: true, cancel }, argv: [], stdout: false, stderr: false });
  worker.unref();
  const mine: EarlyWorker = { script, worker, cancel };
  // Until taken, a failure only means that the server starts a worker of its own later (never this one).
  const drop = () => {
    if (state.early === mine) state.early = undefined;
  };
  worker.on('error', drop);
  worker.on('exit', drop);
  state.early = mine;
  state.startedFor = aheadMs;
  setTimeout(() => {
    if (state.early !== mine) return;
    state.early = undefined;
    void worker.terminate();
    state.onStop?.();
  }, aheadMs).unref();
  return true;
}

/**
 * The file an analysis worker runs: the launcher (dist/server.js, which loads the bundle with its code
 * cache) when it launched the server, else `bundle` (the server's own bundle, run directly).
 */
export function analysisWorkerScript(bundle: string): string {
  return state.script ?? bundle;
}

/**
 * The worker started ahead with `script`, if it is still running: the caller owns it from now on (it is
 * not stopped, and the caller listens for its errors and exit).
 */
export function takeEarlyWorker(script: string): EarlyWorker | undefined {
  const e = state.early;
  if (!e || e.script !== script) return undefined;
  state.early = undefined;
  e.worker.removeAllListeners('error');
  e.worker.removeAllListeners('exit');
  return e;
}

/**
 * How long the worker started ahead in this process waits for a job (ms; undefined: none was started),
 * and a function called if it stops unused.
 */
export function earlyWorkerStarted(whenStopped?: () => void): number | undefined {
  state.onStop = whenStopped;
  return state.startedFor;
}
