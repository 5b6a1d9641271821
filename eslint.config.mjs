// ESLint (flat config): typescript-eslint's recommended rules over the TypeScript sources, and the
// layering of ARCHITECTURE.md: the core does no IO and knows no protocol; the CLI, the server and its
// adapters reach the core only through its index (server/src/core/index.ts).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const IO = ['fs', 'path', 'url', 'os', 'child_process', 'net', 'http', 'https', 'worker_threads', 'fs/promises'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/work/**', 'test-artifacts/**'] },
  { files: ['server/src/**/*.ts', 'client/src/**/*.ts'], extends: [js.configs.recommended, ...tseslint.configs.recommended] },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...IO, ...IO.map((m) => `node:${m}`)].map((name) => ({ name, message: 'The core does no IO (ARCHITECTURE.md): take text in, give findings out.' })),
          patterns: [{ group: ['vscode-languageserver*', 'vscode-uri', 'vscode'], message: 'The core knows no protocol (ARCHITECTURE.md).' }],
        },
      ],
    },
  },
  {
    files: ['server/src/lsp/**/*.ts', 'server/src/cli/**/*.ts', 'server/src/server.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/core/*', '!**/core/index'], message: 'Import the core through its index (server/src/core/index.ts), as ARCHITECTURE.md says.' }] },
      ],
    },
  },
);
