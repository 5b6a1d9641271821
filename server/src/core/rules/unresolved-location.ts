import { placeables } from './placeables';
import type { Rule } from './types';

export const unresolvedLocation: Rule = {
  meta: {
    id: 'unresolved-location',
    summary: 'A site or resource cannot be placed (e.g. an unresolved Terraform variable); rules that need it are skipped, never guessed.',
    defaultSeverity: 'info',
    graded: false,
    fixable: false,
    options: {},
  },
  check(ctx) {
    for (const { what, site } of placeables(ctx.design)) {
      if (site.placement || !site.unresolved) continue;
      ctx.report({
        message: `${what} cannot be placed: ${site.unresolved.reason}. Checks that need its location are skipped.`,
        loc: site.unresolved.loc,
        data: { site: site.id },
      });
    }
    for (const u of ctx.design.unread ?? []) ctx.report({ message: `${u.reason}. Checks that need them are skipped.`, loc: u.loc, data: u.data ?? {} });
  },
};
