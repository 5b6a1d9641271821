// Where the built bundles are. DCI_LINT_DIST points the hardening suites at another build, e.g. one made
// from the commit before a fix, to check that its regression test fails there.
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from './mutate.mjs';

export const DIST = process.env.DCI_LINT_DIST ? path.resolve(process.env.DCI_LINT_DIST) : path.join(ROOT, 'dist');
export const CORE_JS = path.join(DIST, 'core.js');
export const CLI_JS = path.join(DIST, 'cli.js');
export const SERVER_JS = path.join(DIST, 'server.js');
export const core = createRequire(import.meta.url)(CORE_JS);
