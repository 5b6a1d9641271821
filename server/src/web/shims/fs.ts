// `node:fs` for the language server in a web worker (vscode.dev, github.dev): an in-memory file system
// that the web client fills with the workspace's topology, Terraform and configuration files
// (notification `dciLint/files`). Only the synchronous calls the server makes are here; a path that is
// not in it is ENOENT, as on disk.

const files = new Map<string, { text: string; mtimeMs: number }>();
/** folder -> the names directly inside it */
const dirs = new Map<string, Set<string>>();

function norm(p: string): string {
  const s = p.replace(/\\/g, '/').replace(/\/+$/, '');
  return s === '' ? '/' : s;
}

function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

function enoent(syscall: string, p: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, ${syscall} '${p}'`), { code: 'ENOENT', errno: -2, syscall, path: p });
}

/** Sets (text) or deletes (undefined) a file; its folders appear and disappear with it. */
export function setFile(path: string, text: string | undefined): void {
  const p = norm(path);
  if (text === undefined) {
    if (!files.delete(p)) return;
    for (let child = p, dir = parentOf(p); ; child = dir, dir = parentOf(dir)) {
      const names = dirs.get(dir);
      names?.delete(child.slice(child.lastIndexOf('/') + 1));
      if (names && names.size > 0) break;
      dirs.delete(dir);
      if (dir === '/') break;
    }
    return;
  }
  files.set(p, { text, mtimeMs: Date.now() });
  for (let child = p, dir = parentOf(p); ; child = dir, dir = parentOf(dir)) {
    let names = dirs.get(dir);
    if (!names) dirs.set(dir, (names = new Set()));
    names.add(child.slice(child.lastIndexOf('/') + 1));
    if (dir === '/') break;
  }
}

export interface Stats {
  size: number;
  mtimeMs: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

export function statSync(path: string): Stats {
  const p = norm(path);
  const f = files.get(p);
  const isDir = !f && dirs.has(p);
  if (!f && !isDir) throw enoent('stat', path);
  return { size: f ? f.text.length : 0, mtimeMs: f ? f.mtimeMs : 0, isFile: () => !!f, isDirectory: () => isDir, isSymbolicLink: () => false };
}
export const lstatSync = statSync;

export function existsSync(path: string): boolean {
  const p = norm(path);
  return files.has(p) || dirs.has(p);
}

export function readFileSync(path: string): string {
  const f = files.get(norm(path));
  if (!f) throw enoent('open', path);
  return f.text;
}

export function readdirSync(path: string): string[] {
  const names = dirs.get(norm(path));
  if (!names) throw enoent('scandir', path);
  return [...names].sort();
}

/** A file opened for reading: its path stands for the descriptor. */
export function openSync(path: string): string {
  const p = norm(path);
  if (!files.has(p)) throw enoent('open', path);
  return p;
}

/** Reads up to `length` bytes of the file's UTF-8 text from `position` into `buf` at `offset`; the count read. */
export function readSync(fd: string, buf: Uint8Array, offset: number, length: number, position: number): number {
  const f = files.get(fd);
  if (!f) throw enoent('read', fd);
  const bytes = new TextEncoder().encode(f.text).subarray(position, position + length);
  buf.set(bytes, offset);
  return bytes.length;
}

export function closeSync(): void {
  // nothing held
}

/** No links in memory: every path is its own real path. */
export function realpathSync(path: string): string {
  if (!existsSync(path)) throw enoent('realpath', path);
  return norm(path);
}

export default { statSync, lstatSync, existsSync, readFileSync, readdirSync, realpathSync, openSync, readSync, closeSync };
