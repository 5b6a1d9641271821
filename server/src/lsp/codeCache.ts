// Loading the server bundle with a V8 code cache (dist/server.js, launch.ts). Node compiles the 3.6 MB
// bundle on every start, and every function of the analysis again the first time it runs: most of a
// first analysis is that work (a 2,000-site design: ~460 ms in a fresh process, ~400 ms in a warm one).
// The analysis worker, once its first large design is answered, saves V8's code cache of the bundle
// (bytecode of every function compiled so far); later starts, of the server and of the worker, load it.
// Measured on this machine's kind: the core bundle in 5 fresh processes each, load 40 -> 17 ms and a
// first 2,000-site analysis 475 -> 407 ms (medians); the server, 8 interleaved opens of that design each,
// didOpen -> diagnostics 498 -> 466 ms. V8 refuses a cache made by another V8 version or other flags, but
// compares only the length of the source, and runs a payload whose bytes changed: so the file is named by
// the bundle's hash and carries the SHA-256 of its payload, checked before V8 sees it. A stale, refused or
// damaged file costs one normal start, and is made again. (Node 22.1+ has module.enableCompileCache();
// the server also runs on Node 20.)
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
  /** the bundle as `require` loads it, without a cache: where reading or compiling it here failed */
  const withoutCache = () => {
    state.status = 'off';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(file);
  };
  let source: Buffer;
  try {
    source = readFileSync(file);
  } catch {
    withoutCache();
    return;
  }
  const cacheFile = codeCachePath(createHash('sha256').update(source).digest('hex'));
  let cached: Buffer | undefined;
  /** a file was there but its sum or header was wrong: never given to V8 */
  let damaged = false;
  if (cacheFile) {
    try {
      const bytes = readFileSync(cacheFile);
      const payload = bytes.subarray(HEADER_BYTES);
      if (
        bytes.length > HEADER_BYTES &&
        bytes.subarray(0, MAGIC.length).equals(MAGIC) &&
        bytes.subarray(MAGIC.length, HEADER_BYTES).equals(createHash('sha256').update(payload).digest())
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
    withoutCache();
    return;
  }
  state.status = !cacheFile ? 'off' : damaged || (cached && script.cachedDataRejected) ? 'rejected' : !cached ? 'none' : 'used';
  state.file = cacheFile;
  if (save && cacheFile && state.status !== 'used') {
    let saved = false;
    state.save = () => {
      if (saved) return undefined;
      saved = true;
      // written whole, then renamed: a reader never sees half a file
      const tmp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
      try {
        mkdirSync(dirname(cacheFile), { recursive: true });
        const payload = script.createCachedData();
        writeFileSync(tmp, Buffer.concat([MAGIC, createHash('sha256').update(payload).digest(), payload]));
        renameSync(tmp, cacheFile);
      } catch (e) {
        // no cache next time: nothing else changes (a full disk leaves no partial file behind)
        try {
          unlinkSync(tmp);
        } catch {
          // not written
        }
        return { error: (e as Error)?.message ?? String(e) };
      }
      try {
        pruneOlder(dirname(cacheFile));
      } catch {
        // the cache is written; older files stay
      }
      return { file: cacheFile };
    };
  }
  const mod = { exports: {}, filename: file, id: file, loaded: false, children: [], paths: [], path: dirname(file) };
  run.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
}

/**
 * Removes all but the KEEP_FILES newest cache files of `dir` (other builds of the server, other Nodes),
 * and temporary files over 10 minutes old (a server stopped while writing). Files another server removes
 * meanwhile are skipped.
 */
function pruneOlder(dir: string): void {
  const files: Array<{ f: string; t: number }> = [];
  for (const f of readdirSync(dir)) {
    if (!/^server-bundle-.*\.v8cache(\.\d+\.\d+\.tmp)?$/.test(f)) continue;
    try {
      files.push({ f, t: statSync(join(dir, f)).mtimeMs });
    } catch {
      // removed meanwhile
    }
  }
  const done = files.filter((x) => x.f.endsWith('.v8cache')).sort((a, b) => b.t - a.t);
  const stale = files.filter((x) => x.f.endsWith('.tmp') && Date.now() - x.t > 10 * 60_000);
  for (const { f } of [...done.slice(KEEP_FILES), ...stale]) {
    try {
      unlinkSync(join(dir, f));
    } catch {
      // removed meanwhile
    }
  }
}
