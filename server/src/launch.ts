// dist/server.js: the language server's launcher. It starts the analysis worker (lsp/workerStart.ts) and
// then loads the server bundle, dist/server-bundle.js (main.ts), which the worker runs too. Node compiles
// that 3.6 MB bundle in about 100 ms; started from inside it, the worker began only after the main thread
// had compiled it, and was still compiling its own copy when an editor's first didOpen came (the first
// large design waited 20-60 ms for it). Started here, ~40 ms after the process, both threads compile the
// bundle at once on two cores and the worker is ready first. Nothing but Node's own modules is imported.
import { join } from 'node:path';
import { startWorkerEarly } from './lsp/workerStart';

const bundle = join(__dirname, 'server-bundle.js');
startWorkerEarly(bundle);
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(bundle);
