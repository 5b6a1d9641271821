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
  return linearErrors(standaloneCode(ajv, refs));
}

/**
 * ajv's generated code gathers a sub-schema's errors with `vErrors = vErrors.concat(sub.errors)`: a copy
 * of every error so far per call, quadratic in the errors of a document (a design whose 12,000 sites each
 * had an unknown key spent 0.54 s there, 9 ms after). Appended in place instead; the errors and their
 * order are the same. Throws when ajv's code no longer has that form, or when a `concat` is left.
 */
export function linearErrors(source) {
  const gather = /vErrors = vErrors === null \? (\w+)\.errors : vErrors\.concat\(\1\.errors\);/g;
  let n = 0;
  const out = source.replace(gather, (_, v) => {
    n++;
    return `if (vErrors === null) vErrors = ${v}.errors; else for (const e of ${v}.errors) vErrors.push(e);`;
  });
  if (n === 0 || out.includes('.concat(')) throw new Error(`schema-validators: ajv's error gathering changed (${n} rewritten): check linearErrors`);
  return out;
}
