// Google Cloud VMware Engine: `google_vmwareengine_private_cloud` is a site in its location (zone or
// region); `type = "STRETCHED"` is a vSAN stretched cluster between the preferred and secondary zones of
// `management_cluster.stretched_cluster_config`, each a site of its own region.

import type { Cluster, SiteRef } from '../../../design';
import { asString } from '../eval';
import { lookupRegion } from '../../../geo/regions';
import { attr, blocks } from '../ast';
import { placeInRegion, regionKey } from '../sites';
import type { ProviderFamily } from './context';

export const gcve: ProviderFamily = {
  name: 'Google Cloud VMware Engine',
  claims: ['google_vmwareengine_private_cloud'],
  extract(x) {
    for (const r of x.of('google_vmwareengine_private_cloud', 'google')) {
      if (r.mode === 'data') continue; // reads an existing private cloud
      const site = x.cloudSite(r, 'gcp', 'location');
      const type = x.ev.attr(r.block, r.file, 'type');
      if (type?.t !== 'str' || type.v !== 'STRETCHED') continue;
      const own = asString(x.ev.attr(r.block, r.file, 'location'));
      const ownKey = own ? regionKey('gcp', own) : undefined;
      const misplaced: NonNullable<Cluster['misplaced']> = [];
      const mc = blocks(r.block.body, 'management_cluster')[0];
      const sc = mc ? blocks(mc.body, 'stretched_cluster_config')[0] : undefined;
      const zoneSite = (name: string): SiteRef => {
        const a = sc ? attr(sc.body, name) : undefined;
        const at = a ? x.loc(r.file, a.range) : x.attrLoc(r, 'type');
        if (!a) return x.ref(site, at);
        const v = x.ev.eval(a.expr, r.file);
        const zone = v.t === 'str' ? (/locations\/([^/]+)\/?$/.exec(v.v)?.[1] ?? v.v) : undefined;
        const key = zone ? regionKey('gcp', zone) : undefined;
        if (!key || !lookupRegion(key)) return x.ref(site, at);
        if (ownKey && key !== ownKey)
          misplaced.push({
            message: `${name} ${zone} is in region ${key.slice(4)}, outside the private cloud's own region ${ownKey.slice(4)} (\`location\`); Google Cloud VMware Engine stretches a private cloud over two zones of its region, so one of them is not what was meant`,
            loc: at,
            data: { zone, region: key.slice(4), cloudRegion: ownKey.slice(4) },
          });
        const zs = x.newSite(key, `region:${key}`, { file: r.file, block: sc! });
        if (!zs.placement) placeInRegion(zs, 'gcp', { t: 'str', v: key.slice(4), loc: v.loc }, at, name, x.texts);
        return x.ref(zs, at);
      };
      const at = x.attrLoc(r, 'type');
      x.cluster({
        name: `${r.addr} (STRETCHED)`,
        kind: 'vsan-stretched',
        loc: at,
        at: { sites: sc ? x.loc(r.file, sc.header) : at },
        sites: [zoneSite('preferred_location'), zoneSite('secondary_location')],
        ...(misplaced.length ? { misplaced } : {}),
      });
    }
  },
};
