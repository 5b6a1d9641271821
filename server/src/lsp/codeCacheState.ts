// The state of the V8 code cache of this thread (codeCache.ts loads the bundle with it), shared by every
// copy of these modules in the thread: the launcher's and the bundle's. No Node module is imported here,
// so the web build carries it too (where the bundle is never loaded by codeCache.ts: no status).

/** What became of the cache at load: used, rejected (damaged, or refused by V8: made again), none on disk, or off. */
export type CodeCacheStatus = 'used' | 'rejected' | 'none' | 'off';

export interface CodeCacheState {
  status?: CodeCacheStatus;
  file?: string;
  /**
   * saves the cache of the bundle as compiled so far, once: the file written, or the error; undefined
   * where this thread does not save
   */
  save?: () => { file: string } | { error: string } | undefined;
}

const STATE = Symbol.for('dci-lint.codeCache');

/** This thread's state, made on first use. */
export function codeCacheState(): CodeCacheState {
  return ((globalThis as { [STATE]?: CodeCacheState })[STATE] ??= {});
}

/**
 * Saves the code cache of the bundle, if this thread loaded it to save one (the analysis worker, after its
 * first job): the file written or why not; undefined when there was nothing to save.
 */
export function saveCodeCache(): { file: string } | { error: string } | undefined {
  return codeCacheState().save?.();
}

/** What became of the code cache when this thread loaded the bundle (undefined: not loaded by codeCache.ts). */
export function codeCacheStatus(): { status: CodeCacheStatus; file?: string } | undefined {
  const s = codeCacheState();
  return s.status ? { status: s.status, ...(s.file ? { file: s.file } : {}) } : undefined;
}
