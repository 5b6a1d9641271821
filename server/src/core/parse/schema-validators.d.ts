// The JSON Schema validators compiled at build time (scripts/schema-validators.mjs, served to esbuild by
// build.mjs as this virtual module): ajv standalone code, the same options as a run-time compile.
declare module 'dci-lint:schema-validators' {
  import type { ValidateFunction } from 'ajv';
  export const topology: ValidateFunction;
  export const config: ValidateFunction;
  export const part_site: ValidateFunction;
  export const part_link: ValidateFunction;
  export const part_segment: ValidateFunction;
  export const part_cluster: ValidateFunction;
  export const part_migration: ValidateFunction;
  export const part_replication: ValidateFunction;
  export const part_user: ValidateFunction;
  export const part_service: ValidateFunction;
}
