// Every other azurerm / google / aws resource with a literal region: one site per region, so that the
// catalogue check (unknown-region) sees every code written. Runs last: the resource types a family reads
// in full (its `claims`) and the resources that already have a site are left alone.

import type { Value } from '../eval';
import type { Resource } from '../module';
import type { Cloud } from '../sites';
import { isPlaceholder, placeInRegion, regionKey } from '../sites';
import type { Loc } from '../../../design';
import type { ProviderFamily } from './context';

export const cloudRegions: ProviderFamily = {
  name: 'cloud regions (AWS, Azure, Google Cloud)',
  extract(x) {
    const seen = new Set<string>();
    const add = (cloud: Cloud, v: Value | undefined, r: Resource) => {
      if (v?.t !== 'str') return;
      if (cloud === 'gcp' && !regionKey('gcp', v.v) && !isPlaceholder(v.v)) return; // global, EU, US: not a place
      if (cloud === 'azure' && /^global$/i.test(v.v.trim())) return; // Front Door, Traffic Manager, bot channels: not a region
      const key = regionKey(cloud, v.v);
      const id = key ?? `${cloud}:${v.v}`;
      if (seen.has(id) || x.design.sites.has(id)) return;
      seen.add(id);
      // A blank written once (a tfvars value) and used by several resources is one finding (once per id).
      if (isPlaceholder(v.v) && [...x.design.sites.values()].some((s) => s.unresolved && sameLoc(s.unresolved.loc, v.loc))) return;
      const site = x.newSite(id, `region:${id}`, r);
      placeInRegion(site, cloud, v, v.loc, `the region of ${r.addr}`, x.texts);
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

function sameLoc(a: Loc, b: Loc): boolean {
  return a.file === b.file && a.start === b.start && a.end === b.end;
}
