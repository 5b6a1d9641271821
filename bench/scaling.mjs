// Bad input at scale: "linear time in the input" measured. Designs that are wrong everywhere (an error
// on every site, an unknown site in every link, every site placed by name...), each analysed at n and at
// 4n entries in this process (after one run at n/4 so that V8 has compiled the code), median of `reps`.
// The growth factor is time(4n) / time(n): about 4 for linear time, 16 for quadratic. Before this stage
// existed, two kinds were quadratic (unknownKeyEverySite: 4.1 s at 12,000 sites; unknownSiteEveryLink:
// 7.4 s at 4,000).
//   node bench/scaling.mjs '{"dist": "dist", "n": 2000, "reps": 3}'  -> one JSON line on stdout

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { median } from './stats.mjs';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
const job = JSON.parse(process.argv[2] ?? '{}');
const dist = job.dist ?? join(root, 'dist');
const core = require(join(dist, 'core.js'));
await core.initTerraform(dist);

const loc = (i) => `{lat: ${(40 + (i % 200) * 0.05).toFixed(3)}, lon: ${(-5 + Math.floor(i / 200) * 0.05).toFixed(3)}}`;
const sites = (n, id = (i) => `s${i}`) => ['sites:', ...Array.from({ length: n }, (_, i) => `  ${id(i)}:\n    location: ${loc(i)}`)];

/** kind -> [what it is, n -> text, 'yaml' | 'terraform'] */
const KINDS = {
  unknownKeyEverySite: ['a schema error (an unknown key) on every site', (n) => ['sites:', ...Array.from({ length: n }, (_, i) => `  s${i}:\n    location: ${loc(i)}\n    colour: red`)].join('\n'), 'yaml'],
  unknownSiteEveryLink: ['every link names an unknown site (a typo of a real one)', (n) => [...sites(n, (i) => `site-${i}`), 'links:', ...Array.from({ length: n }, (_, i) => `  - between: [site-${i}, sitx-${i}]`)].join('\n'), 'yaml'],
  unknownPlaceEverySite: ['every site at a place the gazetteer does not know', (n) => ['sites:', ...Array.from({ length: n }, (_, i) => `  s${i}:\n    location: "Nowhereville${i}, ZZ"`)].join('\n'), 'yaml'],
  unknownRegionEverySite: ['every site in an unknown region', (n) => ['sites:', ...Array.from({ length: n }, (_, i) => `  s${i}:\n    region: aws:xx-nowhere-${i}`)].join('\n'), 'yaml'],
  inferredEverySite: ['every site placed from its name', (n) => ['sites:', ...Array.from({ length: n }, (_, i) => `  fra-dc${i}: {}`)].join('\n'), 'yaml'],
  duplicateSiteIds: ['every site id written twice', (n) => ['sites:', ...Array.from({ length: n }, (_, i) => `  s${i % (n / 2)}:\n    location: ${loc(i)}`)].join('\n'), 'yaml'],
  oneSegmentAllSites: ['one stretched segment over every site', (n) => [...sites(n), 'segments:', `  - name: v1\n    sites: [${Array.from({ length: n }, (_, i) => `s${i}`).join(', ')}]`].join('\n'), 'yaml'],
  usersTimesInstances: ['a user group per site, a service with an instance at every site', (n) => [...sites(n), 'users:', ...Array.from({ length: n }, (_, i) => `  - name: u${i}\n    location: ${loc(i + 7)}`), 'services:', `  - name: web\n    rtt_slo_ms: 1\n    instances: [${Array.from({ length: n }, (_, i) => `s${i}`).join(', ')}]`].join('\n'), 'yaml'],
  migrationEverySite: ['a live migration from every site', (n) => [...sites(n), 'migrations:', ...Array.from({ length: n }, (_, i) => `  - from: s${i}\n    to: s${(i * 7 + 1) % n}\n    type: vmotion`)].join('\n'), 'yaml'],
  followTheSunEveryMigration: ['a follow-the-sun migration from every site (each finding has a rewrite fix)', (n) => [...sites(n), 'migrations:', ...Array.from({ length: n }, (_, i) => `  - name: m${i}\n    method: vmotion\n    path: [s${i}, s${(i * 7 + 1) % n}, s${(i * 13 + 2) % n}]\n    schedule: follow-the-sun`)].join('\n'), 'yaml'],
  terraformRegionTypos: ['Terraform: resource groups in misspelt regions', (n) => Array.from({ length: n }, (_, i) => `resource "azurerm_resource_group" "r${i}" {\n  name     = "rg${i}"\n  location = "westeurop${i % 7}"\n}`).join('\n'), 'terraform'],
  terraformLocalsChain: ['Terraform: a chain of locals each naming the next', (n) => ['locals {', ...Array.from({ length: n }, (_, i) => `  a${i} = local.a${i + 1}`), `  a${n} = "westeurope"`, '}', `resource "azurerm_resource_group" "r" {\n  name     = "x"\n  location = local.a0\n}`].join('\n'), 'terraform'],
  terraformMissingRefs: ['Terraform: every network placed by a resource that does not exist', (n) => Array.from({ length: n }, (_, i) => `resource "azurerm_virtual_network" "v${i}" {\n  name                = "v${i}"\n  location            = azurerm_resource_group.missing${i}.location\n  resource_group_name = "x"\n  address_space       = ["10.0.0.0/16"]\n}`).join('\n'), 'terraform'],
};

let module = 0;
function analyse(kind, text) {
  const t = performance.now();
  const r = kind === 'yaml' ? core.lintTopology('/bench/scaling.dci.yaml', text) : core.lintTerraformModule([{ file: `/bench/m${module++}/main.tf`, text }], {});
  return { ms: performance.now() - t, findings: r.findings.length };
}

const n = job.n ?? 2000;
const reps = job.reps ?? 3;
const out = [];
for (const [name, [what, make, kind]] of Object.entries(KINDS)) {
  analyse(kind, make(n / 4));
  const at = (size) => {
    const text = make(size);
    const runs = Array.from({ length: reps }, () => analyse(kind, text));
    return { n: size, kb: Math.round(Buffer.byteLength(text) / 1024), ms: Math.round(median(runs.map((r) => r.ms))), findings: runs[0].findings };
  };
  const small = at(n);
  const large = at(4 * n);
  out.push({ kind: name, what, small, large, growth: Math.round((large.ms / Math.max(1, small.ms)) * 10) / 10 });
}
process.stdout.write(JSON.stringify(out) + '\n');
