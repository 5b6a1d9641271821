import type { Rule } from './types';

export const duplicateSite: Rule = {
  meta: {
    id: 'duplicate-site',
    summary: 'A site id is defined twice; the second definition is ignored.',
    defaultSeverity: 'error',
    graded: false,
    placementIndependent: true,
    fixable: false,
    options: {},
  },
  check(ctx) {
    for (const dup of ctx.design.duplicateSites ?? []) {
      ctx.report({
        message: `Site \`${dup.id}\` is defined twice; only the first definition is used.`,
        loc: dup.loc,
        data: { site: dup.id },
        related: [{ loc: dup.first, message: `first definition of ${dup.id}` }],
      });
    }
  },
};
