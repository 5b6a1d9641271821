// Terraform plan JSON (`terraform show -json PLANFILE`): the fixtures under test/fixtures/terraform/plan-*
// hold a plan.json written to the documented format (developer.hashicorp.com/terraform/internals/json-format),
// with the configuration it was planned from beside it or not. Expectations: inline in the .tf files,
// and in plan.json.expect for findings located in the plan itself.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { actualFrom, compare } from '../helpers/expectations.mjs';
import { readFolder, expectationsOf } from '../helpers/terraform.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '../../dist');
const core = createRequire(import.meta.url)(join(dist, 'core.js'));
const root = join(here, '../fixtures/terraform');
const plans = readdirSync(root).filter((n) => n.startsWith('plan-')).sort();

before(async () => {
  await core.initTerraform(dist);
});

function lintPlan(dir) {
  const file = join(dir, 'plan.json');
  const configuration = readFolder(dir);
  const modules = core.collectModuleTree(configuration, readFolder);
  return { file, configuration, ...core.lintTerraformPlan({ file, text: readFileSync(file, 'utf8') }, { configuration, modules }) };
}

for (const name of plans) {
  test(`plan fixture ${name}`, () => {
    const dir = join(root, name);
    const { file, configuration, findings } = lintPlan(dir);
    assert.ok(core.isPlanJson(readFileSync(file, 'utf8')), 'detected as a plan by its shape');
    const problems = [];
    for (const f of [{ file, text: readFileSync(file, 'utf8') }, ...configuration]) {
      const { missing, extra, ok } = compare(expectationsOf(f), actualFrom(findings, f.text, f.file));
      if (!ok) problems.push(`${name}/${f.file.split('/').pop()}: missing [${missing.join('; ')}] extra [${extra.join('; ')}]`);
    }
    assert.deepEqual(problems, [], `\n${problems.join('\n')}\n${findings.map((f) => `  ${f.loc.file.split('/').pop()}@${f.loc.start} ${f.severity} ${f.ruleId}: ${f.message}`).join('\n')}`);
    for (const f of findings) assert.equal(typeof f.data.address, 'string', `data.address on ${f.ruleId}`);
  });
}

test('a plan gives the findings of its configuration, with every value resolved', () => {
  const { findings } = lintPlan(join(root, 'plan-fra-syd'));
  const addresses = findings.map((f) => `${f.ruleId} ${f.data.address}`).sort();
  assert.deepEqual(addresses, [
    'stretched-l2-distance hcx_l2_extension.vlan["120"]',
    'stretched-l2-distance hcx_l2_extension.vlan["130"]',
    'vmotion-rtt hcx_service_mesh.cloud',
  ]);
  const vm = findings.find((f) => f.ruleId === 'vmotion-rtt');
  assert.equal(vm.data.limitMs, 150);
  assert.ok(vm.data.lowerBoundMs > 150, 'Frankfurt-Sydney: light in fiber alone is over the limit');
});

test('CLI: a plan in every output format; data.address in JSON and SARIF', () => {
  const cli = join(dist, 'cli.js');
  const plan = relative(process.cwd(), join(root, 'plan-only/plan.json'));
  const run = (...args) => spawnSync(process.execPath, [cli, plan, ...args], { encoding: 'utf8' });
  const json = run('--format', 'json');
  assert.equal(json.status, 1, json.stderr);
  const reports = JSON.parse(json.stdout);
  const all = reports.flatMap((r) => r.findings);
  assert.deepEqual(all.map((f) => `${f.ruleId} ${f.data.address}`).sort(), [
    'stretched-l2-distance hcx_l2_extension.vlan["120"]',
    'stretched-l2-distance hcx_l2_extension.vlan["130"]',
    'vmotion-rtt hcx_service_mesh.cloud',
  ]);
  assert.ok(reports.every((r) => r.file.endsWith('plan.json')));
  const sarif = JSON.parse(run('--format', 'sarif').stdout);
  assert.equal(sarif.runs[0].results.length, 3);
  assert.ok(sarif.runs[0].results.every((r) => r.locations[0].physicalLocation.artifactLocation.uri.endsWith('plan.json')));
  const stylish = run();
  assert.equal(stylish.status, 1);
  assert.match(stylish.stdout, /89:15 +error +.*vmotion-rtt/);
  const github = run('--format', 'github');
  assert.match(github.stdout, /^::error file=.*plan\.json,line=89,/m);
  // beside its configuration, the same findings land on the .tf lines
  const beside = JSON.parse(spawnSync(process.execPath, [cli, '--format', 'json', relative(process.cwd(), join(root, 'plan-fra-syd/plan.json'))], { encoding: 'utf8' }).stdout);
  assert.deepEqual(
    beside.flatMap((r) => r.findings.map((f) => `${r.file.split('/').pop()}:${f.line} ${f.ruleId}`)).sort(),
    ['main.tf:46 vmotion-rtt', 'main.tf:59 stretched-l2-distance', 'main.tf:59 stretched-l2-distance'],
  );
});
