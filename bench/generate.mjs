// Seeded generator of realistic DCI designs for the benchmark.
//
// Topology YAML (spec/topology-format.md): sites in real data-center metros (jittered around the
// city by up to ~25 km) and in cloud regions from the built-in catalogue, metro fiber and long-haul
// links, stretched segments, clusters, migrations and replication, in the proportions seen in
// real multi-site designs (most things stay within a metro, a few stretch across regions).
// Terraform (reference/terraform-providers.md): a module of HCX, vSphere and azurerm resources.
//
// Same seed, same text: every figure in bench/results can be reproduced.
//   node bench/generate.mjs topology 500 [seed]   -> YAML on stdout
//   node bench/generate.mjs terraform 300 [seed]  -> HCL on stdout

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { METROS } from './metros.mjs';

const REGIONS = JSON.parse(readFileSync(new URL('../server/src/core/geo/regions.json', import.meta.url), 'utf8'));

/** mulberry32: small, fast, seedable. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
  };
}

const toRad = (d) => (d * Math.PI) / 180;
/** haversine, km: good enough to choose neighbours and plausible route lengths */
export function distanceKm(a, b) {
  const dLat = toRad(b.lat - a.lat);
  const dLon = toRad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const fix = (x, digits) => Number(x.toFixed(digits));

/**
 * A design of `siteCount` sites as a plain model (sites, links, segments, clusters, migrations, replication).
 * Kept separate from the YAML writer so the Terraform generator can reuse the placement.
 */
export function generateDesign(siteCount, seed = 1) {
  const r = rng(seed * 7919 + siteCount);
  const metroCount = Math.min(METROS.length, Math.max(2, Math.ceil(Math.sqrt(siteCount) * 1.2)));
  // Regional designs: start at a home metro, take mostly its nearest metros and a few far ones.
  const home = r.pick(METROS);
  const byDistance = [...METROS].sort(
    (a, b) => distanceKm({ lat: home[2], lon: home[3] }, { lat: a[2], lon: a[3] }) - distanceKm({ lat: home[2], lon: home[3] }, { lat: b[2], lon: b[3] }),
  );
  const chosen = new Set([home]);
  while (chosen.size < metroCount) chosen.add(r.chance(0.7) ? byDistance[Math.min(byDistance.length - 1, chosen.size + r.int(0, 2))] : r.pick(METROS));
  const metros = [...chosen].map(([code, city, lat, lon]) => ({ code, city, lat, lon, sites: [] }));

  const sites = [];
  const ids = new Set();
  const uniqueId = (base) => {
    let id = base;
    for (let k = 2; ids.has(id); k++) id = `${base}-${k}`;
    ids.add(id);
    return id;
  };
  const regionKeys = Object.keys(REGIONS);
  const cloudShare = siteCount <= 10 ? 0.2 : 0.15;
  for (let i = 0; i < siteCount; i++) {
    const metro = metros[i < metros.length ? i : r.int(0, metros.length - 1)];
    if (i >= metros.length && r.chance(cloudShare)) {
      // the cloud region nearest to this metro (ties broken by the seed)
      let best;
      let bestKm = Infinity;
      for (const key of regionKeys) {
        const g = REGIONS[key];
        const km = distanceKm(metro, g) + r.next() * 300;
        if (km < bestKm) [best, bestKm] = [key, km];
      }
      const g = REGIONS[best];
      const site = { id: uniqueId(best.replace(':', '-')), name: `${g.city} (${best})`, named: r.chance(0.4), region: best, lat: g.lat, lon: g.lon, metro };
      sites.push(site);
      metro.sites.push(site);
      continue;
    }
    const n = metro.sites.filter((s) => !s.region).length + 1;
    const site = {
      id: uniqueId(`${metro.code}${n}`),
      name: `${metro.city} DC${n}`,
      lat: fix(metro.lat + (r.next() - 0.5) * 0.4, 4),
      lon: fix(metro.lon + (r.next() - 0.5) * 0.5, 4),
      style: r.pick(['flow', 'flow', 'pair', 'block']),
      named: r.chance(0.4),
      metro,
    };
    sites.push(site);
    metro.sites.push(site);
  }

  const links = [];
  const linked = new Set();
  const addLink = (a, b, extra) => {
    const key = a.id < b.id ? `${a.id}|${b.id}` : `${b.id}|${a.id}`;
    if (a === b || linked.has(key)) return;
    linked.add(key);
    const km = distanceKm(a, b);
    const link = { between: [a.id, b.id], ...extra(km) };
    links.push(link);
  };
  // metro fiber: every building to the metro hub (the first site), some also to a neighbour
  const metroLink = (r2) => (km) => ({
    ...(r2.chance(0.4) ? { medium: 'fiber' } : {}),
    ...(r2.chance(0.5) ? { route_km: Math.max(2, Math.round(km * 1.4 + 3)) } : {}),
    bandwidth_mbps: r2.pick([10000, 40000, 100000]),
    ...(r2.chance(0.2) ? { rtt_ms: fix(0.3 + (km * 1.4 * 2) / 204, 2) } : {}),
  });
  for (const m of metros) {
    for (let k = 1; k < m.sites.length; k++) {
      addLink(m.sites[0], m.sites[k], metroLink(r));
      if (k > 1 && r.chance(0.3)) addLink(m.sites[k - 1], m.sites[k], metroLink(r));
    }
  }
  // long haul: each metro hub to its two nearest hubs, plus a few express routes
  const hubs = metros.map((m) => m.sites[0]);
  for (const h of hubs) {
    const near = hubs.filter((x) => x !== h).sort((a, b) => distanceKm(h, a) - distanceKm(h, b));
    for (const other of near.slice(0, 2))
      addLink(h, other, (km) => ({
        medium: km < 600 && r.chance(0.05) ? 'microwave' : 'fiber',
        bandwidth_mbps: r.pick([1000, 10000, 10000, 100000]),
        ...(r.chance(0.3) ? { rtt_ms: fix(1.2 + (km * 1.6) / 102, 1) } : { route_km: Math.round(km * 1.45) }),
      }));
  }
  for (let k = 0; k < Math.ceil(metros.length / 6); k++) addLink(r.pick(hubs), r.pick(hubs), (km) => ({ medium: r.chance(0.2) ? 'internet' : 'fiber', bandwidth_mbps: 10000, route_km: Math.round(km * 1.6) }));

  const nearSite = (s) => {
    const same = s.metro.sites.filter((x) => x !== s);
    if (same.length && r.chance(0.75)) return r.pick(same);
    const m = metros.filter((x) => x !== s.metro).sort((a, b) => distanceKm(s, a) - distanceKm(s, b))[r.int(0, Math.min(2, metros.length - 2))];
    return r.pick(m.sites);
  };
  const farSite = (s) => r.pick(sites.filter((x) => x.metro !== s.metro)) ?? nearSite(s);

  const segments = [];
  for (let i = 0; i < Math.max(1, Math.round(siteCount / 4)); i++) {
    const a = r.pick(sites);
    const members = [a, r.chance(0.05) ? farSite(a) : nearSite(a)];
    if (r.chance(0.25)) members.push(nearSite(a));
    const seg = { name: `vlan-${100 + i}`, vlan: 100 + (i % 3900), sites: [...new Set(members.map((s) => s.id))] };
    if (seg.sites.length < 2) continue;
    if (r.chance(0.5)) seg.gateway = { protocol: r.pick(['hsrp', 'vrrp', 'anycast']), active_site: a.id, hello_ms: 1000, hold_ms: 3000 };
    if (r.chance(0.2)) seg.bfd = { interval_ms: r.pick([50, 100, 300]), multiplier: 3 };
    segments.push(seg);
  }

  const clusters = [];
  for (let i = 0; i < Math.max(1, Math.round(siteCount / 8)); i++) {
    const a = r.pick(sites.filter((s) => !s.region));
    const kind = r.pick(['vsan-stretched', 'vsan-stretched', 'vmsc', 'wsfc', 'sql-ag', 'oracle-rac', 'etcd', 'pacemaker']);
    const b = nearSite(a);
    if (b === a) continue;
    const c = { name: `${kind}-${a.id}-${i}`, kind, sites: [a.id, b.id] };
    if (kind === 'vsan-stretched') Object.assign(c, { version: '8.0', witness: farSite(a).id, hosts_per_site: r.pick([4, 8, 12]) });
    if (kind === 'etcd') c.sites.push(nearSite(a).id);
    c.sites = [...new Set(c.sites)];
    clusters.push(c);
  }

  const migrations = [];
  for (let i = 0; i < Math.max(1, Math.round(siteCount / 10)); i++) {
    const a = r.pick(sites);
    const method = r.pick(['vmotion', 'hcx-vmotion', 'hcx-rav', 'hcx-bulk', 'cold']);
    const followTheSun = r.chance(0.05);
    const path = followTheSun ? [a, farSite(a), farSite(a)] : [a, nearSite(a)];
    const ids2 = path.map((s) => s.id).filter((id, k, xs) => xs.indexOf(id) === k);
    if (ids2.length < 2) continue;
    const m = { name: `move-${a.id}-${i}`, method, platform: { product: 'vsphere', version: r.pick(['7.0', '8.0']) }, path: ids2, concurrent: r.int(1, 8) };
    m.schedule = followTheSun ? 'follow-the-sun' : r.pick(['on-demand', 'disaster-avoidance']);
    migrations.push(m);
  }

  const replication = [];
  for (let i = 0; i < Math.max(1, Math.round(siteCount / 10)); i++) {
    const a = r.pick(sites);
    const sync = r.chance(0.6);
    const b = sync ? nearSite(a) : r.chance(0.5) ? farSite(a) : nearSite(a);
    if (b === a) continue;
    replication.push({
      name: `repl-${a.id}-${i}`,
      mode: sync ? 'synchronous' : 'asynchronous',
      product: sync ? r.pick(['vplex-metro', 'storage-replica', 'netapp-metrocluster-ip', 'pure-activecluster', 'srdf-s']) : r.pick(['zerto', 'vsphere-replication', 'srdf-a']),
      sites: [a.id, b.id],
    });
  }

  return { name: `bench-${siteCount}-sites-seed-${seed}`, sites, links, segments, clusters, migrations, replication };
}

const flowList = (xs) => `[${xs.join(', ')}]`;
const flowMap = (o) => `{ ${Object.entries(o).map(([k, v]) => `${k}: ${v}`).join(', ')} }`;

/** Writes the design as topology YAML in the styles people use (flow and block maps, comments). */
export function topologyYaml(design) {
  const out = [];
  out.push(`# Generated by bench/generate.mjs: ${design.sites.length} sites. Do not edit; regenerate.`);
  out.push('dci: 1', `name: ${design.name}`, 'assumptions:', '  fiber_route_factor: 1.5', '  equipment_ms: 0.2', 'sites:');
  for (const s of design.sites) {
    out.push(`  ${s.id}:`);
    if (s.named) out.push(`    name: ${s.name.includes(':') || s.name.includes('(') ? JSON.stringify(s.name) : s.name}`);
    if (s.region) out.push(`    region: ${s.region}`);
    else if (s.style === 'pair') out.push(`    location: [${s.lat}, ${s.lon}]`);
    else if (s.style === 'block') out.push('    location:', `      lat: ${s.lat}`, `      lon: ${s.lon}`);
    else out.push(`    location: { lat: ${s.lat}, lon: ${s.lon} }`);
  }
  out.push('links:');
  for (const l of design.links) {
    out.push(`  - between: ${flowList(l.between)}`);
    for (const k of ['medium', 'route_km', 'rtt_ms', 'bandwidth_mbps']) if (l[k] !== undefined) out.push(`    ${k}: ${l[k]}`);
  }
  out.push('segments:');
  for (const s of design.segments) {
    out.push(`  - name: ${s.name}`, `    vlan: ${s.vlan}`, `    sites: ${flowList(s.sites)}`);
    if (s.gateway) out.push(`    gateway: ${flowMap(s.gateway)}`);
    if (s.bfd) out.push(`    bfd: ${flowMap(s.bfd)}`);
  }
  out.push('clusters:');
  for (const c of design.clusters) {
    out.push(`  - name: ${c.name}`, `    kind: ${c.kind}`);
    if (c.version) out.push(`    version: "${c.version}"`);
    out.push(`    sites: ${flowList(c.sites)}`);
    if (c.witness) out.push(`    witness: ${c.witness}`);
    if (c.hosts_per_site) out.push(`    hosts_per_site: ${c.hosts_per_site}`);
  }
  out.push('migrations:');
  for (const m of design.migrations) {
    out.push(`  - name: ${m.name}`, `    method: ${m.method}`, `    platform: { product: ${m.platform.product}, version: "${m.platform.version}" }`);
    out.push(`    path: ${flowList(m.path)}`, `    schedule: ${m.schedule}`, `    concurrent: ${m.concurrent}`);
  }
  out.push('replication:');
  for (const p of design.replication) out.push(`  - name: ${p.name}`, `    mode: ${p.mode}`, `    product: ${p.product}`, `    sites: ${flowList(p.sites)}`);
  return out.join('\n') + '\n';
}

export function generateTopology(siteCount, seed = 1) {
  return topologyYaml(generateDesign(siteCount, seed));
}

/**
 * The first decimal number on `line`, and the same number with one more digit typed at its end
 * (50.1234 -> 50.12341: one keystroke, about 1 m). The edit changes the length of the text, as typing
 * does, so everything after it moves.
 */
function numberEdit(lines, line) {
  const m = /(-?\d+)\.(\d+)/.exec(lines[line]);
  return { line, startCharacter: m.index, endCharacter: m.index + m[0].length, original: m[0], edited: `${m[0]}1` };
}

/** Applies (`forward`) or reverts the one-line edit on the whole text. */
export function applyEdit(text, edit, forward = true) {
  const lines = text.split('\n');
  const l = lines[edit.line];
  const [from, to] = forward ? [edit.original, edit.edited] : [edit.edited, edit.original];
  if (l.slice(edit.startCharacter, edit.startCharacter + from.length) !== from) throw new Error(`edit target moved: ${l}`);
  lines[edit.line] = l.slice(0, edit.startCharacter) + to + l.slice(edit.startCharacter + from.length);
  return lines.join('\n');
}

/**
 * The line to edit for the editor-loop benchmark: the latitude of a placed (non-cloud) site in the
 * middle of `sites`, one digit typed. A realistic one-line edit whose effect reaches every pair that
 * involves that site.
 */
export function editTarget(text) {
  const lines = text.split('\n');
  const siteLines = [];
  for (let i = 0; i < lines.length; i++) if (/^\s+(location: \{ lat: |location: \[|lat: )/.test(lines[i])) siteLines.push(i);
  const line = siteLines[Math.floor(siteLines.length / 2)];
  return numberEdit(lines, line);
}

// ---------------------------------------------------------------------------------------------
// Terraform: one module that places sites with hcx_location / azurerm, pairs them with HCX, extends
// networks, stretches vSAN clusters. Roughly `targetLines` lines.

export function generateTerraform(targetLines, seed = 1) {
  const r = rng(seed * 104729 + targetLines);
  const design = generateDesign(Math.max(4, Math.round(targetLines / 45)), seed);
  const onPrem = design.sites.filter((s) => !s.region);
  const out = [];
  const push = (...xs) => out.push(...xs);
  push(
    '# Generated by bench/generate.mjs. Do not edit; regenerate.',
    'terraform {',
    '  required_providers {',
    '    hcx     = { source = "vmware/hcx" }',
    '    vsphere = { source = "vmware/vsphere" }',
    '    azurerm = { source = "hashicorp/azurerm" }',
    '  }',
    '}',
    '',
    'variable "hcx_password" {',
    '  type      = string',
    '  sensitive = true',
    '}',
    '',
    'provider "azurerm" {',
    '  features {}',
    '}',
    '',
    'provider "hcx" {',
    `  hcx      = "https://hcx-conn.${onPrem[0].id}.example.net"`,
    '  username = "administrator@vsphere.local"',
    '  password = var.hcx_password',
    '}',
    '',
    'resource "azurerm_resource_group" "avs" {',
    '  name     = "rg-avs"',
    '  location = "westeurope"',
    '}',
    '',
  );
  let k = 0;
  while (out.length < targetLines) {
    const a = onPrem[k % onPrem.length];
    const b = onPrem[(k * 7 + 3) % onPrem.length] === a ? onPrem[(k + 1) % onPrem.length] : onPrem[(k * 7 + 3) % onPrem.length];
    const id = `${a.id.replace(/-/g, '_')}_${k}`;
    push(
      `resource "hcx_location" "${id}" {`,
      `  city      = "${a.metro.city}"`,
      `  country   = "Somewhere"`,
      `  latitude  = ${a.lat}`,
      `  longitude = ${a.lon}`,
      '}',
      '',
      `resource "hcx_site_pairing" "${id}" {`,
      `  url      = "https://hcx-cloud.${b.id}.example.net"`,
      '  username = "cloudadmin@vmc.local"',
      '  password = var.hcx_password',
      '}',
      '',
      `resource "hcx_compute_profile" "${id}" {`,
      `  name               = "cp-${a.id}-${k}"`,
      `  datacenter         = "${a.id.toUpperCase()}"`,
      `  cluster            = "${a.id}-cl01"`,
      `  datastore          = "${a.id}-vsan"`,
      `  dvs                = "${a.id}-vds01"`,
      '  service { name = "INTERCONNECT" }',
      '  service { name = "VMOTION" }',
      '  service { name = "NETWORK_EXTENSION" }',
      '}',
      '',
      `resource "hcx_service_mesh" "${id}" {`,
      `  name                   = "${a.id}-${b.id}-${k}"`,
      `  site_pairing           = hcx_site_pairing.${id}`,
      `  local_compute_profile  = hcx_compute_profile.${id}.name`,
      `  remote_compute_profile = "cp-${b.id}"`,
      `  uplink_max_bandwidth   = ${r.pick([1000, 10000])}`,
      '  service { name = "INTERCONNECT" }',
      `  service { name = "${r.pick(['VMOTION', 'RAV', 'BULK_MIGRATION'])}" }`,
      '  service { name = "NETWORK_EXTENSION" }',
      '}',
      '',
      `resource "hcx_l2_extension" "${id}" {`,
      `  site_pairing    = hcx_site_pairing.${id}`,
      `  service_mesh_id = hcx_service_mesh.${id}.id`,
      `  source_network  = "dvpg-app-${100 + k}"`,
      '  network_type    = "DistributedVirtualPortgroup"',
      `  destination_t1  = "t1-${b.id}"`,
      `  gateway         = "10.${k % 250}.0.1"`,
      '  netmask         = "255.255.255.0"',
      `  mon             = ${r.chance(0.5)}`,
      '}',
      '',
    );
    if (k % 4 === 0) {
      push(
        `resource "vsphere_compute_cluster" "${id}" {`,
        `  name          = "${a.id}-${b.id}-stretched-${k}"`,
        `  datacenter_id = "datacenter-${k}"`,
        '  vsan_enabled  = true',
        '  vsan_stretched_cluster {',
        `    preferred_fault_domain_host_ids = ["host-${a.id}-1", "host-${a.id}-2"]`,
        `    secondary_fault_domain_host_ids = ["host-${b.id}-1", "host-${b.id}-2"]`,
        `    witness_node                    = "host-witness-${k}"`,
        '  }',
        '}',
        '',
      );
    }
    if (k % 5 === 0) {
      push(
        `resource "azurerm_vmware_private_cloud" "${id}" {`,
        `  name                = "avs-${k}"`,
        '  resource_group_name = azurerm_resource_group.avs.name',
        `  location            = "${r.pick(['westeurope', 'northeurope', 'uksouth', 'eastus', 'southeastasia', 'australiaeast'])}"`,
        '  sku_name            = "av36p"',
        `  network_subnet_cidr = "10.${60 + (k % 100)}.0.0/22"`,
        '  management_cluster {',
        '    size = 3',
        '  }',
        '}',
        '',
      );
    }
    k++;
  }
  return out.join('\n') + '\n';
}

/** The same kind of one-line edit for Terraform: the latitude of the middle hcx_location. */
export function terraformEditTarget(text) {
  const lines = text.split('\n');
  const lat = [];
  for (let i = 0; i < lines.length; i++) if (/^\s+latitude\s+= /.test(lines[i])) lat.push(i);
  const line = lat[Math.floor(lat.length / 2)];
  return numberEdit(lines, line);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [kind, size, seed] = process.argv.slice(2);
  const n = Number(size ?? 10);
  const s = Number(seed ?? 1);
  process.stdout.write(kind === 'terraform' ? generateTerraform(n, s) : generateTopology(n, s));
}
