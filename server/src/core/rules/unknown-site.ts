import type { SiteRef } from '../design';
import { nearest } from '../suggest';
import { replaceFix } from './physics';
import type { Rule, RuleContext } from './types';

export function allRefs(ctx: RuleContext): Array<{ ref: SiteRef; where: string }> {
  const d = ctx.design;
  const out: Array<{ ref: SiteRef; where: string }> = [];
  for (const l of d.links) for (const ref of l.between) out.push({ ref, where: `link ${l.name}` });
  for (const s of d.segments) {
    for (const ref of s.sites) out.push({ ref, where: `segment ${s.name}` });
    if (s.gateway?.activeSite) out.push({ ref: s.gateway.activeSite, where: `gateway of segment ${s.name}` });
  }
  for (const c of d.clusters) {
    for (const ref of c.sites) out.push({ ref, where: `cluster ${c.name}` });
    if (c.witness) out.push({ ref: c.witness, where: `witness of cluster ${c.name}` });
  }
  for (const m of d.migrations) for (const ref of m.path) out.push({ ref, where: `migration ${m.name}` });
  for (const r of d.replication) {
    for (const ref of r.sites) out.push({ ref, where: `replication ${r.name}` });
    if (r.leader) out.push({ ref: r.leader, where: `leader of replication ${r.name}` });
  }
  for (const s of d.services) for (const ref of s.sites) out.push({ ref, where: `service ${s.name}` });
  return out;
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
    for (const { ref, where } of allRefs(ctx)) {
      if (ctx.design.sites.has(ref.id)) continue;
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
