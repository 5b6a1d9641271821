// What the launcher did to V8's tiering in this process (v8Tiering.ts), for the server's log: shared by
// every copy of these modules in the process (the launcher's and the bundle's) through a global symbol.
// No Node module is imported here: the web build carries it.

const STATE = Symbol.for('dci-lint.v8Tiering');

/** Records the interrupt budget the launcher set (bytes of bytecode). */
export function markTuned(budget: number): void {
  (globalThis as { [STATE]?: number })[STATE] = budget;
}

/** The server's log line about V8's tiering in this process (what tuneTiering did, if it ran). */
export function tieringNote(v8Version: string): string {
  const budget = (globalThis as { [STATE]?: number })[STATE];
  return budget !== undefined
    ? `V8 tiering: interrupt budget ${budget.toLocaleString('en-US')} bytes of bytecode (V8 ${v8Version}; 4 x its default: the edit path is optimised later, with less compiling).`
    : `V8 tiering: V8's own (V8 ${v8Version}).`;
}
