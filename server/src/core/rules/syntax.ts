// Reported by the parsers; the rule exists for its metadata, configuration and docs.
import type { Rule } from './types';

export const syntax: Rule = {
  meta: {
    id: 'syntax',
    summary: 'The YAML or HCL does not parse, or the file is too large to analyse.',
    defaultSeverity: 'error',
    graded: false,
    placementIndependent: true,
    fixable: false,
    options: {},
  },
  check() {},
};
