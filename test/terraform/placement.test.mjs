// Terraform placement from names (issue 9.4): the workspace topology first, then `places:` pins of
// .dci-lint.yaml, then the gazetteer's inference from the names the module writes (HCX URLs, NSX display
// names, vSphere host / datacenter / tag names); stated places (hcx_location city and country) are not
// inferred; explicit coordinates always win; an inferred placement never yields an error.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '../../dist');
const core = createRequire(import.meta.url)(join(dist, 'core.js'));

before(async () => {
  await core.initTerraform(dist);
});

/** On-premises HCX at `local` paired with `remote` (host names), with vMotion, plus extra HCL. */
const hcx = (local, remote, extra = '') => [
  {
    file: 'names/main.tf',
    text:
      `provider "hcx" {\n  hcx = "https://hcx-conn.${local}.example.net"\n}\n` +
      `resource "hcx_site_pairing" "p" {\n  url = "https://hcx-cloud.${remote}.example.net"\n}\n` +
      `resource "hcx_service_mesh" "m" {\n  site_pairing = hcx_site_pairing.p\n  service { name = "VMOTION" }\n}\n${extra}`,
  },
];
const rules = (r) => r.findings.map((f) => `${f.severity} ${f.ruleId}`).sort();
const config = (text) => core.parseConfig(text, '.dci-lint.yaml').config;

test('host names place both HCX ends (inferred): the intercontinental vMotion is found, at most a warning', () => {
  const r = core.lintTerraformModule(hcx('fra1', 'syd2'));
  assert.deepEqual(rules(r), ['info inferred-location', 'info inferred-location', 'warning vmotion-rtt']);
  const local = r.designs[0].sites.get('hcx-conn.fra1.example.net');
  assert.equal(local.placement.place.name, 'Frankfurt am Main');
  assert.deepEqual(local.placement.inferred, { token: 'fra', from: 'name', what: 'the hcx URL of provider hcx' });
  // Reported where the name is written: the URL string.
  const text = hcx('fra1', 'syd2')[0].text;
  assert.equal(text.slice(local.idLoc.start, local.idLoc.end), '"https://hcx-conn.fra1.example.net"');
  assert.match(r.findings.find((f) => f.ruleId === 'vmotion-rtt').message, /At most a warning/);
});

test('a workspace topology beside the module wins over names', () => {
  // The topology says fra1 is in Sydney (a deliberate oddity): the topology wins, nothing is inferred.
  const topo = core.lintTopology('t.dci.yaml', 'dci: 1\nsites:\n  fra1:\n    location: { lat: -33.9173, lon: 151.1851 }\n').designs[0];
  const r = core.lintTerraformModule(hcx('fra1', 'syd2'), { topology: topo });
  const fra1 = r.designs[0].sites.get('fra1');
  assert.match(fra1.placement.origin, /^topology site fra1/);
  assert.equal(fra1.placement.inferred, undefined);
  assert.ok(!r.findings.some((f) => f.ruleId === 'vmotion-rtt'), 'both ends in Sydney now');
});

test('places: in .dci-lint.yaml pins a name (stated, not inferred: errors stay errors); infer_from_names: false turns inference off', () => {
  const pinned = core.lintTerraformModule(hcx('fra1', 'syd2'), { config: config('places:\n  fra1: "Frankfurt am Main, DE"\n  hcx-cloud.syd2.example.net: [-33.87, 151.21]\n') });
  assert.deepEqual(rules(pinned), ['error vmotion-rtt']);
  const s = pinned.designs[0].sites.get('hcx-conn.fra1.example.net');
  assert.match(s.placement.origin, /`fra1` in places: of \.dci-lint\.yaml -> Frankfurt am Main, Germany/);
  const off = core.lintTerraformModule(hcx('fra1', 'syd2'), { config: config('placement:\n  infer_from_names: false\n') });
  assert.deepEqual(rules(off), ['info unresolved-location', 'info unresolved-location']);
  assert.match(off.findings[0].message, /placement from names is off/);
});

test('names that point at different cities place nothing, and say which', () => {
  const r = core.lintTerraformModule(hcx('fra1', 'syd2', 'resource "hcx_compute_profile" "cp" {\n  datacenter = "Berlin-DC1"\n}\n'));
  const local = r.designs[0].sites.get('hcx-conn.fra1.example.net');
  assert.equal(local.placement, undefined);
  assert.match(local.unresolved.reason, /its names point at different places: `fra` in the hcx URL of provider hcx \(Frankfurt am Main, Germany\) and `Berlin` in datacenter of hcx_compute_profile\.cp \(Berlin, Germany\)/);
  assert.ok(!r.findings.some((f) => f.ruleId === 'vmotion-rtt'));
});

test('explicit coordinates and a stated city beat names; an unknown city is unknown-place, never guessed', () => {
  const loc = (body) => `resource "hcx_location" "dc" {\n${body}\n}\n`;
  const coords = core.lintTerraformModule(hcx('syd1', 'syd2', loc('  latitude  = 50.11\n  longitude = 8.68')));
  // The local end is the hcx_location (not syd1 of its URL); the remote syd2 is still inferred, so a warning.
  assert.deepEqual(rules(coords), ['info inferred-location', 'warning vmotion-rtt']);
  const dcc = coords.designs[0].sites.get('hcx_location.dc');
  assert.match(dcc.placement.origin, /\(50\.11, 8\.68\)/);
  assert.equal(dcc.placement.inferred, undefined);
  assert.equal(coords.designs[0].sites.get('hcx-conn.syd1.example.net'), undefined);
  const city = core.lintTerraformModule(hcx('syd1', 'syd2', loc('  city    = "Frankfurt"\n  country = "DE"')));
  const dc = city.designs[0].sites.get('hcx_location.dc');
  assert.equal(dc.placement.place.name, 'Frankfurt am Main');
  assert.equal(dc.placement.inferred, undefined);
  const typo = core.lintTerraformModule(hcx('syd1', 'syd2', loc('  city    = "Frnkfurt"\n  country = "DE"')));
  const f = typo.findings.find((x) => x.ruleId === 'unknown-place');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.data.suggestions.slice(0, 1), ['Frankfurt am Main, DE']);
  assert.equal(typo.designs[0].sites.get('hcx_location.dc').placement, undefined);
});

test('NSX display names as public samples write them ("LM_Paris", "nsx-london") place the locations', () => {
  const text =
    'data "nsxt_policy_site" "paris" {\n  display_name = "LM_Paris"\n}\ndata "nsxt_policy_site" "london" {\n  display_name = "nsx-london"\n}\n' +
    'data "nsxt_policy_site" "ny" {\n  display_name = "nsx-ny"\n}\n';
  const r = core.lintTerraformModule([{ file: 'nsx/main.tf', text }]);
  const s = r.designs[0].sites;
  assert.equal(s.get('data.nsxt_policy_site.paris').placement.place.name, 'Paris');
  assert.equal(s.get('data.nsxt_policy_site.london').placement.place.name, 'London');
  assert.equal(s.get('data.nsxt_policy_site.ny').placement, undefined, 'two letters never place a site');
});

test('property: a design placed only from names never yields an error', () => {
  const codes = ['fra1', 'syd2', 'ams1', 'lhr3', 'sin1', 'nyc2', 'jfk1', 'hkg1', 'gru1', 'lis1', 'mad2', 'osl1', 'corp', 'dc01'];
  fc.assert(
    fc.property(fc.constantFrom(...codes), fc.constantFrom(...codes), (a, b) => {
      const r = core.lintTerraformModule(hcx(a, b));
      assert.ok(!r.findings.some((f) => f.severity === 'error'), `${a} -> ${b}: ${r.findings.map((f) => f.message).join(' | ')}`);
    }),
    { numRuns: 80, seed: 9 },
  );
});

test('a vSphere datacenter both sides of a stretched cluster share places neither; one per side places each', () => {
  const tf = (dcA, dcB) => [
    {
      file: 'vs/main.tf',
      text:
        `data "vsphere_datacenter" "a" {\n  name = "${dcA}"\n}\ndata "vsphere_datacenter" "b" {\n  name = "${dcB}"\n}\n` +
        `data "vsphere_host" "a" {\n  name          = "esx01.corp.example.net"\n  datacenter_id = data.vsphere_datacenter.a.id\n}\n` +
        `data "vsphere_host" "b" {\n  name          = "esx02.corp.example.net"\n  datacenter_id = data.vsphere_datacenter.${dcA === dcB ? 'a' : 'b'}.id\n}\n` +
        `resource "vsphere_compute_cluster" "c" {\n  name = "cl01"\n  vsan_stretched_cluster {\n    preferred_fault_domain_host_ids = [data.vsphere_host.a.id]\n    secondary_fault_domain_host_ids = [data.vsphere_host.b.id]\n  }\n}\n`,
    },
  ];
  const same = core.lintTerraformModule(tf('Amsterdam', 'Amsterdam')).designs[0].sites;
  assert.deepEqual([...same.values()].map((s) => s.placement), [undefined, undefined], 'one shared datacenter says nothing about either side');
  const apart = core.lintTerraformModule(tf('Amsterdam', 'Frankfurt'));
  assert.deepEqual([...apart.designs[0].sites.values()].map((s) => s.placement.place.name), ['Amsterdam', 'Frankfurt am Main']);
  assert.deepEqual(rules(apart), ['info inferred-location', 'info inferred-location', 'warning vsan-stretched-rtt']);
});
