// ESLint (flat config): typescript-eslint's recommended rules over the TypeScript sources.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/work/**', 'test-artifacts/**'] },
  { files: ['server/src/**/*.ts', 'client/src/**/*.ts'], extends: [js.configs.recommended, ...tseslint.configs.recommended] },
);
