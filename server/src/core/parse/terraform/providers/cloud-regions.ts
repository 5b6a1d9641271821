// Every other azurerm / google / aws resource with a literal region: one site per region, so that the
// catalogue check (unknown-region) sees every code written. Runs last: the resource types a family reads
// in full (its `claims`) and the resources that already have a site are left alone.

import type { Value } from '../eval';
import type { Resource } from '../module';
import type { Cloud } from '../sites';
import { alsoWrittenAt, isPlaceholder, placeInRegion, regionKey } from '../sites';
import type { Loc } from '../../../design';
import type { ProviderFamily } from './context';

export const cloudRegions: ProviderFamily = {
  name: 'cloud regions (AWS, Azure, Google Cloud)',
  extract(x) {
    const seen = new Set<string>();
    // where unresolved sites are said to be: a blank written once is reported once (a set, not a scan per resource)
    const unresolvedAt = new Set<string>();
    for (const s of x.design.sites.values()) if (s.unresolved) unresolvedAt.add(locKey(s.unresolved.loc));
    const add = (cloud: Cloud, v: Value | undefined, r: Resource) => {
      if (v?.t !== 'str') return;
      if (cloud === 'gcp' && !regionKey('gcp', v.v) && !isPlaceholder(v.v)) return; // global, EU, US: not a place
      if (cloud === 'azure' && /^global$/i.test(v.v.trim())) return; // Front Door, Traffic Manager, bot channels: not a region
      const key = regionKey(cloud, v.v);
      const id = key ?? `${cloud}:${v.v}`;
      const existing = x.design.sites.get(id);
      if (existing) {
        // the same misspelt code at another resource: a finding there too
        alsoWrittenAt(existing, v, x.texts);
        return;
      }
      if (seen.has(id)) return;
      seen.add(id);
      // A blank written once (a tfvars value) and used by several resources is one finding (once per id).
      if (isPlaceholder(v.v) && unresolvedAt.has(locKey(v.loc))) return;
      const site = x.newSite(id, `region:${id}`, r);
      placeInRegion(site, cloud, v, v.loc, `the region of ${r.addr}`, x.texts);
      if (site.unresolved) unresolvedAt.add(locKey(site.unresolved.loc));
    };
    for (const r of x.m.resources.values()) {
      if (x.keys.has(`res:${r.addr}`) || x.claimed.has(r.type)) continue;
      const kind = x.kindOf(r);
      if (kind === 'azurerm') add('azure', x.ev.attr(r.block, r.file, 'location'), r);
      else if (kind === 'google') {
        for (const a of ['region', 'zone', 'location']) add('gcp', x.ev.attr(r.block, r.file, a), r);
      } else if (kind === 'aws' && r.mode === 'managed') {
        const own = x.ev.attr(r.block, r.file, 'region');
        const cfg = x.m.providers.get(r.provider);
        add('aws', own ?? (cfg ? x.ev.attr(cfg.block, cfg.file, 'region') : undefined), r);
      }
    }
  },
};

function locKey(l: Loc): string {
  return `${l.start}:${l.end}:${l.file}`;
}
