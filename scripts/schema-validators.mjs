// Build-time compilation of the JSON Schemas (ajv standalone code generation): the bundles carry the
// generated validation functions, not ajv's compiler, so no process compiles a schema at run time
// (about 0.13 s of CPU per CLI run and per CLI worker before; ajv's compiler is also left out of the bundle).
// build.mjs serves the result to esbuild as the virtual module `dci-lint:schema-validators`;
// server/src/core/parse/schema-validators.d.ts declares its exports.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The parts of a topology the incremental parser validates on their own (TopologyPart in schema.ts). */
export const TOPOLOGY_PARTS = ['site', 'link', 'segment', 'cluster', 'migration', 'replication', 'user', 'service'];

/** CommonJS source exporting `topology`, `config` and one validator per part (`part_site`, ...). */
export function schemaValidatorsSource(root = process.cwd()) {
  const Ajv2020 = require('ajv/dist/2020').default;
  const standaloneCode = require('ajv/dist/standalone').default;
  const topology = JSON.parse(readFileSync(`${root}/schemas/topology.schema.json`, 'utf8'));
  const config = JSON.parse(readFileSync(`${root}/schemas/config.schema.json`, 'utf8'));
  // The same options the run-time compile used: errors must come out identical.
  const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, code: { source: true } });
  ajv.addSchema(topology);
  ajv.addSchema(config);
  const refs = { topology: topology.$id, config: config.$id };
  for (const part of TOPOLOGY_PARTS) refs[`part_${part}`] = `${topology.$id}#/$defs/${part}`;
  return standaloneCode(ajv, refs);
}
