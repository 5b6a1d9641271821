// Loading the server bundle with a V8 code cache (dist/server.js, launch.ts). Node compiles the 3.6 MB
// bundle on every start, and every function of the analysis again the first time it runs: most of a
// first analysis is that work (a 2,000-site design: ~460 ms in a fresh process, ~400 ms in a warm one).
// The analysis worker, once its first large design is answered, saves V8's code cache of the bundle
// (bytecode of every function compiled so far); later starts, of the server and of the worker, load it.
// Measured on this machine's kind (5 fresh processes each, core bundle, 2,000-site design): load 40 ->
// 17 ms, first analysis 475 -> 407 ms median. V8 rejects a cache made from another source, V8 version
// or flags (then the bundle is compiled as before and the cache made again), so a stale or broken file
// costs one normal start. Node 22 does the same with module.enableCompileCache(); VS Code's Node is 20.
//
// The cache is bytecode the process will run: it is kept in the user's own cache directory (never a
// shared temporary one), `DCI_LINT_CACHE_DIR` to choose another, `DCI_LINT_CODE_CACHE=0` for none.
// Nothing but Node's own modules is imported: this runs before the bundle is loaded.

import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

import { codeCacheState } from './codeCacheState';

const state = codeCacheState();

/**
 * A cache file: this header, the SHA-256 of the payload, the payload (V8's cached data). V8 checks a cache
 * against its version, flags and the source's length, but runs a payload whose bytes changed (a file
 * damaged past its header crashed the server at every start, measured): the sum is checked first.
 */
const MAGIC = Buffer.from('DCIV8C01');
const HEADER_BYTES = MAGIC.length + 32;

/** Cache files kept in the directory (the newest): one per build of the server in use, a few builds. */
const KEEP_FILES = 4;

/**
 * Where the cache of a bundle whose content has SHA-256 `contentHash` is kept, or undefined when off
 * (`DCI_LINT_CODE_CACHE=0`, or no home directory). `DCI_LINT_CACHE_DIR`, else the platform's per-user
 * cache directory ($XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on
 * Windows), under `dci-lint`. One file per bundle content, Node version and architecture: V8 checks a
 * cache against the source's length only, so the name carries the content's hash.
 */
export function codeCachePath(contentHash: string, env: Record<string, string | undefined> = process.env, platform = process.platform): string | undefined {
  if (env.DCI_LINT_CODE_CACHE === '0') return undefined;
  let dir = env.DCI_LINT_CACHE_DIR;
  if (!dir) {
    let home: string;
    try {
      home = homedir();
    } catch {
      return undefined;
    }
    if (!home) return undefined;
    const base =
      platform === 'win32'
        ? (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'))
        : platform === 'darwin'
          ? join(home, 'Library', 'Caches')
          : (env.XDG_CACHE_HOME ?? join(home, '.cache'));
    dir = join(base, 'dci-lint');
  }
  return join(dir, `server-bundle-${process.version}-${process.arch}-${contentHash.slice(0, 32)}.v8cache`);
}

/**
 * Loads the CommonJS bundle `file` in this thread (as `require` would), with its code cache when there
 * is a valid one. `save`: this thread saves the cache when asked (saveCodeCache), if it did not load a
 * valid one. Falls back to `require` if anything about the cache fails.
 */
export function loadBundle(file: string, save: boolean): void {
  let source: Buffer;
  try {
    source = readFileSync(file);
  } catch {
    state.status = 'off';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(file);
    return;
  }
  const cacheFile = codeCachePath(createHash('sha256').update(source).digest('hex'));
  let cached: Buffer | undefined;
  /** a file was there but its sum or header was wrong: never given to V8 */
  let damaged = false;
  if (cacheFile) {
    try {
      const file = readFileSync(cacheFile);
      const payload = file.subarray(HEADER_BYTES);
      if (
        file.length > HEADER_BYTES &&
        file.subarray(0, MAGIC.length).equals(MAGIC) &&
        file.subarray(MAGIC.length, HEADER_BYTES).equals(createHash('sha256').update(payload).digest())
      )
        cached = payload;
      else damaged = true;
    } catch {
      cached = undefined;
    }
  }
  let run: (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  let script: Script;
  try {
    script = new Script(Module.wrap(source.toString('utf8')), {
      filename: file,
      ...(cached ? { cachedData: cached } : {}),
    });
    run = script.runInThisContext() as typeof run;
  } catch {
    state.status = 'off';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(file);
    return;
  }
  state.status = !cacheFile ? 'off' : damaged || (cached && script.cachedDataRejected) ? 'rejected' : !cached ? 'none' : 'used';
  state.file = cacheFile;
  if (save && cacheFile && state.status !== 'used') {
    let saved = false;
    state.save = () => {
      if (saved) return;
      saved = true;
      try {
        mkdirSync(dirname(cacheFile), { recursive: true });
        // written whole, then renamed: a reader never sees half a file
        const tmp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
        const payload = script.createCachedData();
        writeFileSync(tmp, Buffer.concat([MAGIC, createHash('sha256').update(payload).digest(), payload]));
        renameSync(tmp, cacheFile);
        pruneOlder(dirname(cacheFile));
      } catch {
        // no cache next time: nothing else changes
      }
    };
  }
  const mod = { exports: {}, filename: file, id: file, loaded: false, children: [], paths: [], path: dirname(file) };
  run.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
}

/** Removes all but the KEEP_FILES newest cache files of `dir` (other builds of the server, other Nodes). */
function pruneOlder(dir: string): void {
  const files = readdirSync(dir)
    .filter((f) => /^server-bundle-.*\.v8cache$/.test(f))
    .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of files.slice(KEEP_FILES)) unlinkSync(join(dir, f));
}
