// Bundles the CLI, the language server and the VS Code client with esbuild.
// Everything ships bundled: the VSIX carries no node_modules.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, existsSync, chmodSync, readFileSync } from 'node:fs';

const minify = process.argv.includes('--minify');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = { define: { __DCI_LINT_VERSION__: JSON.stringify(version) }, bundle: true, platform: 'node', format: 'cjs', target: 'node18', sourcemap: !minify, minify, logLevel: 'warning' };

mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
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
for (const [from, to] of wasm) if (existsSync(from)) copyFileSync(from, to);
