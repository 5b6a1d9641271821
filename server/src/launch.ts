// dist/server.js: the language server's launcher, and the analysis worker's entry. It starts the analysis
// worker (lsp/workerStart.ts), then loads the server bundle, dist/server-bundle.js (main.ts), with V8's
// code cache of it when there is one (lsp/codeCache.ts); the worker runs this file too and loads the same
// bundle the same way. Node compiles that 3.6 MB bundle in about 100 ms: started from inside it, the worker
// began only after the main thread had compiled it, and was still compiling its own copy when an editor's
// first didOpen came (the first large design waited 20-60 ms for it). Started here, ~40 ms after the
// process, both threads load the bundle at once on two cores. Nothing but Node's own modules is imported.
import { join } from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { loadBundle } from './lsp/codeCache';
import { startWorkerEarly } from './lsp/workerStart';
import { tuneTiering } from './lsp/v8Tiering';

const bundle = join(__dirname, 'server-bundle.js');
const analysisWorker = !isMainThread && (workerData as { dciLintAnalysis?: boolean } | undefined)?.dciLintAnalysis === true;
if (!analysisWorker) {
  // before any analysis code runs, and before the worker starts (V8's flags are the process's)
  tuneTiering();
  startWorkerEarly(__filename);
}
// the worker saves the code cache after its first job (analysisWorker.ts): it has compiled the analysis by then
loadBundle(bundle, analysisWorker);
