// Azure VMware Solution: `azurerm_vmware_private_cloud` is a site in its Azure region; azurerm has no
// zone attribute, so a stretched (DualZone) private cloud appears only as an `azapi_resource` of type
// `Microsoft.AVS/privateClouds@...` with `body.properties.availability.strategy = "DualZone"`.
// HCX pairs to AVS through `hcx_cloud_manager_endpoint` (hcx.ts).

import type { ProviderFamily } from './context';
import { asString } from '../eval';

export const avs: ProviderFamily = {
  name: 'Azure VMware Solution',
  claims: ['azurerm_vmware_private_cloud'],
  extract(x) {
    // A `data` source reads an existing private cloud: a site only when HCX points at it (hcx.ts).
    for (const r of x.of('azurerm_vmware_private_cloud', 'azurerm')) if (r.mode === 'managed') x.cloudSite(r, 'azure', 'location');
    for (const r of x.of('azapi_resource', 'azapi')) {
      if (r.mode === 'data') continue;
      const type = asString(x.ev.attr(r.block, r.file, 'type')) ?? '';
      if (!/^microsoft\.avs\/privateclouds@/i.test(type)) continue;
      const site = x.cloudSite(r, 'azure', 'location');
      const body = x.ev.attr(r.block, r.file, 'body');
      const props = body?.t === 'obj' ? body.fields.get('properties') : undefined;
      const avail = props?.t === 'obj' ? props.fields.get('availability') : undefined;
      const strategy = avail?.t === 'obj' ? avail.fields.get('strategy') : undefined;
      if (strategy?.t === 'str' && strategy.v.toLowerCase() === 'dualzone') {
        x.cluster({
          name: `${r.addr} (DualZone)`,
          kind: 'vsan-stretched',
          loc: strategy.loc,
          at: { sites: strategy.loc },
          sites: [x.ref(site, strategy.loc), x.ref(site, strategy.loc)],
        });
      }
    }
  },
};
