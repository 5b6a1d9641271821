import type { Design, SiteRef } from '../design';
import { Suggester } from '../suggest';
import { replaceFix } from './physics';
import type { Rule } from './types';

/**
 * Calls `visit` with every site reference of the design and the words that say where it is ("link",
 * "fra-ams": "link fra-ams"; "witness of cluster", "vsan"). A visitor, not a list: this runs on every
 * version in the editor, and only an unknown reference needs more than its id.
 */
export function forEachRef(d: Design, visit: (ref: SiteRef, what: string, name: string) => void): void {
  for (const l of d.links) for (const ref of l.between) visit(ref, 'link', l.name);
  for (const s of d.segments) {
    for (const ref of s.sites) visit(ref, 'segment', s.name);
    if (s.gateway?.activeSite) visit(s.gateway.activeSite, 'gateway of segment', s.name);
  }
  for (const c of d.clusters) {
    for (const ref of c.sites) visit(ref, 'cluster', c.name);
    if (c.witness) visit(c.witness, 'witness of cluster', c.name);
  }
  for (const m of d.migrations) for (const ref of m.path) visit(ref, 'migration', m.name);
  for (const r of d.replication) {
    for (const ref of r.sites) visit(ref, 'replication', r.name);
    if (r.leader) visit(r.leader, 'leader of replication', r.name);
  }
  for (const s of d.services) for (const ref of s.sites) visit(ref, 'service', s.name);
}

export const unknownSite: Rule = {
  meta: {
    id: 'unknown-site',
    summary: 'A reference names no site; suggests the nearest name.',
    defaultSeverity: 'error',
    graded: false,
    placementIndependent: true,
    fixable: true,
    options: {},
  },
  check(ctx) {
    const sites = ctx.design.sites;
    let ids: string[] | undefined;
    let suggester: Suggester | undefined;
    forEachRef(ctx.design, (ref, what, name) => {
      if (sites.has(ref.id)) return;
      ids ??= [...sites.keys()];
      suggester ??= new Suggester(ids);
      const where = `${what} ${name}`;
      const suggestion = suggester.nearest(ref.id);
      // past the suggester's budget (thousands of unknown names among thousands of sites), say so
      const unsearched = suggester.skipped ? ' (No close name searched for: the design names too many unknown sites.)' : '';
      ctx.report({
        message: `Unknown site \`${ref.id}\` in ${where}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ids.length ? ` Known sites: ${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ', ...' : '.'}${unsearched}` : ' The design defines no sites.'}`,
        loc: ref.loc,
        data: { site: ref.id, suggestion: suggestion ?? null },
        fixes: suggestion ? [replaceFix(`Replace with \`${suggestion}\``, ref.loc, suggestion, true)] : [],
      });
    });
  },
};
