// Reported by the YAML parser from the JSON Schema (schemas/topology.schema.json); metadata only.
import type { Rule } from './types';

export const schema: Rule = {
  meta: {
    id: 'schema',
    summary: 'The topology document breaks the JSON Schema: a wrong type, a missing or unknown key.',
    defaultSeverity: 'error',
    graded: false,
    placementIndependent: true,
    fixable: false,
    options: {},
  },
  check() {},
};
