// VMware HCX (`vmware/hcx`, formerly `adeleporte/hcx`): the local site of each provider configuration
// (its hcx_location, else the names of its URL and compute profiles), the remote site of each
// hcx_site_pairing (hcx_vmc.cloud_url -> the SDDC, AVS hcx_cloud_manager_endpoint -> the private cloud,
// another HCX provider's URL, or names), and what a service mesh assumes between them: VMOTION / RAV
// (live migration), BULK_MIGRATION (cold), NETWORK_EXTENSION and hcx_l2_extension (stretched L2, gateway
// at the source unless MON), DISASTER_RECOVERY (asynchronous replication).

import type { Fix, Loc, Migration, Segment, Site, TextEdit } from '../../../design';
import { attr, blocks } from '../ast';
import type { Value } from '../eval';
import { asString } from '../eval';
import type { Resource } from '../module';
import type { Hint } from '../sites';
import { matchTopology, placeCity, urlHost } from '../sites';
import { resolvePlaceText } from '../../../placement';
import type { ExtractContext, ProviderFamily } from './context';
import { existingSite } from './context';
import { sddcOfHcxVmc } from './vmc';

const LIVE: Record<string, string> = { VMOTION: 'hcx-vmotion', RAV: 'hcx-rav' };

/** One service a mesh turns on: its block (or list item of a `dynamic "service"`), the name, and the edit that drops it. */
interface Service {
  name: string;
  loc: Loc;
  nameLoc: Loc;
  removal: TextEdit;
}

export const hcx: ProviderFamily = {
  name: 'VMware HCX',
  extract(x) {
    for (const r of x.of('hcx_location', 'hcx')) locationSite(x, r); // every declared place is checked
    const meshes = x.of('hcx_service_mesh', 'hcx');
    for (const mesh of meshes) {
      const spAt = x.attrLoc(mesh, 'site_pairing');
      const pairing = pairingOf(x.ev.attr(mesh.block, mesh.file, 'site_pairing'));
      const local = hcxSite(x, pairing?.provider ?? mesh.provider);
      let remote: Site;
      if (pairing) remote = remoteSite(x, pairing);
      else {
        remote = x.newSite(`${mesh.addr}.site_pairing`, `mesh:${mesh.addr}`, mesh);
        const v = x.ev.attr(mesh.block, mesh.file, 'site_pairing');
        remote.unresolved ??= {
          reason: `the site pairing of ${mesh.addr} is not known: ${v?.t === 'unknown' ? v.reason : 'it is not an hcx_site_pairing'}`,
          loc: spAt,
        };
      }
      for (const svc of services(x, mesh)) {
        const method = LIVE[svc.name];
        if (method) {
          const hasBulk = services(x, mesh).some((s) => s.name === 'BULK_MIGRATION');
          const fixes: Fix[] = [];
          if (!hasBulk)
            fixes.push({
              title: 'Switch the service to `BULK_MIGRATION` (no RTT limit: replicate, then reboot)',
              edits: [{ ...svc.nameLoc, newText: '"BULK_MIGRATION"' }],
              preferred: true,
            });
          fixes.push({ title: `Remove the \`${svc.name}\` service from the service mesh`, edits: [svc.removal], preferred: hasBulk });
          const mig: Migration = {
            name: `${mesh.addr} ${svc.name}`,
            loc: svc.loc,
            at: { method: svc.nameLoc, path: svc.loc, site_pairing: spAt },
            method,
            platform: { product: 'hcx' },
            path: [x.ref(local, svc.loc), x.ref(remote, svc.loc)],
            coldFixes: fixes,
          };
          x.design.migrations.push(mig);
        } else if (svc.name === 'BULK_MIGRATION') {
          x.design.migrations.push({
            name: `${mesh.addr} ${svc.name}`,
            loc: svc.loc,
            at: { method: svc.nameLoc },
            method: 'hcx-bulk',
            platform: { product: 'hcx' },
            path: [x.ref(local, svc.loc), x.ref(remote, svc.loc)],
          });
        } else if (svc.name === 'NETWORK_EXTENSION') {
          const removal = svc.removal;
          x.design.segments.push({
            name: `${mesh.addr} NETWORK_EXTENSION`,
            origin: 'hcx-l2-extension',
            loc: svc.loc,
            at: { sites: svc.loc },
            sites: [x.ref(local, svc.loc), x.ref(remote, svc.loc, removal)],
          });
        } else if (svc.name === 'DISASTER_RECOVERY') {
          x.design.replication.push({
            name: `${mesh.addr} DISASTER_RECOVERY`,
            loc: svc.loc,
            at: { sites: svc.loc },
            mode: 'asynchronous',
            product: 'hcx-dr',
            sites: [x.ref(local, svc.loc), x.ref(remote, svc.loc)],
          });
        }
      }
    }
    for (const ext of x.of('hcx_l2_extension', 'hcx')) l2Extension(x, ext);
  },
};

/** An hcx_location: its coordinates (0, 0 = unset), else its city through the topology or the catalogue. */
function locationSite(x: ExtractContext, r: Resource): Site {
  const known = x.keys.get(`res:${r.addr}`);
  if (known) return known;
  const lat = x.ev.attr(r.block, r.file, 'latitude');
  const lon = x.ev.attr(r.block, r.file, 'longitude');
  const city = asString(x.ev.attr(r.block, r.file, 'city'));
  const site = x.newSite(r.addr, `res:${r.addr}`, r, city);
  const at = x.loc(r.file, r.block.header);
  if (lat?.t === 'unknown' || lon?.t === 'unknown') {
    site.unresolved = {
      reason: `the coordinates of ${r.addr} are not known: ${(lat?.t === 'unknown' ? lat : (lon as { reason: string })).reason}`,
      loc: lat?.t === 'unknown' ? lat.loc : lon!.loc,
    };
    return site;
  }
  // Terraform converts "50.11" to a number for a number argument.
  const num = (v: Value | undefined) => (v?.t === 'num' ? v.v : v?.t === 'str' && v.v.trim() !== '' && Number.isFinite(Number(v.v)) ? Number(v.v) : 0);
  const latDeg = num(lat);
  const lonDeg = num(lon);
  if (latDeg !== 0 || lonDeg !== 0) {
    const a = attr(r.block.body, 'latitude') ?? attr(r.block.body, 'longitude');
    const b = attr(r.block.body, 'longitude') ?? a;
    const cl = { file: r.file, start: Math.min(a!.range.start, b!.range.start), end: Math.max(a!.range.end, b!.range.end) };
    site.coordinates = { latDeg, lonDeg, loc: cl };
    if (Math.abs(latDeg) <= 90 && Math.abs(lonDeg) <= 180) site.placement = { latDeg, lonDeg, origin: `${r.addr} (${latDeg}, ${lonDeg})`, cloud: false };
    return site;
  }
  // latitude/longitude default to 0: unset. The city (with its country) may still place it: a stated
  // place, like a YAML place string, so not inferred; a name the gazetteer does not know is unknown-place.
  const byName = city ? matchTopology(x.topology, [{ text: city, what: `city of ${r.addr}` }]) : undefined;
  const country = asString(x.ev.attr(r.block, r.file, 'country'));
  const text = city && country && !city.includes(',') ? `${city}, ${country}` : city;
  const stated = text ? resolvePlaceText(text, x.placement) : undefined;
  if (byName && 'site' in byName && byName.site.placement)
    site.placement = { ...byName.site.placement, origin: `topology site ${byName.site.id}, named by city "${city}" of ${r.addr}` };
  else if (stated?.placement) site.placement = { ...stated.placement, origin: `city of ${r.addr}: ${stated.placement.origin}` };
  else if (city && placeCity(city)) site.placement = { ...placeCity(city)!, origin: `city of ${r.addr}: ${placeCity(city)!.origin}` };
  else if (text && city?.trim()) {
    const cityAttr = attr(r.block.body, 'city')!;
    const v = x.ev.eval(cityAttr.expr, r.file);
    site.placeText = { text, loc: v.loc }; // the whole string: the fix writes a quoted place string
  } else {
    const where = attr(r.block.body, 'city') ?? attr(r.block.body, 'latitude');
    site.unresolved = {
      reason: `${r.addr} has no coordinates (latitude/longitude unset or 0, 0)${city ? ` and its city "${city}" is neither a catalogue city nor a topology site` : ''}`,
      loc: where ? x.loc(r.file, where.range) : at,
    };
  }
  return site;
}

/** The site of the HCX manager a provider configuration talks to: its hcx_location, else its URL. */
function hcxSite(x: ExtractContext, providerKey: string): Site {
  const key = `provider:${providerKey}`;
  const known = x.keys.get(key);
  if (known) return known;
  const cfg = x.m.providers.get(providerKey);
  const urlV = cfg ? x.ev.attr(cfg.block, cfg.file, 'hcx') : undefined;
  const host = urlV?.t === 'str' ? urlHost(urlV.v) : undefined;
  // The provider's hcx_location (the first that places it, when there are several).
  const locations = x
    .of('hcx_location', 'hcx')
    .filter((r) => r.provider === providerKey)
    .map((r) => locationSite(x, r));
  const located = locations.find((s) => s.placement) ?? locations[0];
  if (located) {
    x.keys.set(key, located);
    if (host) x.keys.set(`host:${host}`, located);
    return located;
  }
  // `hcx = hcx_vmc.x.cloud_url`: this HCX manager is the one of that SDDC (AVS: its private cloud).
  const cloud = urlV ? cloudBehindUrl(x, urlV) : undefined;
  if (cloud) {
    x.keys.set(key, cloud);
    return cloud;
  }
  const block = cfg ? { file: cfg.file, block: cfg.block } : undefined;
  const hints: Hint[] = host ? [{ text: host, what: `the hcx URL of provider ${providerKey}`, loc: urlV!.loc }] : [];
  // Compute profiles name the local datacenter and cluster.
  for (const cp of x.of('hcx_compute_profile', 'hcx').filter((r) => r.provider === providerKey)) {
    for (const a of ['datacenter', 'cluster']) {
      const v = x.ev.attr(cp.block, cp.file, a);
      if (v?.t === 'str') hints.push({ text: v.v, what: `${a} of ${cp.addr}`, loc: v.loc });
    }
  }
  const id = host ?? `provider.${providerKey}`;
  const why = `the HCX site of provider ${providerKey} has no hcx_location`;
  const at = cfg ? x.loc(cfg.file, attr(cfg.block.body, 'hcx')?.range ?? cfg.block.header) : { file: x.design.file, start: 0, end: 0 };
  const site = block ? x.siteByHints(id, key, block, hints, why, at) : x.newSite(id, key, undefined);
  if (!block && !site.placement) site.unresolved ??= { reason: `${why} and no provider block`, loc: at };
  if (host) x.keys.set(`host:${host}`, site);
  return site;
}

/** The far side of a pairing: the cloud behind `hcx_vmc.cloud_url` / AVS `hcx_cloud_manager_endpoint`, or its URL. */
function remoteSite(x: ExtractContext, p: Resource): Site {
  const key = `pairing:${p.addr}`;
  const known = x.keys.get(key);
  if (known) return known;
  const v = x.ev.attr(p.block, p.file, 'url');
  const at = x.attrLoc(p, 'url');
  let site: Site;
  const cloud = v ? cloudBehindUrl(x, v) : undefined;
  if (cloud) site = cloud;
  else if (v?.t === 'str') {
    const host = urlHost(v.v) ?? v.v;
    // The far side may be another HCX provider configuration of this module (both ends managed here).
    for (const cfg of x.m.providers.values()) {
      if (cfg.key.split('.')[0] !== 'hcx' || x.keys.has(`provider:${cfg.key}`)) continue;
      const u = x.ev.attr(cfg.block, cfg.file, 'hcx');
      if (u?.t === 'str' && urlHost(u.v) === host) hcxSite(x, cfg.key);
    }
    site =
      x.keys.get(`host:${host}`) ??
      x.siteByHints(
        host,
        `host:${host}`,
        p,
        [{ text: host, what: `the url of ${p.addr}`, loc: v.loc }],
        `the remote HCX site of ${p.addr} is only a URL (${host})`,
        at,
      );
  } else {
    site = x.newSite(`${p.addr}.url`, key, p);
    if (!site.placement)
      site.unresolved ??= {
        reason: `the remote site of ${p.addr} is not known: ${v?.t === 'unknown' ? v.reason : v ? `${v.t === 'ref' ? v.res.addr : 'the url'} does not name a site` : 'no `url`'}`,
        loc: at,
      };
  }
  x.keys.set(key, site);
  return site;
}

/** The cloud site an HCX URL value comes from: `hcx_vmc.x.cloud_url` (its SDDC) or an AVS private cloud's `hcx_cloud_manager_endpoint`. */
function cloudBehindUrl(x: ExtractContext, v: Value): Site | undefined {
  if (v.t !== 'ref') return undefined;
  if (v.res.type === 'hcx_vmc') return sddcOfHcxVmc(x, v.res);
  if (v.res.type === 'azurerm_vmware_private_cloud')
    return v.res.mode === 'managed' ? x.cloudSite(v.res, 'azure', 'location') : existingSite(x, v.res, 'private cloud');
  return undefined;
}

function pairingOf(v: Value | undefined): Resource | undefined {
  return v?.t === 'ref' && v.res.type === 'hcx_site_pairing' ? v.res : undefined;
}

/** `service { name = "X" }` blocks, and `dynamic "service"` over a list of names. */
function services(x: ExtractContext, mesh: Resource): Service[] {
  const out: Service[] = [];
  for (const b of blocks(mesh.block.body, 'service')) {
    const v = x.ev.attr(b, mesh.file, 'name');
    if (v?.t !== 'str') continue;
    // `nameLoc` is where the name is written (a variable's value is switched where it is set).
    out.push({ name: v.v.toUpperCase(), loc: x.loc(mesh.file, b.range), nameLoc: v.loc, removal: x.deleteBlock(mesh.file, b) });
  }
  for (const d of blocks(mesh.block.body, 'dynamic')) {
    if (d.labels[0] !== 'service') continue;
    const each = x.ev.attr(d, mesh.file, 'for_each');
    const items = each?.t === 'tuple' ? each.items : [];
    for (const it of items) if (it.t === 'str') out.push({ name: it.v.toUpperCase(), loc: it.loc, nameLoc: it.loc, removal: x.deleteListItem(it.loc) });
  }
  return out;
}

function l2Extension(x: ExtractContext, ext: Resource): void {
  let pairing = pairingOf(x.ev.attr(ext.block, ext.file, 'site_pairing'));
  if (!pairing) {
    const mesh = x.ev.attr(ext.block, ext.file, 'service_mesh_id');
    if (mesh?.t === 'ref' && mesh.res.type === 'hcx_service_mesh') pairing = pairingOf(x.ev.attr(mesh.res.block, mesh.res.file, 'site_pairing'));
  }
  // The extended network is the assumption: point there (the header when it is not written).
  const net = attr(ext.block.body, 'source_network');
  const hdr = x.loc(ext.file, net ? net.range : ext.block.header);
  const local = hcxSite(x, pairing?.provider ?? ext.provider);
  let remote: Site;
  if (pairing) remote = remoteSite(x, pairing);
  else {
    remote = x.newSite(`${ext.addr}.site_pairing`, `ext:${ext.addr}`, ext);
    remote.unresolved ??= { reason: `the site pairing of ${ext.addr} is not known`, loc: x.attrLoc(ext, 'site_pairing') };
  }
  const network = asString(x.ev.attr(ext.block, ext.file, 'source_network'));
  const seg: Segment = {
    name: network ? `${ext.addr} (${network})` : ext.addr,
    origin: 'hcx-l2-extension',
    loc: x.loc(ext.file, ext.block.header),
    at: { sites: hdr },
    sites: [x.ref(local, hdr), x.ref(remote, hdr)],
  };
  const mon = x.ev.attr(ext.block, ext.file, 'mon');
  if (mon?.t === 'bool' && mon.v)
    seg.gateway = { protocol: 'anycast' }; // Mobility Optimized Networking: routes locally
  else if (!mon || mon.t === 'bool') {
    // The default gateway stays at the source site (MON off).
    const gwAttr = attr(ext.block.body, 'gateway');
    seg.gateway = { protocol: 'hcx', activeSite: x.ref(local, gwAttr ? x.loc(ext.file, gwAttr.range) : hdr) };
    const monAttr = attr(ext.block.body, 'mon');
    const edit = mon && monAttr ? { ...mon.loc, newText: 'true' } : x.insertAttr(ext.file, ext.block, 'mon = true');
    if (edit) seg.gatewayFixes = [{ title: 'Set `mon = true` (HCX Mobility Optimized Networking: route at the destination)', edits: [edit], preferred: true }];
  }
  x.design.segments.push(seg);
}
