// dist/server-bundle.js: the language server (server.ts) or, when the server starts it as a worker thread,
// the analysis worker of large documents (lsp/analysisWorker.ts). One bundle serves both, so the VSIX
// carries the core once. dist/server.js (launch.ts) starts the worker and loads this bundle; run directly,
// this bundle starts the worker itself.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { AnalysisWorkerData } from './lsp/analysisWorker';

if (!isMainThread && parentPort && (workerData as AnalysisWorkerData | undefined)?.dciLintAnalysis) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./lsp/analysisWorker') as typeof import('./lsp/analysisWorker')).runAnalysisWorker(parentPort, workerData as AnalysisWorkerData);
} else {
  // The analysis worker loads on the second core while this thread loads the server (see lsp/workerStart.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./lsp/workerStart') as typeof import('./lsp/workerStart')).startWorkerEarly(__filename);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./server');
}
