// Managed multi-region data services and global traffic steering, read from their real resources and
// placed by their regions (one site per region, shared with every other resource in that region):
// - aws_rds_global_cluster + its aws_rds_cluster members -> replication `aurora-global` (primary first);
// - aws_db_instance with replicate_source_db in another region -> `rds-cross-region`;
// - aws_dynamodb_table with `replica` blocks -> `dynamodb-global`;
// - azurerm_cosmosdb_account geo_location (by failover priority) + consistency_policy -> `cosmosdb`;
// - google_spanner_instance config (a google_spanner_instance_config, or a known base config) -> `spanner`;
// - azurerm_traffic_manager_profile + its endpoints, aws_route53_record latency/geolocation/failover
//   routing, aws_globalaccelerator_endpoint_group -> `services` (gslb, active-passive, anycast).

import type { Distribution, Loc, Replication, Service, Site, SiteRef } from '../../../design';
import { attr, blocks } from '../ast';
import type { Value } from '../eval';
import { asString, refsIn } from '../eval';
import type { Resource } from '../module';
import type { Cloud } from '../sites';
import { alsoWrittenAt, innerLoc, placeInRegion, regionKey } from '../sites';
import type { ExtractContext, ProviderFamily } from './context';

/** Cosmos DB `consistency_level` as azurerm writes it <-> the topology format's level. */
const COSMOS_LEVELS: Record<string, string> = {
  strong: 'Strong',
  'bounded-staleness': 'BoundedStaleness',
  session: 'Session',
  'consistent-prefix': 'ConsistentPrefix',
  eventual: 'Eventual',
};

/**
 * Spanner base multi-region configurations: read-write regions (the default leader first), then
 * read-only regions. Witness regions do not serve reads or lead, so they are left out. Source: Google
 * Cloud, Spanner "Regional, dual-region, and multi-region configurations",
 * https://cloud.google.com/spanner/docs/instance-configurations
 */
const SPANNER_CONFIGS: Record<string, { readWrite: string[]; readOnly: string[] }> = {
  nam3: { readWrite: ['us-east4', 'us-east1'], readOnly: [] },
  eur3: { readWrite: ['europe-west1', 'europe-west4'], readOnly: [] },
};

/** The region an AWS resource lives in: its own `region` (provider 6), else its provider configuration's. */
function awsRegion(x: ExtractContext, r: Resource): Value | undefined {
  const own = x.ev.attr(r.block, r.file, 'region');
  if (own) return own;
  const cfg = x.m.providers.get(r.provider);
  return cfg ? x.ev.attr(cfg.block, cfg.file, 'region') : undefined;
}

/** The site of a region (`aws:us-east-1`), shared by every resource there; unresolved values get their own. */
function regionSite(x: ExtractContext, cloud: Cloud, v: Value | undefined, r: Resource, at: Loc, what: string): Site {
  if (v?.t === 'str') {
    const key = regionKey(cloud, v.v);
    const id = key ?? `${cloud}:${v.v.trim()}`;
    const site = x.newSite(id, `region:${id}`, r);
    if (!site.placement && !site.region && !site.unresolved) placeInRegion(site, cloud, v, at, what, x.texts);
    else alsoWrittenAt(site, v, x.texts);
    return site;
  }
  const site = x.newSite(`${r.addr} (${what})`, `res:${r.addr}:${what}`, r);
  if (!site.placement && !site.unresolved) placeInRegion(site, cloud, v, at, what, x.texts);
  return site;
}

function refAt(x: ExtractContext, site: Site, v: Value | undefined, fallback: Loc): SiteRef {
  return x.ref(site, v ? innerLoc(v.loc, x.texts) : fallback);
}

function header(x: ExtractContext, r: Resource): Loc {
  return x.loc(r.file, r.block.header);
}

/** A replication entry of a managed product; findings about its sites point at `sitesAt` (what makes it multi-region). */
function replication(x: ExtractContext, r: Resource, product: string, sites: SiteRef[], sitesAt: Loc, extra: Partial<Replication> = {}): void {
  const { at, ...rest } = extra;
  x.design.replication.push({ name: r.addr, loc: header(x, r), at: { sites: sitesAt, ...(at ?? {}) }, mode: 'asynchronous', product, sites, ...rest });
}

/**
 * Does attribute `name` of `r` point at `target`: a reference to it (`aws_rds_global_cluster.g.id`), or
 * the value of one of its configured attributes `keys` (`....global_cluster_identifier` evaluates to the
 * string written there, as Terraform would).
 */
function refersTo(x: ExtractContext, r: Resource, name: string, target: Resource, keys: string[] = []): boolean {
  const v = x.ev.attr(r.block, r.file, name);
  if (refsIn(v).some((ref) => ref.res === target)) return true;
  const s = asString(v);
  return s !== undefined && keys.some((k) => asString(x.ev.attr(target.block, target.file, k)) === s);
}

function aurora(x: ExtractContext): void {
  for (const g of x.of('aws_rds_global_cluster', 'aws')) {
    if (g.mode !== 'managed') continue;
    const members = x
      .of('aws_rds_cluster', 'aws')
      .filter((c) => c.mode === 'managed' && refersTo(x, c, 'global_cluster_identifier', g, ['global_cluster_identifier']));
    // The primary: named by the global cluster's source, else the member that does not wait for another.
    const source = refsIn(x.ev.attr(g.block, g.file, 'source_db_cluster_identifier')).map((ref) => ref.res);
    const waits = (c: (typeof members)[number]) => {
      const dep = attr(c.block.body, 'depends_on');
      return dep ? members.some((o) => o !== c && x.texts.get(c.file)?.slice(dep.range.start, dep.range.end).includes(o.addr)) : false;
    };
    const ordered = [...members].sort((a, b) => rank(a) - rank(b));
    function rank(c: (typeof members)[number]): number {
      return source.includes(c) ? 0 : waits(c) ? 2 : 1;
    }
    const sites: SiteRef[] = [];
    for (const c of ordered) {
      const v = awsRegion(x, c);
      sites.push(x.ref(regionSite(x, 'aws', v, c, header(x, c), `the region of ${c.addr}`), header(x, c)));
    }
    if (sites.length >= 1) replication(x, g, 'aurora-global', sites, x.attrLoc(g, 'global_cluster_identifier'));
  }
}

function rdsCrossRegion(x: ExtractContext): void {
  for (const r of x.of('aws_db_instance', 'aws')) {
    if (r.mode !== 'managed') continue;
    const src = refsIn(x.ev.attr(r.block, r.file, 'replicate_source_db'))
      .map((ref) => ref.res)
      .find((s) => s.type === 'aws_db_instance');
    if (!src) continue;
    const a = awsRegion(x, src);
    const b = awsRegion(x, r);
    if (a?.t === 'str' && b?.t === 'str' && regionKey('aws', a.v) === regionKey('aws', b.v)) continue; // same Region: not cross-Region
    const primary = regionSite(x, 'aws', a, src, header(x, src), `the region of ${src.addr}`);
    const replica = regionSite(x, 'aws', b, r, header(x, r), `the region of ${r.addr}`);
    replication(x, r, 'rds-cross-region', [x.ref(primary, header(x, src)), x.ref(replica, header(x, r))], x.attrLoc(r, 'replicate_source_db'));
  }
}

function dynamodb(x: ExtractContext): void {
  for (const r of x.of('aws_dynamodb_table', 'aws')) {
    if (r.mode !== 'managed') continue;
    const replicas = blocks(r.block.body, 'replica');
    if (replicas.length === 0) continue;
    const own = awsRegion(x, r);
    const sites: SiteRef[] = [x.ref(regionSite(x, 'aws', own, r, header(x, r), `the region of ${r.addr}`), header(x, r))];
    for (const b of replicas) {
      const v = x.ev.attr(b, r.file, 'region_name');
      const at = v ? v.loc : x.loc(r.file, b.header);
      sites.push(refAt(x, regionSite(x, 'aws', v, r, at, `replica region_name of ${r.addr}`), v, at));
    }
    replication(x, r, 'dynamodb-global', sites, x.loc(r.file, replicas[0]!.header));
  }
}

function cosmos(x: ExtractContext): void {
  for (const r of x.of('azurerm_cosmosdb_account', 'azurerm')) {
    if (r.mode !== 'managed') continue;
    const geo = blocks(r.block.body, 'geo_location')
      .map((b) => ({ b, prio: x.ev.attr(b, r.file, 'failover_priority') }))
      .sort((p, q) => (p.prio?.t === 'num' ? p.prio.v : 99) - (q.prio?.t === 'num' ? q.prio.v : 99));
    if (geo.length === 0) continue;
    const sites = geo.map(({ b }) => {
      const v = x.ev.attr(b, r.file, 'location');
      const at = v ? v.loc : x.loc(r.file, b.header);
      return refAt(x, regionSite(x, 'azure', v, r, at, `geo_location of ${r.addr}`), v, at);
    });
    const extra: Partial<Replication> = { at: {}, consistencyText: COSMOS_LEVELS };
    const policy = blocks(r.block.body, 'consistency_policy')[0];
    const level = policy ? x.ev.attr(policy, r.file, 'consistency_level') : undefined;
    if (level?.t === 'str') {
      const key = Object.entries(COSMOS_LEVELS).find(([, v]) => v.toLowerCase() === level.v.toLowerCase())?.[0];
      if (key) {
        extra.consistency = key;
        extra.at!['consistency'] = innerLoc(level.loc, x.texts);
      }
    }
    // azurerm 4.x: multiple_write_locations_enabled; 3.x: enable_multiple_write_locations
    for (const name of ['multiple_write_locations_enabled', 'enable_multiple_write_locations']) {
      const v = x.ev.attr(r.block, r.file, name);
      if (v?.t === 'bool') {
        extra.multiRegionWrites = v.v;
        extra.at!['multi_region_writes'] = v.loc;
      }
    }
    replication(x, r, 'cosmosdb', sites, x.loc(r.file, geo[0]!.b.header), extra);
  }
}

function spanner(x: ExtractContext): void {
  for (const r of x.of('google_spanner_instance', 'google')) {
    if (r.mode !== 'managed') continue;
    const cfgV = x.ev.attr(r.block, r.file, 'config');
    const cfgRes = x.of('google_spanner_instance_config', 'google').find((c) => refersTo(x, r, 'config', c, ['name']));
    const entries: Array<{ v: Value | undefined; at: Loc; leader: boolean }> = [];
    if (cfgRes) {
      const replicas = blocks(cfgRes.block.body, 'replicas').filter((b) => {
        const type = asString(x.ev.attr(b, cfgRes.file, 'type'));
        return type === undefined || !/witness/i.test(type);
      });
      for (const b of replicas) {
        const v = x.ev.attr(b, cfgRes.file, 'location');
        const lead = x.ev.attr(b, cfgRes.file, 'default_leader_location');
        entries.push({ v, at: v ? v.loc : x.loc(cfgRes.file, b.header), leader: lead?.t === 'bool' && lead.v });
      }
    } else if (cfgV?.t === 'str') {
      // `nam3`, or its full name `projects/p/instanceConfigs/nam3`
      const name = cfgV.v.trim().split('/').pop() ?? '';
      const base = SPANNER_CONFIGS[name];
      if (!base) {
        // a regional configuration is one region (nothing replicates between regions); a multi-region one
        // without a table here is said, not dropped
        if (!/^regional-/.test(name)) {
          const site = x.newSite(`${r.addr} (instance configuration ${name})`, `res:${r.addr}:config`, r);
          site.unresolved = {
            reason: `instance configuration \`${name}\` is not one whose regions DCI Lint knows (${Object.keys(SPANNER_CONFIGS).join(', ')}); name its replicas in a google_spanner_instance_config`,
            loc: innerLoc(cfgV.loc, x.texts),
          };
        }
        continue;
      }
      const at = innerLoc(cfgV.loc, x.texts);
      base.readWrite.forEach((code, i) => entries.push({ v: { t: 'str', v: code, loc: cfgV.loc }, at, leader: i === 0 }));
      for (const code of base.readOnly) entries.push({ v: { t: 'str', v: code, loc: cfgV.loc }, at, leader: false });
    }
    if (entries.length === 0) continue;
    const refs = entries.map((e) => x.ref(regionSite(x, 'gcp', e.v, r, e.at, `a replica location of ${r.addr}`), e.at));
    const li = entries.findIndex((e) => e.leader);
    const extra: Partial<Replication> = li >= 0 ? { leader: refs[li]!, at: { leader: refs[li]!.loc } } : {};
    replication(x, r, 'spanner', refs, refs[0]!.loc, extra);
  }
}

/** A service read from a traffic-steering resource. */
function service(x: ExtractContext, r: Resource, distribution: Distribution, sites: SiteRef[], name = r.addr): void {
  const hdr = header(x, r);
  const s: Service = { name, loc: hdr, at: { sites: hdr }, sites, distribution, dependsOn: [], origin: r.addr };
  x.design.services.push(s);
}

/**
 * Where a Traffic Manager endpoint is: `endpoint_location`, else the `location` of the resource it targets;
 * undefined when neither is written, unknown (with why) when `target_resource_id` leads to no resource.
 */
function endpointRegion(x: ExtractContext, e: Resource): Value | undefined {
  const own = x.ev.attr(e.block, e.file, 'endpoint_location');
  if (own) return own;
  const id = x.ev.attr(e.block, e.file, 'target_resource_id');
  const target = refsIn(id)[0]?.res;
  if (target) return x.ev.attr(target.block, target.file, 'location');
  if (!id) return undefined;
  const why = id.t === 'unknown' ? ` (${id.reason})` : '';
  return { t: 'unknown', reason: `its target_resource_id does not lead to a resource of this configuration${why}: set endpoint_location`, loc: id.loc };
}

function trafficManager(x: ExtractContext): void {
  const endpointTypes = ['azurerm_traffic_manager_azure_endpoint', 'azurerm_traffic_manager_external_endpoint', 'azurerm_traffic_manager_endpoint'];
  for (const p of x.of('azurerm_traffic_manager_profile', 'azurerm')) {
    if (p.mode !== 'managed') continue;
    const method = asString(x.ev.attr(p.block, p.file, 'traffic_routing_method'))?.toLowerCase();
    // Performance and Geographic send users to the nearest (or their region's) endpoint; Priority to the first healthy one.
    const distribution: Distribution | undefined =
      method === 'performance' || method === 'geographic' ? 'gslb' : method === 'priority' ? 'active-passive' : undefined;
    if (!distribution) continue;
    const eps = endpointTypes
      .flatMap((t) => x.of(t, 'azurerm'))
      .filter((e) => refersTo(x, e, 'profile_id', p) || refersTo(x, e, 'profile_name', p, ['name']))
      .map((e) => ({ e, prio: x.ev.attr(e.block, e.file, 'priority') }))
      .sort((a, b) => (a.prio?.t === 'num' ? a.prio.v : 1e9) - (b.prio?.t === 'num' ? b.prio.v : 1e9));
    const sites = eps.map(({ e }) => {
      const v = endpointRegion(x, e);
      const at = v?.loc.file === e.file ? v.loc : header(x, e);
      return x.ref(regionSite(x, 'azure', v, e, at, 'the endpoint location'), header(x, e));
    });
    if (sites.length > 0) service(x, p, distribution, sites);
  }
}

function route53(x: ExtractContext): void {
  // Records of one name with a latency, geolocation or failover policy are one steered service.
  const groups = new Map<string, { first: Resource; distribution: Distribution; sites: Array<{ ref: SiteRef; order: number }> }>();
  for (const r of x.of('aws_route53_record', 'aws')) {
    if (r.mode !== 'managed') continue;
    const latency = blocks(r.block.body, 'latency_routing_policy')[0];
    const geo = blocks(r.block.body, 'geolocation_routing_policy')[0];
    const failover = blocks(r.block.body, 'failover_routing_policy')[0];
    if (!latency && !geo && !failover) continue;
    const nameV = x.ev.attr(r.block, r.file, 'name');
    const zone = attr(r.block.body, 'zone_id');
    const key = `${zone ? x.texts.get(r.file)?.slice(zone.expr.range.start, zone.expr.range.end) : ''}|${nameV?.t === 'str' ? nameV.v : r.addr}`;
    let region: Value | undefined;
    let at: Loc = header(x, r);
    if (latency) {
      region = x.ev.attr(latency, r.file, 'region');
      if (region) at = region.loc;
    } else region = aliasRegion(x, r);
    const site = regionSite(x, 'aws', region, r, at, `the region of ${r.addr}`);
    const order = failover && asString(x.ev.attr(failover, r.file, 'type'))?.toUpperCase() === 'PRIMARY' ? 0 : 1;
    const distribution: Distribution = failover ? 'active-passive' : 'gslb';
    const g = groups.get(key) ?? { first: r, distribution, sites: [] };
    g.sites.push({ ref: x.ref(site, at), order });
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    const sites = g.sites.sort((a, b) => a.order - b.order).map((s) => s.ref);
    const nameV = x.ev.attr(g.first.block, g.first.file, 'name');
    service(x, g.first, g.distribution, sites, nameV?.t === 'str' ? nameV.v : g.first.addr);
  }
}

/** The region of the resource an alias record points at (a load balancer, through its provider). */
function aliasRegion(x: ExtractContext, r: Resource): Value | undefined {
  const alias = blocks(r.block.body, 'alias')[0];
  const target = alias ? refsIn(x.ev.attr(alias, r.file, 'name'))[0]?.res : undefined;
  return target ? awsRegion(x, target) : undefined;
}

function globalAccelerator(x: ExtractContext): void {
  for (const a of x.of('aws_globalaccelerator_accelerator', 'aws')) {
    if (a.mode !== 'managed') continue;
    const listeners = x.of('aws_globalaccelerator_listener', 'aws').filter((l) => refersTo(x, l, 'accelerator_arn', a));
    const groups = x.of('aws_globalaccelerator_endpoint_group', 'aws').filter((g) => listeners.some((l) => refersTo(x, g, 'listener_arn', l)));
    const sites = groups.map((g) => {
      const v = x.ev.attr(g.block, g.file, 'endpoint_group_region') ?? awsRegion(x, g);
      const at = v ? v.loc : header(x, g);
      return x.ref(regionSite(x, 'aws', v, g, at, `the endpoint group region of ${g.addr}`), at);
    });
    if (sites.length > 0) service(x, a, 'anycast', sites);
  }
}

export const managedData: ProviderFamily = {
  name: 'managed multi-region data and global traffic steering (AWS, Azure, Google Cloud)',
  // The generic region scan reads a Global Accelerator's provider region (always us-west-2), not where it serves.
  // Route 53 records are global: their provider's region says nothing about where the service runs.
  claims: ['aws_globalaccelerator_accelerator', 'aws_globalaccelerator_listener', 'aws_globalaccelerator_endpoint_group', 'aws_route53_record'],
  extract(x) {
    aurora(x);
    rdsCrossRegion(x);
    dynamodb(x);
    cosmos(x);
    spanner(x);
    trafficManager(x);
    route53(x);
    globalAccelerator(x);
  },
};
