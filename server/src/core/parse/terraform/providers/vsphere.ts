// vSphere (`vmware/vsphere`, formerly `hashicorp/vsphere`): a `vsan_stretched_cluster` block of a
// `vsphere_compute_cluster` is a vSAN stretched cluster between its two fault domains, with a witness.
// vSphere resources carry no location: each side is placed by names (fault domain name, host names,
// datacenter names, tags) through the workspace topology.

import type { Cluster, SiteRef } from '../../../design';
import { attr, blocks } from '../ast';
import type { Value } from '../eval';
import { asString, refsIn } from '../eval';
import type { Resource } from '../module';
import type { Hint } from '../sites';
import type { ExtractContext, ProviderFamily } from './context';

export const vsphere: ProviderFamily = {
  name: 'vSphere',
  extract(x) {
    for (const c of x.of('vsphere_compute_cluster', 'vsphere')) {
      const s = blocks(c.block.body, 'vsan_stretched_cluster')[0];
      if (!s) continue;
      // The names of each role: its fault domain name, then its hosts' names, datacenters and tags.
      const sideHints = (hostsAttr: string, nameAttr: string, def: string) => {
        const fdV = x.ev.attr(s, c.file, nameAttr);
        const fd = asString(fdV) ?? def;
        const hosts = refsIn(x.ev.attr(s, c.file, hostsAttr));
        const hints: Hint[] = [
          { text: fd, what: `${nameAttr} of ${c.addr}`, ...(fdV?.t === 'str' ? { loc: fdV.loc } : {}) },
          ...hosts.flatMap((h) => hostHints(x, h.res, 'fault domain')),
        ];
        return { fd, hostsAttr, hints };
      };
      const sides = [
        sideHints('preferred_fault_domain_host_ids', 'preferred_fault_domain_name', 'Preferred'),
        sideHints('secondary_fault_domain_host_ids', 'secondary_fault_domain_name', 'Secondary'),
      ];
      const w = attr(s.body, 'witness_node');
      const witnessHints = w ? refsIn(x.ev.eval(w.expr, c.file)).flatMap((h) => hostHints(x, h.res, 'witness')) : [];
      // A datacenter or tag two roles share (the one vSphere datacenter a stretched cluster lives in, a
      // common tag) says nothing about where either is: it would put both in one place.
      const shared = (h: Hint) => /^(datacenter|tag) /.test(h.what);
      const roles = [...sides.map((r) => r.hints), witnessHints];
      const count = new Map<string, number>();
      for (const hints of roles) for (const t of new Set(hints.filter(shared).map((h) => h.text.trim().toLowerCase()))) count.set(t, (count.get(t) ?? 0) + 1);
      const own = (hints: Hint[]) => hints.filter((h) => !shared(h) || (count.get(h.text.trim().toLowerCase()) ?? 0) < 2);
      const [pref, sec] = sides.map(({ fd, hostsAttr, hints }): SiteRef => {
        const a = attr(s.body, hostsAttr);
        const at = x.loc(c.file, a ? a.range : s.header);
        const site = x.siteByHints(
          `${c.addr}:${fd}`,
          `fd:${c.addr}:${fd}`,
          { file: c.file, block: s },
          own(hints),
          `fault domain ${fd} of ${c.addr} is placed only by names`,
          at,
        );
        return x.ref(site, at);
      }) as [SiteRef, SiteRef];
      const cl: Cluster = {
        name: asString(x.ev.attr(c.block, c.file, 'name')) ?? c.addr,
        kind: 'vsan-stretched',
        loc: x.loc(c.file, s.range),
        at: { sites: x.loc(c.file, s.header) },
        sites: [pref, sec],
      };
      if (w) {
        const at = x.loc(c.file, w.range);
        const site = x.siteByHints(
          `${c.addr}:witness`,
          `witness:${c.addr}`,
          { file: c.file, block: s },
          own(witnessHints),
          `the witness of ${c.addr} is placed only by names`,
          at,
        );
        cl.witness = x.ref(site, at);
      }
      x.design.clusters.push(cl);
    }
  },
};

/** Names that may say where a host is: its name, its datacenter's name, its tags. */
function hostHints(x: ExtractContext, r: Resource, role: string): Hint[] {
  const out: Hint[] = [];
  const add = (v: Value | undefined, what: string) => {
    if (v?.t === 'str') out.push({ text: v.v, what, loc: v.loc });
  };
  const nameAttr = attr(r.block.body, r.mode === 'data' ? 'name' : 'hostname');
  const name = nameAttr ? x.ev.eval(nameAttr.expr, r.file) : undefined;
  // `esx0${count.index}.ams1.example.net`: the written parts still name the site.
  if (name?.t === 'unknown' && nameAttr?.expr.k === 'template')
    out.push({ text: nameAttr.expr.parts.filter((p) => typeof p === 'string').join(' '), what: `the ${role} host ${r.addr}`, loc: name.loc });
  else add(name, `the ${role} host ${r.addr}`);
  const dc = x.ev.attr(r.block, r.file, 'datacenter_id') ?? x.ev.attr(r.block, r.file, 'datacenter');
  if (dc?.t === 'ref') add(x.ev.attr(dc.res.block, dc.res.file, 'name'), `datacenter ${dc.res.addr}`);
  for (const t of refsIn(x.ev.attr(r.block, r.file, 'tags'))) add(x.ev.attr(t.res.block, t.res.file, 'name'), `tag ${t.res.addr}`);
  return out;
}
