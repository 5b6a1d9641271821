// VMware Cloud on AWS (`vmware/vmc`): an SDDC is a site in its AWS region (`EU_CENTRAL_1` or
// `eu-central-1`); `deployment_type = "MultiAZ"` is a vSAN stretched cluster across two AZs of it.
// `hcx_vmc` (HCX enabled on an SDDC, hcx.ts) joins back here through `sddc_id` / `sddc_name`.

import type { Site } from '../../../design';
import { asString } from '../eval';
import type { Resource } from '../module';
import type { ExtractContext, ProviderFamily } from './context';
import { existingSite } from './context';

export const vmc: ProviderFamily = {
  name: 'VMware Cloud on AWS',
  extract(x) {
    for (const r of x.of('vmc_sddc', 'vmc')) {
      if (r.mode === 'data') continue; // an existing SDDC: a site only when HCX points at it (sddcOfHcxVmc)
      const site = x.cloudSite(r, 'aws', 'region');
      const dt = x.ev.attr(r.block, r.file, 'deployment_type');
      if (dt?.t === 'str' && dt.v.toLowerCase() === 'multiaz') {
        const at = x.attrLoc(r, 'deployment_type');
        x.cluster({ name: `${r.addr} (MultiAZ)`, kind: 'vsan-stretched', loc: at, at: { sites: at }, sites: [x.ref(site, at), x.ref(site, at)] });
      }
    }
  },
};

/** The site of the SDDC an `hcx_vmc` enables HCX on (through `sddc_id` or `sddc_name`), or an unresolved one. */
export function sddcOfHcxVmc(x: ExtractContext, h: Resource): Site {
  const byId = x.ev.attr(h.block, h.file, 'sddc_id');
  const byName = x.ev.attr(h.block, h.file, 'sddc_name');
  const v = byId ?? byName;
  if (v?.t === 'ref' && v.res.type === 'vmc_sddc') return v.res.mode === 'data' ? existingSite(x, v.res, 'SDDC') : x.cloudSite(v.res, 'aws', 'region');
  if (v?.t === 'str') {
    for (const s of (x.m.byType.get('vmc_sddc') ?? []).filter((r) => r.mode === 'managed')) {
      const n = asString(x.ev.attr(s.block, s.file, byId ? 'id' : 'sddc_name'));
      if (n === v.v) return x.cloudSite(s, 'aws', 'region');
    }
  }
  // Not in this module: the workspace topology may still name it (by its SDDC name).
  const why = `the SDDC of ${h.addr} is not in this module: ${v?.t === 'unknown' ? v.reason : v?.t === 'str' ? `no vmc_sddc has ${byId ? 'id' : 'sddc_name'} "${v.v}"` : 'no sddc_name or sddc_id'}`;
  const hints = byName?.t === 'str' ? [{ text: byName.v, what: `sddc_name of ${h.addr}`, loc: byName.loc }] : [];
  const site = x.siteByHints(h.addr, `res:${h.addr}`, h, hints, why, x.attrLoc(h, byId ? 'sddc_id' : 'sddc_name'));
  return site;
}
