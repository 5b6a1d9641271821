// NSX Federation (`vmware/nsxt`): the `nsxt_policy_site` locations onboarded into one Global Manager
// (150 ms RTT between them; each `maximum_rtt`, default 250, is where onboarding fails), and segments
// on a Tier-0/Tier-1 gateway whose locale_services sit at several locations (stretched L2). NSX sites
// carry no location: they are placed by display name and FQDN through the workspace topology.

import type { Loc, Site } from '../../../design';
import { blocks } from '../ast';
import { asString } from '../eval';
import type { Resource } from '../module';
import type { Hint } from '../sites';
import type { ExtractContext, ProviderFamily } from './context';

export const nsx: ProviderFamily = {
  name: 'NSX Federation',
  extract(x) {
    segments(x);
    federation(x);
  },
};

function nsxSite(x: ExtractContext, r: Resource, at: Loc): Site {
  const hints: Hint[] = [];
  const dn = x.ev.attr(r.block, r.file, 'display_name');
  if (dn?.t === 'str') hints.push({ text: dn.v, what: `display_name of ${r.addr}`, loc: dn.loc });
  const conn = blocks(r.block.body, 'site_connection_info')[0];
  const fqdn = conn ? x.ev.attr(conn, r.file, 'fqdn') : undefined;
  if (fqdn?.t === 'str') hints.push({ text: fqdn.v, what: `fqdn of ${r.addr}`, loc: fqdn.loc });
  return x.siteByHints(r.addr, `res:${r.addr}`, r, hints, `NSX location ${r.addr} is placed only by names`, at);
}

/** The locations a Tier-0/Tier-1 gateway spans: one per locale_service, through its edge cluster's site_path. */
function gatewaySites(x: ExtractContext, g: Resource, depth = 0): Site[] {
  const out: Site[] = [];
  for (const ls of blocks(g.block.body, 'locale_service')) {
    const ecp = x.ev.attr(ls, g.file, 'edge_cluster_path');
    const at = x.loc(g.file, ls.header);
    if (ecp?.t !== 'ref') continue;
    const sp = x.ev.attr(ecp.res.block, ecp.res.file, 'site_path');
    if (sp?.t === 'ref' && sp.res.type === 'nsxt_policy_site') out.push(nsxSite(x, sp.res, at));
  }
  if (out.length === 0 && depth < 2) {
    const t0 = x.ev.attr(g.block, g.file, 'tier0_path');
    if (t0?.t === 'ref' && t0.res.type === 'nsxt_policy_tier0_gateway') return gatewaySites(x, t0.res, depth + 1);
  }
  return out;
}

/**
 * The locations onboarded into one Global Manager: NSX Federation supports 150 ms RTT between them,
 * and each location's `maximum_rtt` (default 250) is the RTT at which onboarding itself fails.
 */
function federation(x: ExtractContext): void {
  const sites = x.of('nsxt_policy_site', 'nsxt');
  if (sites.length < 2) return;
  const refs = sites.map((r) => x.ref(nsxSite(x, r, x.loc(r.file, r.block.header)), x.loc(r.file, r.block.header)));
  // The finding goes on the strictest maximum_rtt when one is set, else on the first location's name.
  let strictest: { ms: number; at: Loc } | undefined;
  for (const r of sites) {
    const v = x.ev.attr(r.block, r.file, 'maximum_rtt');
    if (v?.t === 'num' && v.v > 0 && (!strictest || v.v < strictest.ms)) strictest = { ms: v.v, at: x.attrLoc(r, 'maximum_rtt') };
  }
  const at = strictest?.at ?? x.attrLoc(sites[0]!, 'display_name');
  x.cluster({
    name: `of ${sites.length} locations`,
    kind: 'nsx-federation',
    loc: at,
    at: { sites: at },
    sites: refs,
    ...(strictest ? { maxRttMs: strictest.ms } : {}),
  });
}

function segments(x: ExtractContext): void {
  for (const type of ['nsxt_policy_segment', 'nsxt_policy_vlan_segment', 'nsxt_policy_fixed_segment']) {
    for (const seg of x.of(type, 'nsxt')) {
      const cp = x.ev.attr(seg.block, seg.file, 'connectivity_path');
      if (cp?.t !== 'ref' || !/^nsxt_policy_tier[01]_gateway$/.test(cp.res.type)) continue;
      const sites = [...new Map(gatewaySites(x, cp.res).map((s) => [s.id, s])).values()];
      if (sites.length < 2) continue;
      const at = x.attrLoc(seg, 'connectivity_path');
      x.design.segments.push({
        name: asString(x.ev.attr(seg.block, seg.file, 'display_name')) ?? seg.addr,
        origin: 'nsx-segment',
        loc: x.loc(seg.file, seg.block.header),
        at: { sites: at },
        sites: sites.map((s) => x.ref(s, at)),
      });
    }
  }
}
