import type { SiteRef } from '../design';
import { nearest } from '../suggest';
import { replaceFix } from './physics';
import type { Rule, RuleContext } from './types';

/**
 * Every site reference of the design, with the words that say where it is ("link fra-ams", "witness of
 * cluster vsan"). `where` is worked out when asked: only an unknown reference needs it.
 */
export function allRefs(ctx: RuleContext): Array<{ ref: SiteRef; readonly where: string }> {
  const d = ctx.design;
  const out: Array<{ ref: SiteRef; readonly where: string }> = [];
  const add = (ref: SiteRef, what: string, name: string) => out.push(new RefAt(ref, what, name));
  for (const l of d.links) for (const ref of l.between) add(ref, 'link', l.name);
  for (const s of d.segments) {
    for (const ref of s.sites) add(ref, 'segment', s.name);
    if (s.gateway?.activeSite) add(s.gateway.activeSite, 'gateway of segment', s.name);
  }
  for (const c of d.clusters) {
    for (const ref of c.sites) add(ref, 'cluster', c.name);
    if (c.witness) add(c.witness, 'witness of cluster', c.name);
  }
  for (const m of d.migrations) for (const ref of m.path) add(ref, 'migration', m.name);
  for (const r of d.replication) {
    for (const ref of r.sites) add(ref, 'replication', r.name);
    if (r.leader) add(r.leader, 'leader of replication', r.name);
  }
  for (const s of d.services) for (const ref of s.sites) add(ref, 'service', s.name);
  return out;
}

class RefAt {
  constructor(
    readonly ref: SiteRef,
    private readonly what: string,
    private readonly name: string,
  ) {}

  get where(): string {
    return `${this.what} ${this.name}`;
  }
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
    const ids = [...ctx.design.sites.keys()];
    for (const at of allRefs(ctx)) {
      const ref = at.ref;
      if (ctx.design.sites.has(ref.id)) continue;
      const where = at.where;
      const suggestion = nearest(ref.id, ids);
      ctx.report({
        message: `Unknown site \`${ref.id}\` in ${where}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ids.length ? ` Known sites: ${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ', ...' : ''}.` : ' The design defines no sites.'}`,
        loc: ref.loc,
        data: { site: ref.id, suggestion: suggestion ?? null },
        fixes: suggestion ? [replaceFix(`Replace with \`${suggestion}\``, ref.loc, suggestion, true)] : [],
      });
    }
  },
};
