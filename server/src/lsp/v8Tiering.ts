// When V8 optimises the server's code. The language server runs the same analysis once per version of a
// document, each run a few loops over every entry; V8 11 (Node 20, and editors built on an Electron of its
// age) sends a function to TurboFan, its optimising compiler, after about three interrupt budgets of
// bytecode (3 x 66 KB): in a 500-site design most of the edit path reaches that within the first ten
// edits, and compiling it cost more CPU than running it (bench/edit-loop.mjs: 29-33 ms per edit over edits
// 3-12, of which ~19 ms TurboFan on background threads; ~10 ms once compiled). V8 12 and later tier up by
// invocation count through Maglev (3,000 calls before TurboFan): there the same edit costs 15-20 ms
// (Node 24, bench stage `runtime`). A budget four times V8 11's default gives that later tier-up on V8 11.
//
// The launcher (launch.ts) calls tuneTiering before any of the server's code runs; the server reports
// what it did in its log (v8TieringState.ts, which the web build carries too).

import { setFlagsFromString } from 'node:v8';
import { markTuned } from './v8TieringState';

/**
 * The interrupt budget set on V8 11 and older, bytes of bytecode: 4 x V8 11.3's default of 67,584
 * (`node --v8-options`). Measured over LSP on Node 20.20 (bench/edit-loop.mjs, 500 sites, servers
 * alternating with and without it): CPU per edit over edits 3-12, 28-33 -> 16-17 ms; over edits 3-62,
 * 16.8-19.2 -> 15.8-17.8 ms (the compiling is spread over more edits, and some of it never happens);
 * CPU of an open 10-20 % lower at 100, 500 and 2,000 sites. DCI Lint's figure, for the server only (the
 * CLI, a single run over its files, keeps V8's default).
 */
export const INTERRUPT_BUDGET_V8_11 = 4 * 67_584;

/**
 * Sets V8's interrupt budget for this process (every thread, the analysis worker included: V8's flags
 * are the process's) when V8 is older than 12; newer V8 is left as it is (it tiers by invocation count),
 * and so is any V8 when `DCI_LINT_V8_TIERING=0` is in the environment. `v8Version`:
 * `process.versions.v8`. Returns the budget set, or undefined.
 */
export function tuneTiering(v8Version: string = process.versions.v8, env: Record<string, string | undefined> = process.env): number | undefined {
  const major = Number.parseInt(v8Version, 10);
  if (!Number.isFinite(major) || major >= 12 || env.DCI_LINT_V8_TIERING === '0') return undefined;
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET_V8_11}`);
  markTuned(INTERRUPT_BUDGET_V8_11);
  return INTERRUPT_BUDGET_V8_11;
}
