// Bundles the CLI, the language server and the VS Code client with esbuild.
// Everything ships bundled: the VSIX carries no node_modules.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, existsSync, chmodSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
// The core's virtual modules: the JSON Schemas compiled at build time, world-atlas's land outlines as text.
import { landDataPlugin, schemaValidatorsPlugin } from './scripts/esbuild-plugins.mjs';

const require = createRequire(import.meta.url);
const minify = process.argv.includes('--minify');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
// compiled once for every bundle
const schemaValidators = schemaValidatorsPlugin();
const common = {
  define: { __DCI_LINT_VERSION__: JSON.stringify(version) },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: !minify,
  minify,
  logLevel: 'warning',
  plugins: [schemaValidators, landDataPlugin(true)],
};

mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // dist/server.js is launch.ts: it starts the analysis worker, then loads dist/server-bundle.js (main.ts)
  // with V8's code cache. Functions V8 takes from a code cache lose the script's `import()` callback
  // (Node: "A dynamic import callback was not specified"), so the bundle has no `import()`: esbuild turns
  // web-tree-sitter's `import('fs/promises')` into a require.
  build({ ...common, entryPoints: ['server/src/launch.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' }, plugins: [] }),
  build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server-bundle.js', supported: { 'dynamic-import': false } }),
  build({ ...common, entryPoints: ['server/src/core/index.ts'], outfile: 'dist/core.js' }),
  existsSync('client/src/extension.ts')
    ? build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] })
    : null,
]);
chmodSync('dist/cli.js', 0o755);
chmodSync('dist/server.js', 0o755);
// tree-sitter runtime and the HCL grammar are loaded from next to the bundle.
const wasm = [
  ['node_modules/web-tree-sitter/tree-sitter.wasm', 'dist/tree-sitter.wasm'],
  ['node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm', 'dist/tree-sitter-terraform.wasm'],
];
for (const [from, to] of wasm) {
  // A missing grammar would only show up as a Terraform 'not initialised' finding at run time: fail the build.
  if (!existsSync(from)) throw new Error(`build: ${from} is missing (npm ci?)`);
  copyFileSync(from, to);
}

// The web extension (vscode.dev, github.dev): the same server in a web worker and a browser client.
// Node's fs/url/path and the Node LSP connection are swapped for the shims in server/src/web/shims
// (see server/src/web/server.ts); nothing else changes, so the findings are the desktop's.
const shims = {
  fs: resolve('server/src/web/shims/fs.ts'),
  url: resolve('server/src/web/shims/url.ts'),
  path: require.resolve('path-browserify'),
  'vscode-languageserver/node': resolve('server/src/web/shims/languageserver-node.ts'),
};
const webShims = {
  name: 'web-shims',
  setup(b) {
    b.onResolve({ filter: /^(node:)?(fs|url|path)$|^vscode-languageserver\/node$/ }, (args) => ({ path: shims[args.path.replace(/^node:/, '')] }));
    // Node built-ins that web-tree-sitter names only on its Node code path: never called in a worker.
    b.onResolve({ filter: /^(node:)?(fs\/promises|module|crypto|os|worker_threads)$/ }, () => ({ path: 'empty', namespace: 'web-empty' }));
    b.onLoad({ filter: /.*/, namespace: 'web-empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};
// The map's detailed land (Natural Earth 1:50m, used when zoomed into a metro) stays out of the web
// worker: the map views are desktop commands, and the VSIX must stay under 2 MB. 1:110m everywhere.
const web = { ...common, platform: 'browser', target: 'es2022', plugins: [schemaValidators, landDataPlugin(false), webShims] };

await Promise.all([
  build({ ...web, format: 'iife', entryPoints: ['server/src/web/server.ts'], outfile: 'dist/server.web.js', inject: ['server/src/web/shims/globals.ts'] }),
  existsSync('client/src/browser.ts')
    ? build({ ...web, format: 'cjs', entryPoints: ['client/src/browser.ts'], outfile: 'dist/extension.web.js', external: ['vscode'] })
    : null,
]);
// The worker fetches the wasm files from beside its bundle (dist/), like the Node server reads them.
