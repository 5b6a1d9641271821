// Injected by esbuild from package.json (see build.mjs); "dev" when run unbundled.
declare const __DCI_LINT_VERSION__: string | undefined;
export const VERSION: string = typeof __DCI_LINT_VERSION__ === 'string' ? __DCI_LINT_VERSION__ : 'dev';
