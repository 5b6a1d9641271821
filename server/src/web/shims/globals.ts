// Globals the Node build of the server expects, for the web worker build (esbuild `inject`):
// `process` (the server registers crash handlers on it; nothing else is used) `__dirname`, the
// folder of the bundle, from which the tree-sitter wasm files are fetched, and `__filename` (the
// bundle: no worker threads here, so it is never started as an analysis worker).
declare const self: { location: { href: string } };

const noop = (): void => undefined;
export const process = {
  on: noop,
  off: noop,
  env: {} as Record<string, string | undefined>,
  argv: [] as string[],
  platform: 'browser',
  version: '',
  versions: {} as Record<string, string>,
  cwd: (): string => '/',
  exit: noop,
  nextTick: (fn: (...args: unknown[]) => void, ...args: unknown[]): void => queueMicrotask(() => fn(...args)),
};
export const __dirname = self.location.href.replace(/\/[^/]*$/, '');
export const __filename = self.location.href;
