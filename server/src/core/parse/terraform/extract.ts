// Terraform module -> Design: the sites (see sites.ts) and the cross-site assumptions the provider
// resources make (terraform-providers.md): HCX pairings and service meshes (live migration, network
// extension), vSAN stretched clusters, NSX Federation segments, VMC MultiAZ, GCVE and AVS stretched clouds.
// Every element points at the block or attribute that makes the assumption, so findings land there.

import type { Cluster, Design, Fix, Loc, Migration, Segment, Site, SiteRef, TextEdit } from '../../design';
import { emptyDesign } from '../../design';
import type { Block, Range } from './ast';
import { attr, blocks } from './ast';
import type { Evaluator, Value } from './eval';
import { asString, refsIn } from './eval';
import type { Module, Resource } from './module';
import { providerKind } from './module';
import type { Cloud, Hint } from './sites';
import { matchTopology, placeCity, placeInRegion, regionKey, urlHost } from './sites';
import { lookupRegion } from '../../geo/regions';

const LIVE: Record<string, string> = { VMOTION: 'hcx-vmotion', RAV: 'hcx-rav' };

/** One service a mesh turns on: its block (or list item of a `dynamic "service"`), the name, and the edit that drops it. */
interface Service {
  name: string;
  loc: Loc;
  nameLoc: Loc;
  removal: TextEdit;
}

export function extractDesign(m: Module, ev: Evaluator, texts: ReadonlyMap<string, string>, file: string, topology?: Design): Design {
  const x = new Extractor(m, ev, texts, emptyDesign(file), topology);
  x.run();
  return x.design;
}

class Extractor {
  /** canonical keys (`provider:hcx.ams`, `host:hcx.example.net`, `res:vmc_sddc.x`) -> site */
  private readonly keys = new Map<string, Site>();

  constructor(
    readonly m: Module,
    readonly ev: Evaluator,
    readonly texts: ReadonlyMap<string, string>,
    readonly design: Design,
    readonly topology: Design | undefined,
  ) {}

  run(): void {
    this.cloudSites();
    this.hcx();
    this.vsanStretched();
    this.nsxSegments();
    this.nsxFederation();
    this.genericRegions();
  }

  // -- helpers ---------------------------------------------------------------------------------

  loc(file: string, r: Range): Loc {
    return { file: r.file ?? file, start: r.start, end: r.end }; // r.file: merged from an override file
  }

  private of(type: string, kind: string): Resource[] {
    return (this.m.byType.get(type) ?? []).filter((r) => this.kindOf(r) === kind);
  }

  private kindOf(r: Resource): string | undefined {
    return providerKind(this.m, r.provider.split('.')[0]!);
  }

  private attrLoc(r: Resource, name: string): Loc {
    const a = attr(r.block.body, name);
    return this.loc(r.file, a ? a.range : r.block.header);
  }

  private newSite(id: string, key: string, r: { file: string; block: Block } | undefined, name?: string): Site {
    const existing = this.keys.get(key) ?? this.design.sites.get(id);
    if (existing) {
      this.keys.set(key, existing);
      return existing;
    }
    const hdr = r ? this.loc(r.file, r.block.header) : { file: this.design.file, start: 0, end: 0 };
    const site: Site = { id, idLoc: hdr, loc: r ? this.loc(r.file, r.block.range) : hdr };
    if (name) site.name = name;
    this.design.sites.set(id, site);
    this.keys.set(key, site);
    return site;
  }

  /** Places a site through the workspace topology; returns the topology-named site or the unresolved one. */
  private siteByHints(id: string, key: string, r: { file: string; block: Block }, hints: Hint[], why: string, at: Loc): Site {
    const known = this.keys.get(key);
    if (known) return known;
    const match = matchTopology(
      this.topology,
      hints.filter((h) => h.text.trim() !== ''),
    );
    if (match && 'site' in match) {
      const t = match.site;
      const site = this.newSite(t.id, key, r, t.name);
      if (!site.placement && !site.unresolved) {
        if (t.placement)
          site.placement = { ...t.placement, origin: `topology site ${t.id} (${t.placement.origin}), named by "${match.token}" in ${match.hint.what}` };
        else site.unresolved = { reason: `topology site ${t.id}, named by "${match.token}" in ${match.hint.what}, has no location either`, loc: at };
      }
      return site;
    }
    const site = this.newSite(id, key, r);
    if (!site.placement && !site.unresolved) {
      const names = [...new Set(hints.map((h) => `"${h.text}"`))].slice(0, 4).join(', ');
      site.unresolved =
        match && 'ambiguous' in match
          ? { reason: `${why}; its names (${names}) match several topology sites (${match.ambiguous.join(', ')})`, loc: at }
          : !this.topology
            ? { reason: `${why}; a workspace topology (*.dci.yaml) with a site whose id or name is one of ${names || 'its names'} would place it`, loc: at }
            : { reason: `${why}${names ? `; none of its names (${names}) is a site of the workspace topology` : ''}`, loc: at };
    }
    return site;
  }

  private ref(site: Site, loc: Loc, removal?: TextEdit): SiteRef {
    return removal ? { id: site.id, loc, removal } : { id: site.id, loc };
  }

  /** The edit that deletes a block with its whole lines (when it sits on lines of its own). */
  private deleteBlock(blockFile: string, b: Block): TextEdit {
    if (b.listItem) return this.deleteListItem(this.loc(blockFile, b.range)); // an item of a dynamic block's for_each
    const file = b.range.file ?? blockFile;
    const text = this.texts.get(file) ?? '';
    let start = b.range.start;
    let end = b.range.end;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    if (/^\s*$/.test(text.slice(lineStart, start))) start = lineStart;
    const nl = text.indexOf('\n', end);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    if (/^\s*$/.test(text.slice(end, lineEnd))) end = lineEnd;
    return { file, start, end, newText: '' };
  }

  /** The edit that deletes one item of a list literal with its comma. */
  private deleteListItem(loc: Loc): TextEdit {
    const text = this.texts.get(loc.file) ?? '';
    const after = /^\s*,[ \t]*/.exec(text.slice(loc.end));
    if (after) return { file: loc.file, start: loc.start, end: loc.end + after[0].length, newText: '' };
    const before = /,\s*$/.exec(text.slice(Math.max(0, loc.start - 200), loc.start));
    return { file: loc.file, start: before ? loc.start - before[0].length : loc.start, end: loc.end, newText: '' };
  }

  /** Inserts `line` as a new attribute before the block's closing `}`. */
  private insertAttr(blockFile: string, b: Block, line: string): TextEdit | undefined {
    if (b.close === undefined) return undefined;
    const file = b.range.file ?? blockFile; // a block from an override file
    const text = this.texts.get(file) ?? '';
    const closeLineStart = text.lastIndexOf('\n', b.close - 1) + 1;
    const first = b.body.attributes[0];
    const hdrLineStart = text.lastIndexOf('\n', b.header.start - 1) + 1;
    const indent = first
      ? /^\s*/.exec(text.slice(text.lastIndexOf('\n', first.range.start - 1) + 1, first.range.start))![0]
      : `${/^\s*/.exec(text.slice(hdrLineStart, b.header.start))![0]}  `;
    if (/^\s*$/.test(text.slice(closeLineStart, b.close))) return { file, start: closeLineStart, end: closeLineStart, newText: `${indent}${line}\n` };
    return { file, start: b.close, end: b.close, newText: ` ${line} ` };
  }

  // -- cloud sites -------------------------------------------------------------------------------

  private cloudSite(r: Resource, cloud: Cloud, attrName: string, valueOverride?: Value): Site {
    const key = `res:${r.addr}`;
    const known = this.keys.get(key);
    if (known) return known;
    const nameV = asString(this.ev.attr(r.block, r.file, attrName === 'region' ? 'sddc_name' : 'name'));
    const site = this.newSite(r.addr, key, r, nameV);
    const v = valueOverride ?? this.ev.attr(r.block, r.file, attrName);
    placeInRegion(site, cloud, v, this.attrLoc(r, attrName), `\`${attrName}\` of ${r.addr}`, this.texts);
    return site;
  }

  private cloudSites(): void {
    for (const r of this.of('vmc_sddc', 'vmc')) {
      const site = this.cloudSite(r, 'aws', 'region');
      const dt = this.ev.attr(r.block, r.file, 'deployment_type');
      if (dt?.t === 'str' && dt.v.toLowerCase() === 'multiaz') {
        const at = this.attrLoc(r, 'deployment_type');
        this.cluster({ name: `${r.addr} (MultiAZ)`, kind: 'vsan-stretched', loc: at, at: { sites: at }, sites: [this.ref(site, at), this.ref(site, at)] });
      }
    }
    for (const r of this.of('azurerm_vmware_private_cloud', 'azurerm')) this.cloudSite(r, 'azure', 'location');
    for (const r of this.of('azapi_resource', 'azapi')) {
      const type = asString(this.ev.attr(r.block, r.file, 'type')) ?? '';
      if (!/^microsoft\.avs\/privateclouds@/i.test(type)) continue;
      const site = this.cloudSite(r, 'azure', 'location');
      const body = this.ev.attr(r.block, r.file, 'body');
      const props = body?.t === 'obj' ? body.fields.get('properties') : undefined;
      const avail = props?.t === 'obj' ? props.fields.get('availability') : undefined;
      const strategy = avail?.t === 'obj' ? avail.fields.get('strategy') : undefined;
      if (strategy?.t === 'str' && strategy.v.toLowerCase() === 'dualzone') {
        this.cluster({
          name: `${r.addr} (DualZone)`,
          kind: 'vsan-stretched',
          loc: strategy.loc,
          at: { sites: strategy.loc },
          sites: [this.ref(site, strategy.loc), this.ref(site, strategy.loc)],
        });
      }
    }
    for (const r of this.of('google_vmwareengine_private_cloud', 'google')) {
      const site = this.cloudSite(r, 'gcp', 'location');
      const type = this.ev.attr(r.block, r.file, 'type');
      if (type?.t !== 'str' || type.v !== 'STRETCHED') continue;
      const mc = blocks(r.block.body, 'management_cluster')[0];
      const sc = mc ? blocks(mc.body, 'stretched_cluster_config')[0] : undefined;
      const zoneSite = (name: string): SiteRef => {
        const a = sc ? attr(sc.body, name) : undefined;
        const at = a ? this.loc(r.file, a.range) : this.attrLoc(r, 'type');
        if (!a) return this.ref(site, at);
        const v = this.ev.eval(a.expr, r.file);
        const zone = v.t === 'str' ? (/locations\/([^/]+)\/?$/.exec(v.v)?.[1] ?? v.v) : undefined;
        const key = zone ? regionKey('gcp', zone) : undefined;
        if (!key || !lookupRegion(key)) return this.ref(site, at);
        const zs = this.newSite(key, `region:${key}`, { file: r.file, block: sc! });
        if (!zs.placement) placeInRegion(zs, 'gcp', { t: 'str', v: key.slice(4), loc: v.loc }, at, name, this.texts);
        return this.ref(zs, at);
      };
      const at = this.attrLoc(r, 'type');
      this.cluster({
        name: `${r.addr} (STRETCHED)`,
        kind: 'vsan-stretched',
        loc: at,
        at: { sites: sc ? this.loc(r.file, sc.header) : at },
        sites: [zoneSite('preferred_location'), zoneSite('secondary_location')],
      });
    }
    for (const r of this.of('azurerm_express_route_circuit', 'azurerm')) {
      const v = this.ev.attr(r.block, r.file, 'peering_location');
      if (!v) continue;
      const site = this.newSite(r.addr, `res:${r.addr}`, r, asString(v));
      const at = this.attrLoc(r, 'peering_location');
      if (v.t !== 'str') {
        site.unresolved = { reason: `\`peering_location\` of ${r.addr}: ${v.t === 'unknown' ? v.reason : 'not a string'}`, loc: at };
        continue;
      }
      const topo = matchTopology(this.topology, [{ text: v.v, what: `peering_location of ${r.addr}` }]);
      if (topo && 'site' in topo && topo.site.placement)
        site.placement = { ...topo.site.placement, origin: `topology site ${topo.site.id}, named by peering_location "${v.v}"` };
      else {
        const p = placeCity(v.v);
        if (p) site.placement = { ...p, origin: `ExpressRoute peering location ${p.origin}` };
        else site.unresolved = { reason: `peering location "${v.v}" is not a city of the region catalogue nor a topology site`, loc: at };
      }
    }
  }

  private cluster(c: Cluster): void {
    this.design.clusters.push(c);
  }

  // -- HCX ---------------------------------------------------------------------------------------

  /** An hcx_location: its coordinates (0, 0 = unset), else its city through the topology or the catalogue. */
  private locationSite(r: Resource): Site {
    const known = this.keys.get(`res:${r.addr}`);
    if (known) return known;
    const lat = this.ev.attr(r.block, r.file, 'latitude');
    const lon = this.ev.attr(r.block, r.file, 'longitude');
    const city = asString(this.ev.attr(r.block, r.file, 'city'));
    const site = this.newSite(r.addr, `res:${r.addr}`, r, city);
    const at = this.loc(r.file, r.block.header);
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
    // latitude/longitude default to 0: unset. The city may still place it.
    const byName = city ? matchTopology(this.topology, [{ text: city, what: `city of ${r.addr}` }]) : undefined;
    if (byName && 'site' in byName && byName.site.placement)
      site.placement = { ...byName.site.placement, origin: `topology site ${byName.site.id}, named by city "${city}" of ${r.addr}` };
    else if (city && placeCity(city)) site.placement = { ...placeCity(city)!, origin: `city of ${r.addr}: ${placeCity(city)!.origin}` };
    else {
      const where = attr(r.block.body, 'city') ?? attr(r.block.body, 'latitude');
      site.unresolved = {
        reason: `${r.addr} has no coordinates (latitude/longitude unset or 0, 0)${city ? ` and its city "${city}" is neither a catalogue city nor a topology site` : ''}`,
        loc: where ? this.loc(r.file, where.range) : at,
      };
    }
    return site;
  }

  /** The site of the HCX manager a provider configuration talks to: its hcx_location, else its URL. */
  private hcxSite(providerKey: string): Site {
    const key = `provider:${providerKey}`;
    const known = this.keys.get(key);
    if (known) return known;
    const cfg = this.m.providers.get(providerKey);
    const urlV = cfg ? this.ev.attr(cfg.block, cfg.file, 'hcx') : undefined;
    const host = urlV?.t === 'str' ? urlHost(urlV.v) : undefined;
    // The provider's hcx_location (the first that places it, when there are several).
    const locations = this.of('hcx_location', 'hcx')
      .filter((r) => r.provider === providerKey)
      .map((r) => this.locationSite(r));
    const located = locations.find((s) => s.placement) ?? locations[0];
    if (located) {
      this.keys.set(key, located);
      if (host) this.keys.set(`host:${host}`, located);
      return located;
    }
    const block = cfg ? { file: cfg.file, block: cfg.block } : undefined;
    const hints: Hint[] = host ? [{ text: host, what: `the hcx URL of provider ${providerKey}` }] : [];
    // Compute profiles name the local datacenter and cluster.
    for (const cp of this.of('hcx_compute_profile', 'hcx').filter((r) => r.provider === providerKey)) {
      for (const a of ['datacenter', 'cluster']) {
        const v = asString(this.ev.attr(cp.block, cp.file, a));
        if (v) hints.push({ text: v, what: `${a} of ${cp.addr}` });
      }
    }
    const id = host ?? `provider.${providerKey}`;
    const why = `the HCX site of provider ${providerKey} has no hcx_location`;
    const at = cfg ? this.loc(cfg.file, attr(cfg.block.body, 'hcx')?.range ?? cfg.block.header) : { file: this.design.file, start: 0, end: 0 };
    const site = block ? this.siteByHints(id, key, block, hints, why, at) : this.newSite(id, key, undefined);
    if (!block && !site.placement) site.unresolved ??= { reason: `${why} and no provider block`, loc: at };
    if (host) this.keys.set(`host:${host}`, site);
    return site;
  }

  /** The far side of a pairing: the cloud behind `hcx_vmc.cloud_url` / AVS `hcx_cloud_manager_endpoint`, or its URL. */
  private remoteSite(p: Resource): Site {
    const key = `pairing:${p.addr}`;
    const known = this.keys.get(key);
    if (known) return known;
    const v = this.ev.attr(p.block, p.file, 'url');
    const at = this.attrLoc(p, 'url');
    let site: Site;
    if (v?.t === 'ref' && v.res.type === 'hcx_vmc') site = this.vmcOfHcxVmc(v.res);
    else if (v?.t === 'ref' && v.res.type === 'azurerm_vmware_private_cloud' && v.res.mode === 'managed') site = this.cloudSite(v.res, 'azure', 'location');
    else if (v?.t === 'str') {
      const host = urlHost(v.v) ?? v.v;
      // The far side may be another HCX provider configuration of this module (both ends managed here).
      for (const cfg of this.m.providers.values()) {
        if (cfg.key.split('.')[0] !== 'hcx' || this.keys.has(`provider:${cfg.key}`)) continue;
        const u = this.ev.attr(cfg.block, cfg.file, 'hcx');
        if (u?.t === 'str' && urlHost(u.v) === host) this.hcxSite(cfg.key);
      }
      site =
        this.keys.get(`host:${host}`) ??
        this.siteByHints(
          host,
          `host:${host}`,
          p,
          [{ text: host, what: `the url of ${p.addr}` }],
          `the remote HCX site of ${p.addr} is only a URL (${host})`,
          at,
        );
    } else {
      site = this.newSite(`${p.addr}.url`, key, p);
      if (!site.placement)
        site.unresolved ??= {
          reason: `the remote site of ${p.addr} is not known: ${v?.t === 'unknown' ? v.reason : v ? `${v.t === 'ref' ? v.res.addr : 'the url'} does not name a site` : 'no `url`'}`,
          loc: at,
        };
    }
    this.keys.set(key, site);
    return site;
  }

  private vmcOfHcxVmc(x: Resource): Site {
    const byId = this.ev.attr(x.block, x.file, 'sddc_id');
    const byName = this.ev.attr(x.block, x.file, 'sddc_name');
    const v = byId ?? byName;
    if (v?.t === 'ref' && v.res.type === 'vmc_sddc') return this.cloudSite(v.res, 'aws', 'region');
    if (v?.t === 'str') {
      for (const s of this.m.byType.get('vmc_sddc') ?? []) {
        const n = asString(this.ev.attr(s.block, s.file, byId ? 'id' : 'sddc_name'));
        if (n === v.v) return this.cloudSite(s, 'aws', 'region');
      }
    }
    const site = this.newSite(x.addr, `res:${x.addr}`, x);
    if (!site.placement)
      site.unresolved ??= {
        reason: `the SDDC of ${x.addr} is not in this module: ${v?.t === 'unknown' ? v.reason : v?.t === 'str' ? `no vmc_sddc has ${byId ? 'id' : 'sddc_name'} "${v.v}"` : 'no sddc_name or sddc_id'}`,
        loc: this.attrLoc(x, byId ? 'sddc_id' : 'sddc_name'),
      };
    return site;
  }

  private pairingOf(v: Value | undefined): Resource | undefined {
    return v?.t === 'ref' && v.res.type === 'hcx_site_pairing' ? v.res : undefined;
  }

  private hcx(): void {
    for (const r of this.of('hcx_location', 'hcx')) this.locationSite(r); // every declared place is checked
    const meshes = this.of('hcx_service_mesh', 'hcx');
    for (const mesh of meshes) {
      const spAt = this.attrLoc(mesh, 'site_pairing');
      const pairing = this.pairingOf(this.ev.attr(mesh.block, mesh.file, 'site_pairing'));
      const local = this.hcxSite(pairing?.provider ?? mesh.provider);
      let remote: Site;
      if (pairing) remote = this.remoteSite(pairing);
      else {
        remote = this.newSite(`${mesh.addr}.site_pairing`, `mesh:${mesh.addr}`, mesh);
        const v = this.ev.attr(mesh.block, mesh.file, 'site_pairing');
        remote.unresolved ??= {
          reason: `the site pairing of ${mesh.addr} is not known: ${v?.t === 'unknown' ? v.reason : 'it is not an hcx_site_pairing'}`,
          loc: spAt,
        };
      }
      for (const svc of this.services(mesh)) {
        const method = LIVE[svc.name];
        if (method) {
          const hasBulk = this.services(mesh).some((s) => s.name === 'BULK_MIGRATION');
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
            path: [this.ref(local, svc.loc), this.ref(remote, svc.loc)],
            coldFixes: fixes,
          };
          this.design.migrations.push(mig);
        } else if (svc.name === 'BULK_MIGRATION') {
          this.design.migrations.push({
            name: `${mesh.addr} ${svc.name}`,
            loc: svc.loc,
            at: { method: svc.nameLoc },
            method: 'hcx-bulk',
            platform: { product: 'hcx' },
            path: [this.ref(local, svc.loc), this.ref(remote, svc.loc)],
          });
        } else if (svc.name === 'NETWORK_EXTENSION') {
          const removal = svc.removal;
          this.design.segments.push({
            name: `${mesh.addr} NETWORK_EXTENSION`,
            origin: 'hcx-l2-extension',
            loc: svc.loc,
            at: { sites: svc.loc },
            sites: [this.ref(local, svc.loc), this.ref(remote, svc.loc, removal)],
          });
        } else if (svc.name === 'DISASTER_RECOVERY') {
          this.design.replication.push({
            name: `${mesh.addr} DISASTER_RECOVERY`,
            loc: svc.loc,
            at: { sites: svc.loc },
            mode: 'asynchronous',
            product: 'hcx-dr',
            sites: [this.ref(local, svc.loc), this.ref(remote, svc.loc)],
          });
        }
      }
    }
    for (const ext of this.of('hcx_l2_extension', 'hcx')) this.l2Extension(ext);
  }

  /** `service { name = "X" }` blocks, and `dynamic "service"` over a list of names. */
  private services(mesh: Resource): Service[] {
    const out: Service[] = [];
    for (const b of blocks(mesh.block.body, 'service')) {
      const v = this.ev.attr(b, mesh.file, 'name');
      if (v?.t !== 'str') continue;
      // `nameLoc` is where the name is written (a variable's value is switched where it is set).
      out.push({ name: v.v.toUpperCase(), loc: this.loc(mesh.file, b.range), nameLoc: v.loc, removal: this.deleteBlock(mesh.file, b) });
    }
    for (const d of blocks(mesh.block.body, 'dynamic')) {
      if (d.labels[0] !== 'service') continue;
      const each = this.ev.attr(d, mesh.file, 'for_each');
      const items = each?.t === 'tuple' ? each.items : [];
      for (const it of items) if (it.t === 'str') out.push({ name: it.v.toUpperCase(), loc: it.loc, nameLoc: it.loc, removal: this.deleteListItem(it.loc) });
    }
    return out;
  }

  private l2Extension(ext: Resource): void {
    let pairing = this.pairingOf(this.ev.attr(ext.block, ext.file, 'site_pairing'));
    if (!pairing) {
      const mesh = this.ev.attr(ext.block, ext.file, 'service_mesh_id');
      if (mesh?.t === 'ref' && mesh.res.type === 'hcx_service_mesh') pairing = this.pairingOf(this.ev.attr(mesh.res.block, mesh.res.file, 'site_pairing'));
    }
    // The extended network is the assumption: point there (the header when it is not written).
    const net = attr(ext.block.body, 'source_network');
    const hdr = this.loc(ext.file, net ? net.range : ext.block.header);
    const local = this.hcxSite(pairing?.provider ?? ext.provider);
    let remote: Site;
    if (pairing) remote = this.remoteSite(pairing);
    else {
      remote = this.newSite(`${ext.addr}.site_pairing`, `ext:${ext.addr}`, ext);
      remote.unresolved ??= { reason: `the site pairing of ${ext.addr} is not known`, loc: this.attrLoc(ext, 'site_pairing') };
    }
    const network = asString(this.ev.attr(ext.block, ext.file, 'source_network'));
    const seg: Segment = {
      name: network ? `${ext.addr} (${network})` : ext.addr,
      origin: 'hcx-l2-extension',
      loc: this.loc(ext.file, ext.block.header),
      at: { sites: hdr },
      sites: [this.ref(local, hdr), this.ref(remote, hdr)],
    };
    const mon = this.ev.attr(ext.block, ext.file, 'mon');
    if (mon?.t === 'bool' && mon.v)
      seg.gateway = { protocol: 'anycast' }; // Mobility Optimized Networking: routes locally
    else if (!mon || mon.t === 'bool') {
      // The default gateway stays at the source site (MON off).
      const gwAttr = attr(ext.block.body, 'gateway');
      seg.gateway = { protocol: 'hcx', activeSite: this.ref(local, gwAttr ? this.loc(ext.file, gwAttr.range) : hdr) };
      const monAttr = attr(ext.block.body, 'mon');
      const edit = mon && monAttr ? { ...mon.loc, newText: 'true' } : this.insertAttr(ext.file, ext.block, 'mon = true');
      if (edit)
        seg.gatewayFixes = [{ title: 'Set `mon = true` (HCX Mobility Optimized Networking: route at the destination)', edits: [edit], preferred: true }];
    }
    this.design.segments.push(seg);
  }

  // -- vSphere -----------------------------------------------------------------------------------

  /** Names that may say where a host is: its name, its datacenter's name, its tags. */
  private hostHints(r: Resource, role: string): Hint[] {
    const out: Hint[] = [];
    const add = (v: Value | undefined, what: string) => {
      if (v?.t === 'str') out.push({ text: v.v, what });
    };
    const nameAttr = attr(r.block.body, r.mode === 'data' ? 'name' : 'hostname');
    const name = nameAttr ? this.ev.eval(nameAttr.expr, r.file) : undefined;
    // `esx0${count.index}.ams1.example.net`: the written parts still name the site.
    if (name?.t === 'unknown' && nameAttr?.expr.k === 'template')
      out.push({ text: nameAttr.expr.parts.filter((p) => typeof p === 'string').join(' '), what: `the ${role} host ${r.addr}` });
    else add(name, `the ${role} host ${r.addr}`);
    const dc = this.ev.attr(r.block, r.file, 'datacenter_id') ?? this.ev.attr(r.block, r.file, 'datacenter');
    if (dc?.t === 'ref') add(this.ev.attr(dc.res.block, dc.res.file, 'name'), `datacenter ${dc.res.addr}`);
    for (const t of refsIn(this.ev.attr(r.block, r.file, 'tags'))) add(this.ev.attr(t.res.block, t.res.file, 'name'), `tag ${t.res.addr}`);
    return out;
  }

  private vsanStretched(): void {
    for (const c of this.of('vsphere_compute_cluster', 'vsphere')) {
      const s = blocks(c.block.body, 'vsan_stretched_cluster')[0];
      if (!s) continue;
      const side = (hostsAttr: string, nameAttr: string, def: string): SiteRef => {
        const fd = asString(this.ev.attr(s, c.file, nameAttr)) ?? def;
        const a = attr(s.body, hostsAttr);
        const at = this.loc(c.file, a ? a.range : s.header);
        const hosts = refsIn(this.ev.attr(s, c.file, hostsAttr));
        const hints: Hint[] = [{ text: fd, what: `${nameAttr} of ${c.addr}` }, ...hosts.flatMap((h) => this.hostHints(h.res, 'fault domain'))];
        const site = this.siteByHints(
          `${c.addr}:${fd}`,
          `fd:${c.addr}:${fd}`,
          { file: c.file, block: s },
          hints,
          `fault domain ${fd} of ${c.addr} is placed only by names`,
          at,
        );
        return this.ref(site, at);
      };
      const pref = side('preferred_fault_domain_host_ids', 'preferred_fault_domain_name', 'Preferred');
      const sec = side('secondary_fault_domain_host_ids', 'secondary_fault_domain_name', 'Secondary');
      const cl: Cluster = {
        name: asString(this.ev.attr(c.block, c.file, 'name')) ?? c.addr,
        kind: 'vsan-stretched',
        loc: this.loc(c.file, s.range),
        at: { sites: this.loc(c.file, s.header) },
        sites: [pref, sec],
      };
      const w = attr(s.body, 'witness_node');
      if (w) {
        const at = this.loc(c.file, w.range);
        const hosts = refsIn(this.ev.eval(w.expr, c.file));
        const hints = hosts.flatMap((h) => this.hostHints(h.res, 'witness'));
        const site = this.siteByHints(
          `${c.addr}:witness`,
          `witness:${c.addr}`,
          { file: c.file, block: s },
          hints,
          `the witness of ${c.addr} is placed only by names`,
          at,
        );
        cl.witness = this.ref(site, at);
      }
      this.design.clusters.push(cl);
    }
  }

  // -- NSX Federation ----------------------------------------------------------------------------

  private nsxSite(r: Resource, at: Loc): Site {
    const hints: Hint[] = [];
    const dn = asString(this.ev.attr(r.block, r.file, 'display_name'));
    if (dn) hints.push({ text: dn, what: `display_name of ${r.addr}` });
    const conn = blocks(r.block.body, 'site_connection_info')[0];
    const fqdn = conn ? asString(this.ev.attr(conn, r.file, 'fqdn')) : undefined;
    if (fqdn) hints.push({ text: fqdn, what: `fqdn of ${r.addr}` });
    return this.siteByHints(r.addr, `res:${r.addr}`, r, hints, `NSX location ${r.addr} is placed only by names`, at);
  }

  /** The locations a Tier-0/Tier-1 gateway spans: one per locale_service, through its edge cluster's site_path. */
  private gatewaySites(g: Resource, depth = 0): Site[] {
    const out: Site[] = [];
    for (const ls of blocks(g.block.body, 'locale_service')) {
      const ecp = this.ev.attr(ls, g.file, 'edge_cluster_path');
      const at = this.loc(g.file, ls.header);
      if (ecp?.t !== 'ref') continue;
      const sp = this.ev.attr(ecp.res.block, ecp.res.file, 'site_path');
      if (sp?.t === 'ref' && sp.res.type === 'nsxt_policy_site') out.push(this.nsxSite(sp.res, at));
    }
    if (out.length === 0 && depth < 2) {
      const t0 = this.ev.attr(g.block, g.file, 'tier0_path');
      if (t0?.t === 'ref' && t0.res.type === 'nsxt_policy_tier0_gateway') return this.gatewaySites(t0.res, depth + 1);
    }
    return out;
  }

  /**
   * The locations onboarded into one Global Manager: NSX Federation supports 150 ms RTT between them,
   * and each location's `maximum_rtt` (default 250) is the RTT at which onboarding itself fails.
   */
  private nsxFederation(): void {
    const sites = this.of('nsxt_policy_site', 'nsxt');
    if (sites.length < 2) return;
    const refs = sites.map((r) => this.ref(this.nsxSite(r, this.loc(r.file, r.block.header)), this.loc(r.file, r.block.header)));
    // The finding goes on the strictest maximum_rtt when one is set, else on the first location's name.
    let strictest: { ms: number; at: Loc } | undefined;
    for (const r of sites) {
      const v = this.ev.attr(r.block, r.file, 'maximum_rtt');
      if (v?.t === 'num' && v.v > 0 && (!strictest || v.v < strictest.ms)) strictest = { ms: v.v, at: this.attrLoc(r, 'maximum_rtt') };
    }
    const at = strictest?.at ?? this.attrLoc(sites[0]!, 'display_name');
    this.cluster({
      name: `of ${sites.length} locations`,
      kind: 'nsx-federation',
      loc: at,
      at: { sites: at },
      sites: refs,
      ...(strictest ? { maxRttMs: strictest.ms } : {}),
    });
  }

  private nsxSegments(): void {
    for (const type of ['nsxt_policy_segment', 'nsxt_policy_vlan_segment', 'nsxt_policy_fixed_segment']) {
      for (const seg of this.of(type, 'nsxt')) {
        const cp = this.ev.attr(seg.block, seg.file, 'connectivity_path');
        if (cp?.t !== 'ref' || !/^nsxt_policy_tier[01]_gateway$/.test(cp.res.type)) continue;
        const sites = [...new Map(this.gatewaySites(cp.res).map((s) => [s.id, s])).values()];
        if (sites.length < 2) continue;
        const at = this.attrLoc(seg, 'connectivity_path');
        this.design.segments.push({
          name: asString(this.ev.attr(seg.block, seg.file, 'display_name')) ?? seg.addr,
          origin: 'nsx-segment',
          loc: this.loc(seg.file, seg.block.header),
          at: { sites: at },
          sites: sites.map((s) => this.ref(s, at)),
        });
      }
    }
  }

  // -- other cloud resources ---------------------------------------------------------------------

  /** Any other azurerm/google/aws resource with a literal region: one site per region, for the catalogue check. */
  private genericRegions(): void {
    const seen = new Set<string>();
    const add = (cloud: Cloud, v: Value | undefined, r: Resource) => {
      if (v?.t !== 'str') return;
      if (cloud === 'gcp' && !regionKey('gcp', v.v)) return; // global, EU, US: not a place
      const key = regionKey(cloud, v.v);
      const id = key ?? `${cloud}:${v.v}`;
      if (seen.has(id) || this.design.sites.has(id)) return;
      seen.add(id);
      const site = this.newSite(id, `region:${id}`, r);
      placeInRegion(site, cloud, v, v.loc, `the region of ${r.addr}`, this.texts);
    };
    for (const r of this.m.resources.values()) {
      const kind = this.kindOf(r);
      if (this.keys.has(`res:${r.addr}`)) continue;
      if (kind === 'azurerm' && r.type !== 'azurerm_express_route_circuit') add('azure', this.ev.attr(r.block, r.file, 'location'), r);
      else if (kind === 'google' && r.type !== 'google_vmwareengine_private_cloud') {
        for (const a of ['region', 'zone', 'location']) add('gcp', this.ev.attr(r.block, r.file, a), r);
      } else if (kind === 'aws' && r.mode === 'managed') {
        const own = this.ev.attr(r.block, r.file, 'region');
        const cfg = this.m.providers.get(r.provider);
        add('aws', own ?? (cfg ? this.ev.attr(cfg.block, cfg.file, 'region') : undefined), r);
      }
    }
  }
}
