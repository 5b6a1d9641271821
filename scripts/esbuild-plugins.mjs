// The esbuild plugins of DCI Lint's bundles, shared by build.mjs and the tests that bundle a copy of the
// repository (test/unit/new-rule.test.mjs): what the core imports from its virtual modules.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { schemaValidatorsSource } from './schema-validators.mjs';

const require = createRequire(import.meta.url);

/**
 * `dci-lint:schema-validators`: the JSON Schemas of the repository at `root` compiled once, at build time
 * (ajv standalone code; scripts/schema-validators.mjs).
 */
export function schemaValidatorsPlugin(root = process.cwd()) {
  const source = schemaValidatorsSource(root);
  return {
    name: 'schema-validators',
    setup(b) {
      b.onResolve({ filter: /^dci-lint:schema-validators$/ }, () => ({ path: 'schema-validators', namespace: 'dci-lint-generated' }));
      b.onLoad({ filter: /.*/, namespace: 'dci-lint-generated' }, () => ({ contents: source, loader: 'js', resolveDir: resolve(root) }));
    },
  };
}

/**
 * `dci-lint:land-110m` and `dci-lint:land-50m`: world-atlas's land outlines as JSON text
 * (server/src/core/map/land-data.d.ts says why). `detailed` false maps the 1:50m name to the 1:110m file
 * (the web build).
 */
export function landDataPlugin(detailed = true) {
  return {
    name: 'land-data',
    setup(b) {
      b.onResolve({ filter: /^dci-lint:land-(50|110)m$/ }, (args) => ({
        path: require.resolve(`world-atlas/land-${detailed && args.path.endsWith('50m') ? '50m' : '110m'}.json`),
        namespace: 'dci-lint-land',
      }));
      b.onLoad({ filter: /.*/, namespace: 'dci-lint-land' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }));
    },
  };
}
