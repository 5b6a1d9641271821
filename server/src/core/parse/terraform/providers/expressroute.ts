// Azure ExpressRoute: a circuit is a site at its `peering_location` (a metro such as "Amsterdam2"),
// placed through the workspace topology or the catalogue's cities.

import { asString } from '../eval';
import { matchTopology, placeCity } from '../sites';
import type { ProviderFamily } from './context';
import { resolvePlaceText } from '../../../placement';

export const expressRoute: ProviderFamily = {
  name: 'Azure ExpressRoute',
  claims: ['azurerm_express_route_circuit'],
  extract(x) {
    for (const r of x.of('azurerm_express_route_circuit', 'azurerm')) {
      const v = x.ev.attr(r.block, r.file, 'peering_location');
      if (!v) continue;
      const site = x.newSite(r.addr, `res:${r.addr}`, r, asString(v));
      const at = x.attrLoc(r, 'peering_location');
      if (v.t !== 'str') {
        site.unresolved = { reason: `\`peering_location\` of ${r.addr}: ${v.t === 'unknown' ? v.reason : 'not a string'}`, loc: at };
        continue;
      }
      const topo = matchTopology(x.topology, [{ text: v.v, what: `peering_location of ${r.addr}` }]);
      if (topo && 'site' in topo && topo.site.placement)
        site.placement = { ...topo.site.placement, origin: `topology site ${topo.site.id}, named by peering_location "${v.v}"` };
      else {
        // "Amsterdam2", "London2": the metro, with the facility number dropped.
        const p = placeCity(v.v) ?? resolvePlaceText(v.v.replace(/\d+$/, '').trim(), x.placement).placement;
        if (p) site.placement = { ...p, origin: `ExpressRoute peering location ${p.origin}` };
        else site.unresolved = { reason: `peering location "${v.v}" is neither a city DCI Lint knows nor a topology site`, loc: at };
      }
    }
  },
};
