// The Terraform entry point as the CLI and the server use it: findings of the designs, fixes
// that really fix, suppressions, variables, provider addresses, incremental reparse, and no throw on
// half-typed HCL.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '../../dist');
const core = createRequire(import.meta.url)(join(dist, 'core.js'));
const fixtures = join(here, '../fixtures/terraform');
const EXPECT_LINE = /^\s*(#|\/\/)\s*\^+ .*\n/gm;

/** A fixture module without its expectation lines, under short file keys. */
function module(name) {
  const dir = join(fixtures, name);
  return readdirSync(dir)
    .filter((f) => /\.tf$|\.tfvars$/.test(f))
    .sort()
    .map((f) => ({ file: `${name}/${f}`, text: readFileSync(join(dir, f), 'utf8').replace(EXPECT_LINE, '') }));
}

function applyEdits(text, edits) {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

const at = (files, f) => {
  const text = files.find((x) => x.file === f.loc.file).text;
  return text.slice(f.loc.start, f.loc.end);
};

before(async () => {
  await Promise.all([core.initTerraform(dist), core.initTerraform(dist)]); // idempotent, concurrent calls share one load
  await core.initTerraform(dist);
});

test('before initTerraform: one syntax finding, no throw', () => {
  const out = execFileSync(process.execPath, ['-e', `const c = require(${JSON.stringify(join(dist, 'core.js'))}); console.log(JSON.stringify(c.lintTerraformModule([{ file: 'a.tf', text: 'x = 1' }])))`]).toString();
  const r = JSON.parse(out);
  assert.equal(r.findings.length, 1);
  assert.equal(r.findings[0].ruleId, 'syntax');
  assert.match(r.findings[0].message, /initTerraform/);
});

test('Frankfurt on-premises -> VMC Sydney: vmotion-rtt on the VMOTION service, stretched-l2-distance on the extension', () => {
  const files = module('hcx-fra-syd');
  const { findings, designs } = core.lintTerraformModule(files);
  const vm = findings.filter((f) => f.ruleId === 'vmotion-rtt');
  assert.equal(vm.length, 1);
  assert.equal(vm[0].severity, 'error');
  assert.equal(at(files, vm[0]), 'service { name = "VMOTION" }');
  assert.equal(vm[0].data.limitMs, 150);
  assert.ok(vm[0].data.lowerBoundMs > 160 && vm[0].data.lowerBoundMs < 162, `lower bound ${vm[0].data.lowerBoundMs}`);
  assert.deepEqual(vm[0].data.sites, ['hcx_location.fra1', 'vmc_sddc.syd']);
  const l2 = findings.filter((f) => f.ruleId === 'stretched-l2-distance');
  assert.deepEqual(l2.map((f) => at(files, f)), ['service { name = "NETWORK_EXTENSION" }', 'source_network  = "dvpg-app-120"']);
  // The verdict: an error on the service mesh (live migration cannot cross 161 ms), a warning on the
  // extension (layer 2 crosses any distance; it is a failure-domain risk, not a physical impossibility).
  assert.deepEqual(l2.map((f) => f.severity), ['warning', 'warning']);
  const [d] = designs;
  assert.equal(d.sites.get('vmc_sddc.syd').placement.origin, 'aws:ap-southeast-2 (Sydney)');
  assert.deepEqual(d.migrations.map((m) => [m.method, m.path.map((r) => r.id)]), [['hcx-vmotion', ['hcx_location.fra1', 'vmc_sddc.syd']]]);
});

test('the same design to a cloud region in the same metro is clean', () => {
  const { findings, designs } = core.lintTerraformModule(module('hcx-fra-metro'));
  assert.deepEqual(findings, []);
  assert.equal(designs[0].sites.get('vmc_sddc.fra').placement.origin, 'aws:eu-central-1 (Frankfurt)');
});

test('quick fixes are HCL edits that remove the finding', () => {
  const files = module('hcx-fra-syd');
  const hcx = files.find((f) => f.file.endsWith('hcx.tf'));
  const { findings } = core.lintTerraformModule(files);
  const vm = findings.find((f) => f.ruleId === 'vmotion-rtt');
  assert.deepEqual(vm.fixes.map((x) => [x.title, x.preferred]), [
    ['Switch the service to `BULK_MIGRATION` (no RTT limit: replicate, then reboot)', true],
    ['Remove the `VMOTION` service from the service mesh', false],
  ]);
  const switched = applyEdits(hcx.text, vm.fixes[0].edits);
  assert.match(switched, /service \{ name = "BULK_MIGRATION" \}/);
  const dropped = applyEdits(hcx.text, vm.fixes[1].edits);
  assert.doesNotMatch(dropped.slice(dropped.indexOf('hcx_service_mesh')), /VMOTION/);
  const trombone = findings.find((f) => f.ruleId === 'gateway-trombone');
  const withMon = applyEdits(hcx.text, [...vm.fixes[0].edits, ...trombone.fixes[0].edits]);
  assert.match(withMon, /\n  mon = true\n\}/);
  const after = core.lintTerraformModule(files.map((f) => (f === hcx ? { ...f, file: 'fixed/hcx.tf', text: withMon } : f))).findings;
  assert.deepEqual(after.filter((f) => f.ruleId === 'vmotion-rtt' || f.ruleId === 'gateway-trombone' || f.ruleId === 'syntax'), []);
});

test('syntax fixes: inserting the missing } or closing the string leaves no syntax error', () => {
  for (const name of ['broken-missing-brace', 'broken-unterminated-string']) {
    const files = module(name);
    const main = files.find((f) => f.file.endsWith('main.tf'));
    const syntax = core.lintTerraformModule(files).findings.filter((f) => f.ruleId === 'syntax');
    assert.equal(syntax.length, 1, name);
    const fixed = applyEdits(main.text, syntax[0].fixes[0].edits);
    const again = core.lintTerraformModule([{ file: `${name}-fixed.tf`, text: fixed }]).findings.filter((f) => f.ruleId === 'syntax');
    assert.deepEqual(again, [], name);
  }
});

test('HCL messages name the problem', () => {
  const msg = (text) => core.lintTerraformModule([{ file: `m${text.length}.tf`, text }]).findings.filter((f) => f.ruleId === 'syntax').map((f) => f.message);
  assert.deepEqual(msg('resource "a" "b" {\n  x = 1\n\nresource "c" "d" {\n  y = 2\n}\n'), ['Missing `}`: the block `resource "a" "b"` opened on line 1 is not closed before line 4.']);
  assert.match(msg('resource "a" "b" {\n  x = "abc\n}\n')[0], /^Unterminated string: the `"` on line 2 has no closing quote/);
  assert.deepEqual(msg('resource "a" "b"\n\nresource "c" "d" {\n}\n'), ['Block header `resource "a" "b"` has no `{`: a block\'s body starts with `{` on the header line.']);
  assert.deepEqual(msg('resource "a" "b" {\n  x =\n  y = 2\n}\n'), ['Attribute `x` has no value after `=`.']);
  assert.match(msg('resource "a"\n  "b" {\n}\n')[0], /^Block header `resource "a" "b"` spans lines 1-2/);
  assert.deepEqual(msg('resource "a" "b" {\n  x = <<EOT\nhello\n}\n'), ['Unterminated heredoc: `<<EOT` on line 2 has no closing line `EOT`.']);
  assert.deepEqual(msg('locals {\n  x = [\n    "a",\n}\n'), ['`[` on line 2 is not closed: add `]`.']);
  assert.deepEqual(msg('resource "a" "b" {\n  x = 1\n}\n'), []);
});

test('suppression comments: // and # on the line above, and for the file', () => {
  const files = module('hcx-fra-syd');
  const hcx = files.find((f) => f.file.endsWith('hcx.tf'));
  const i = hcx.text.lastIndexOf('  service { name = "VMOTION" }'); // the mesh's, not the compute profile's
  const text = `${hcx.text.slice(0, i)}  // dci-lint-ignore: vmotion-rtt -- migration window agreed\n${hcx.text.slice(i)}`;
  const withFile = `# dci-lint-ignore-file: gateway-trombone\n${text}`;
  const { findings } = core.lintTerraformModule(files.map((f) => (f === hcx ? { ...f, text: withFile } : f)));
  assert.equal(findings.find((f) => f.ruleId === 'vmotion-rtt').suppressed, true);
  assert.equal(findings.find((f) => f.ruleId === 'gateway-trombone').suppressed, true);
  assert.ok(findings.filter((f) => f.ruleId === 'stretched-l2-distance').every((f) => !f.suppressed));
});

test('variables: terraform.tfvars and *.auto.tfvars in Terraform order, -var-file and -var through options', () => {
  const base = module('unresolved');
  const region = (r) => r.designs[0].sites.get('vmc_sddc.cloud');
  assert.match(region(core.lintTerraformModule(base)).unresolved.reason, /set in prod\.tfvars, which Terraform reads only with -var-file/);
  const withVarFile = core.lintTerraformModule(base, { varFiles: ['unresolved/prod.tfvars'] });
  assert.equal(region(withVarFile).placement.origin, 'aws:ap-southeast-2 (Sydney)');
  const withVar = core.lintTerraformModule(base, { vars: { region: 'us-west-2' } });
  assert.equal(region(withVar).placement.origin, 'aws:us-west-2 (Boardman (Oregon))');
  const auto = [
    ...base,
    { file: 'unresolved/terraform.tfvars', text: 'region = "EU_CENTRAL_1"\n' },
    { file: 'unresolved/b.auto.tfvars', text: 'region = "eu-west-2"\n' },
    { file: 'unresolved/a.auto.tfvars', text: 'region = "eu-west-1"\n' },
  ];
  assert.equal(region(core.lintTerraformModule(auto)).placement.origin.split(' ')[0], 'aws:eu-west-2');
  const json = [...base, { file: 'unresolved/terraform.tfvars.json', text: '{\n  "region": "ap-northeast-1"\n}\n' }];
  assert.equal(region(core.lintTerraformModule(json)).placement.origin.split(' ')[0], 'aws:ap-northeast-1');
});

test('provider source addresses: old, new and mirrored accepted by type name; a foreign provider with the same prefix is not read, and one info says so', () => {
  const files = module('hcx-fra-syd');
  const versions = files.find((f) => f.file.endsWith('versions.tf'));
  const count = (source) =>
    core.lintTerraformModule(files.map((f) => (f === versions ? { ...f, text: f.text.replace('"vmware/hcx"', `"${source}"`) } : f))).findings.filter((f) => f.ruleId === 'vmotion-rtt').length;
  assert.equal(count('vmware/hcx'), 1);
  assert.equal(count('adeleporte/hcx'), 1);
  assert.equal(count('registry.terraform.io/vmware/hcx'), 1);
  // Issue 9.5: a private registry mirror or the pre-0.13 namespace is the same provider (type name `hcx`).
  assert.equal(count('registry.example.com/vmware/hcx'), 1);
  assert.equal(count('terraform-providers/hcx'), 1);
  assert.equal(count('example/hcx'), 1);
  assert.equal(count('example/hcx-fork'), 0);
  const fork = core.lintTerraformModule(files.map((f) => (f === versions ? { ...f, text: f.text.replace('"vmware/hcx"', '"example/hcx-fork"') } : f)));
  const info = fork.findings.filter((f) => f.ruleId === 'unresolved-location' && f.data.provider === 'hcx');
  assert.equal(info.length, 1);
  assert.equal(info[0].severity, 'info');
  assert.equal(info[0].loc.file, versions.file);
  assert.match(info[0].message, /`example\/hcx-fork`, which is not a provider DCI Lint reads .* are not read/);
});

test('topology names place on-premises sites; one name matching two sites is reported, not guessed', () => {
  const topoText = 'dci: 1\nsites:\n  fra1:\n    location: { lat: 50.0994, lon: 8.6270 }\n  syd1:\n    location: { lat: -33.9173, lon: 151.1851 }\n';
  const topology = core.lintTopology('t.dci.yaml', topoText).designs[0];
  const tf = (url) => [
    { file: 'topo/main.tf', text: `provider "hcx" {\n  hcx = "https://hcx.fra1.example.net"\n}\nresource "hcx_site_pairing" "p" {\n  url = "${url}"\n}\nresource "hcx_service_mesh" "m" {\n  site_pairing = hcx_site_pairing.p\n  service { name = "VMOTION" }\n}\n` },
  ];
  const r = core.lintTerraformModule(tf('https://hcx-cloud.syd1.example.net'), { topology });
  assert.deepEqual(r.findings.map((f) => [f.ruleId, f.severity]), [['vmotion-rtt', 'error']]);
  assert.match(r.designs[0].sites.get('syd1').placement.origin, /topology site syd1 .*named by "syd1" in the url of hcx_site_pairing\.p/);
  // No hcx_location and an anonymous URL: the compute profile's datacenter names the local site.
  const cp = tf('https://hcx-cloud.syd1.example.net');
  cp[0].text = cp[0].text.replace('hcx.fra1.example.net', 'hcx-conn.corp.example.net') + 'resource "hcx_compute_profile" "cp" {\n  datacenter = "FRA1"\n}\n';
  const viaProfile = core.lintTerraformModule(cp, { topology });
  assert.deepEqual(viaProfile.designs[0].migrations[0].path.map((r) => r.id), ['fra1', 'syd1']);
  assert.match(viaProfile.designs[0].sites.get('fra1').placement.origin, /named by "FRA1" in datacenter of hcx_compute_profile\.cp/);
  const amb = core.lintTerraformModule(tf('https://fra1-syd1.example.net'), { topology });
  assert.deepEqual(amb.findings.map((f) => f.ruleId), ['unresolved-location']);
  assert.match(amb.findings[0].message, /match several topology sites \(fra1, syd1\)/);
});

test('evaluation: locals, templates, conditionals, lookups, indexes and functions place a site', () => {
  const region = (expr) => {
    const text = `variable "sites" {
  default = { syd = { region = "ap-southeast-2" }, fra = { region = "EU_CENTRAL_1" } }
}
variable "list" {
  default = ["us-east-1", "us-west-2"]
}
variable "dr" {
  default = true
}
locals {
  prefix = "AP_SOUTH"
  map    = { a = "eu-west-1" }
}
resource "vmc_sddc" "x" {
  region = ${expr}
}
`;
    const site = core.lintTerraformModule([{ file: `eval/${expr.length}-${text.length}.tf`, text }]).designs[0].sites.get('vmc_sddc.x');
    return site.placement?.origin.split(' ')[0] ?? site.unresolved?.reason;
  };
  assert.equal(region('var.sites.syd.region'), 'aws:ap-southeast-2');
  assert.equal(region('var.sites["fra"].region'), 'aws:eu-central-1');
  assert.equal(region('"${local.prefix}EAST_2"'), 'aws:ap-southeast-2');
  assert.equal(region('var.dr ? var.list[1] : var.list[0]'), 'aws:us-west-2');
  assert.equal(region('lookup(local.map, "a", "x")'), 'aws:eu-west-1');
  assert.equal(region('lower(format("%s-%d", "EU-CENTRAL", 1))'), 'aws:eu-central-1');
  assert.equal(region('element(var.list, 2)'), 'aws:us-east-1');
  assert.equal(region('try(var.nope, "sa-east-1")'), 'aws:sa-east-1');
  assert.equal(region('1 + 1 == 2 ? "ca-central-1" : "x"'), 'aws:ca-central-1');
  assert.match(region('var.nope'), /variable `nope` is not declared in this module/);
  assert.match(region('module.net.region'), /no module call `module.net` in this module/);
  assert.match(region('each.value'), /only set in a resource or module with for_each/);
  assert.match(region('sha1("x")'), /function `sha1\(\)` is not evaluated/);
});

test('both ends in one module: the pairing URL names the other HCX provider, whose hcx_location places it', () => {
  const text = `provider "hcx" {
  hcx = "https://hcx-conn.fra1.example.net"
}
provider "hcx" {
  alias = "nyc"
  hcx   = "https://hcx-cloud.nyc1.example.net/"
}
resource "hcx_location" "fra1" {
  latitude  = 50.1
  longitude = 8.6
}
resource "hcx_location" "nyc1" {
  provider  = hcx.nyc
  latitude  = 40.7
  longitude = -74.0
}
resource "hcx_site_pairing" "p" {
  url = "https://HCX-CLOUD.nyc1.example.net:443"
}
resource "hcx_service_mesh" "m" {
  site_pairing = hcx_site_pairing.p
  service { name = "VMOTION" }
}
`;
  const { findings, designs } = core.lintTerraformModule([{ file: 'two-ends/main.tf', text }]);
  assert.deepEqual(findings, []); // about 92 ms: within HCX vMotion's 150
  assert.deepEqual(designs[0].migrations[0].path.map((r) => r.id), ['hcx_location.fra1', 'hcx_location.nyc1']);
});

test('incremental reparse gives the same findings as a fresh parse, whatever the edit', () => {
  const files = module('hcx-fra-syd');
  const hcx = files.find((f) => f.file.endsWith('hcx.tf'));
  const key = (fs) => JSON.stringify(fs.map((f) => [f.ruleId, f.loc.start, f.loc.end, f.message]));
  let current = hcx.text;
  fc.assert(
    fc.property(fc.nat(), fc.nat({ max: 12 }), fc.constantFrom('', '}', '{', '"', '\n', ' = ', 'x', 'service { name = "RAV" }\n', '# c\n'), (pos, del, ins) => {
      const p = pos % (current.length + 1);
      current = current.slice(0, p) + ins + current.slice(p + del);
      const edited = files.map((f) => (f === hcx ? { ...f, text: current } : f)); // same file key: incremental
      const fresh = files.map((f) => (f === hcx ? { ...f, file: `fresh-${p}-${del}/hcx.tf`, text: current } : f));
      const a = core.lintTerraformModule(edited).findings.filter((f) => f.loc.file === hcx.file);
      const b = core.lintTerraformModule(fresh).findings.filter((f) => f.loc.file.endsWith('/hcx.tf') && f.loc.file !== hcx.file);
      core.forgetTerraformFile(fresh.find((f) => f.file.startsWith('fresh-')).file);
      assert.equal(key(a), key(b));
    }),
    { numRuns: 60, seed: 42 },
  );
});

test('half-typed HCL never throws, and every finding stays inside its file', () => {
  const texts = ['hcx-fra-syd', 'avs-ams-sin', 'nsx-federation', 'vsphere-stretched', 'gcve-stretched'].flatMap((n) => module(n));
  fc.assert(
    fc.property(fc.integer({ min: 0, max: texts.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.constantFrom('', '{', '}', '"', '[', '(', '=', '${', '<<EOT\n', '\n', '.', '*')), { minLength: 1, maxLength: 6 }), (i, edits) => {
      let text = texts[i].text;
      for (const [pos, del, ins] of edits) {
        const p = pos % (text.length + 1);
        text = text.slice(0, p) + ins + text.slice(p + del);
      }
      const files = texts.map((f, j) => (j === i ? { file: `fuzz/${f.file}`, text } : f));
      const { findings } = core.lintTerraformModule(files);
      for (const f of findings) {
        const len = files.find((x) => x.file === f.loc.file)?.text.length;
        assert.ok(len !== undefined, `finding in an unknown file ${f.loc.file}`);
        assert.ok(f.loc.start >= 0 && f.loc.start <= f.loc.end && f.loc.end <= len, `${f.ruleId} ${f.loc.start}-${f.loc.end} of ${len}`);
        assert.notEqual(f.ruleId, 'internal', f.message);
      }
      core.forgetTerraformFile(`fuzz/${texts[i].file}`);
    }),
    { numRuns: 150, seed: 7 },
  );
});
