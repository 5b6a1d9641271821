// Terraform as teams write it, at the API: module sources resolved on paths and URIs, module trees,
// JSON syntax errors, and the bounds that keep hostile instance counts and module loops fast.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '../../dist');
const core = createRequire(import.meta.url)(join(dist, 'core.js'));

before(async () => {
  await core.initTerraform(dist);
});

const HCX = `terraform {
  required_providers {
    hcx = { source = "vmware/hcx" }
  }
}
provider "hcx" {
  hcx = "https://hcx-conn.fra1.example.net"
}
resource "hcx_location" "fra1" {
  latitude  = 50.11
  longitude = 8.68
}
`;

test('moduleDir resolves local sources on paths, Windows paths and URIs; registry and git sources are not local', () => {
  assert.equal(core.moduleDir('/w/root/main.tf', './modules/mesh'), '/w/root/modules/mesh');
  assert.equal(core.moduleDir('/w/root/modules/mesh/main.tf', '../../common/net'), '/w/root/common/net');
  assert.equal(core.moduleDir('file:///w/root/main.tf', './modules/x'), 'file:///w/root/modules/x');
  assert.equal(core.moduleDir('C:\\w\\root\\main.tf', '.\\modules\\x'), 'C:\\w\\root\\modules\\x');
  assert.equal(core.moduleDir('/w/root/main.tf', 'terraform-aws-modules/vpc/aws'), undefined);
  assert.equal(core.moduleDir('/w/root/main.tf', 'git::https://example.com/net.git'), undefined);
});

test('collectModuleTree reads nested local modules once, through a reader; a loop stops', () => {
  const disk = {
    '/r': [{ file: '/r/main.tf', text: 'module "a" {\n  source = "./a"\n}\nmodule "b" {\n  source = "./a"\n}\n' }],
    '/r/a': [{ file: '/r/a/main.tf', text: 'module "l" {\n  source = "../a"\n}\nmodule "n" {\n  source = "./n"\n}\n' }],
    '/r/a/n': [{ file: '/r/a/n/main.tf', text: 'variable "x" {}\n' }],
  };
  const reads = [];
  const tree = core.collectModuleTree(disk['/r'], (d) => (reads.push(d), disk[d]));
  assert.deepEqual(Object.keys(tree).sort(), ['/r/a', '/r/a/n']);
  assert.deepEqual(reads, ['/r/a', '/r/a/n']);
  // linting it: the module that calls itself is one info, not a hang
  const { findings } = core.lintTerraformModule(disk['/r'], { modules: tree });
  // one finding per module block (module.b.module.l is the same block)
  assert.deepEqual(
    findings.map((f) => `${f.ruleId} ${f.data.module}`),
    ['unresolved-location module.a.module.l'],
  );
  assert.match(findings[0].message, /calls a module that calls it/);
});

test('hostile counts: count = 1e9, for_each over range(), modules multiplying instances stay bounded', () => {
  const text = `${HCX}
resource "hcx_location" "many" {
  count     = 1000000000
  latitude  = 1
  longitude = count.index
}
module "m" {
  source = "./m"
  count  = 1000
}
`;
  const child = `module "n" {
  source = "./n"
  count  = 1000
}
`;
  const leaf = `resource "hcx_location" "x" {
  for_each  = toset([for i in range(1000) : tostring(i)])
  latitude  = 1
  longitude = 2
}
`;
  const t0 = Date.now();
  const r = core.lintTerraformModule([{ file: '/h/main.tf', text }], {
    modules: { '/h/m': [{ file: '/h/m/main.tf', text: child }], '/h/m/n': [{ file: '/h/m/n/main.tf', text: leaf }] },
  });
  const ms = Date.now() - t0;
  assert.ok(ms < 20000, `${ms} ms`);
  assert.ok(r.designs[0].sites.size <= 5001, `${r.designs[0].sites.size} sites`);
});

test('Terraform JSON syntax: a broken file is a syntax finding at the error, nothing else', () => {
  const text = '{\n  "resource": {\n    "hcx_location": { "a": { "latitude": 1, } }\n  }\n}\n';
  const { findings } = core.lintTerraformModule([{ file: '/j/main.tf.json', text }]);
  assert.deepEqual(findings.map((f) => f.ruleId), ['syntax']);
  assert.match(findings[0].message, /trailing commas/);
  assert.equal(text.slice(findings[0].loc.start, findings[0].loc.start + 1), '}');
  const arr = core.lintTerraformModule([{ file: '/j/main.tf.json', text: '[]' }]).findings;
  assert.match(arr[0].message, /is one object; this one is an array/);
});

test('JSON syntax: "${x}" alone is the value itself; literal strings, escapes and "$${" stay text', () => {
  const text = JSON.stringify({
    variable: { r: { default: 'EU_CENTRAL_1' }, lit: { default: '${not evaluated}' } },
    locals: { q: '${upper("ap_southeast_2")}', esc: 'a$${b}' },
    resource: {
      vmc_sddc: {
        a: { sddc_name: 'a', region: '${var.r}' },
        b: { sddc_name: 'b', region: '${local.q}' },
      },
    },
  }, null, 2);
  const { designs } = core.lintTerraformModule([{ file: '/j/main.tf.json', text }]);
  const origin = (id) => designs[0].sites.get(id).placement.origin.split(' ')[0];
  assert.equal(origin('vmc_sddc.a'), 'aws:eu-central-1');
  assert.equal(origin('vmc_sddc.b'), 'aws:ap-southeast-2');
});

test('index(list, value) leads a Traffic Manager endpoint to its target (test/fixtures/terraform/traffic-manager-targets): both apps placed, the steered service in priority order', async () => {
  const { readFileSync } = await import('node:fs');
  const file = join(here, '../fixtures/terraform/traffic-manager-targets/main.tf');
  const { designs } = core.lintTerraformModule([{ file, text: readFileSync(file, 'utf8') }], {});
  const [tm] = designs[0].services;
  const where = (ref) => designs[0].sites.get(ref.id)?.placement?.origin ?? 'unplaced';
  assert.deepEqual(tm.sites.map(where), ['azure:uksouth (London)', 'azure:northeurope (Dublin (Ireland))', 'unplaced']);
  assert.equal(tm.distribution, 'active-passive');
});
