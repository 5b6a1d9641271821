// Managed multi-region data and traffic steering read from real Terraform resources: what each becomes
// in the design (product, regions in order, leader, consistency; services with their distribution),
// and the Cosmos DB fix applied to the HCL and linted again.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '../../dist');
const core = createRequire(import.meta.url)(join(dist, 'core.js'));
const fixtures = join(here, '../fixtures/terraform');
const EXPECT_LINE = /^\s*(#|\/\/)\s*\^+ .*\n/gm;

function module(name) {
  const dir = join(fixtures, name);
  return readdirSync(dir)
    .filter((f) => /\.tf$/.test(f))
    .map((f) => ({ file: `${name}/${f}`, text: readFileSync(join(dir, f), 'utf8').replace(EXPECT_LINE, '') }));
}

const lint = (files) => core.lintTerraformModule(files);
const ids = (refs) => refs.map((r) => r.id);

before(async () => {
  await core.initTerraform(dist);
});

test('Cosmos DB: regions by failover priority, consistency and multi-region writes; the fix writes BoundedStaleness', () => {
  const files = module('cosmos-weu-aue-strong');
  const { designs, findings } = lint(files);
  const [orders, carts] = designs[0].replication;
  assert.equal(orders.product, 'cosmosdb');
  assert.deepEqual(ids(orders.sites), ['azure:westeurope', 'azure:australiaeast']);
  assert.equal(orders.consistency, 'strong');
  assert.equal(carts.multiRegionWrites, true);
  const blocked = findings.find((f) => f.ruleId === 'managed-replication' && f.data.limitKm === 8000);
  assert.ok(blocked.data.distanceKm > 16000);
  const fix = blocked.fixes[0];
  assert.equal(fix.edits[0].newText, 'BoundedStaleness');
  const text = files[0].text;
  const e = fix.edits[0];
  const fixed = [{ ...files[0], text: text.slice(0, e.start) + e.newText + text.slice(e.end) }];
  assert.match(fixed[0].text, /consistency_level = "BoundedStaleness"/);
  assert.deepEqual(
    lint(fixed)
      .findings.filter((f) => f.data.replication === 'azurerm_cosmosdb_account.orders')
      .map((f) => f.message),
    [],
  );
});

test('Aurora global database: primary first (the member the other waits for), through provider aliases', () => {
  const { designs } = lint(module('aurora-global-use1-euw1'));
  const [aurora, rds] = designs[0].replication;
  assert.deepEqual([aurora.product, ...ids(aurora.sites)], ['aurora-global', 'aws:us-east-1', 'aws:eu-west-1']);
  assert.deepEqual([rds.product, ...ids(rds.sites)], ['rds-cross-region', 'aws:us-east-1', 'aws:eu-west-1']);
  // the member order in the file does not decide the primary
  const files = module('aurora-global-use1-euw1');
  const swapped = files[0].text.replace(
    /resource "aws_rds_cluster" "primary" \{[\s\S]*?\n\}\n\n(resource "aws_rds_cluster" "secondary" \{[\s\S]*?\n\}\n)/,
    (all, second) => `${second}\n${all.slice(0, all.length - second.length)}`,
  );
  assert.notEqual(swapped, files[0].text);
  assert.deepEqual(ids(lint([{ ...files[0], text: swapped }]).designs[0].replication[0].sites), ['aws:us-east-1', 'aws:eu-west-1']);
});

test('DynamoDB global table: the table region, then each replica; a table without replicas is no replication', () => {
  const { designs } = lint(module('dynamodb-global-3-continents'));
  assert.deepEqual(
    designs[0].replication.map((r) => [r.name, r.product, ...ids(r.sites)]),
    [['aws_dynamodb_table.sessions', 'dynamodb-global', 'aws:us-east-1', 'aws:eu-west-1', 'aws:ap-southeast-2']],
  );
});

test('Spanner: a custom config by name (witness left out, leader marked), a base config from the table, a regional one ignored', () => {
  const custom = lint(module('spanner-custom-3-continents')).designs[0].replication[0];
  assert.deepEqual(ids(custom.sites), ['gcp:us-central1', 'gcp:asia-northeast1', 'gcp:europe-west4']);
  assert.equal(custom.leader.id, 'gcp:us-central1');
  const nam3 = lint(module('spanner-nam3')).designs[0].replication;
  assert.deepEqual(
    nam3.map((r) => [r.name, r.leader.id, ...ids(r.sites)]),
    [['google_spanner_instance.orders', 'gcp:us-east4', 'gcp:us-east4', 'gcp:us-east1']],
  );
});

test('traffic steering: Traffic Manager, Route 53 latency records and Global Accelerator become services', () => {
  const { designs, findings } = lint(module('traffic-steering'));
  assert.deepEqual(findings, []);
  assert.deepEqual(
    designs[0].services.map((s) => [s.name, s.distribution, ...ids(s.sites)]),
    [
      ['azurerm_traffic_manager_profile.web', 'gslb', 'azure:westeurope', 'azure:eastus'],
      ['web.example.com', 'gslb', 'aws:us-east-1', 'aws:eu-central-1', 'aws:ap-southeast-2'],
      ['aws_globalaccelerator_accelerator.api', 'anycast', 'aws:us-east-1', 'aws:eu-central-1'],
    ],
  );
  // Priority routing: the first endpoint by priority is the active site
  const files = module('traffic-steering');
  const text = files[0].text
    .replace('traffic_routing_method = "Performance"', 'traffic_routing_method = "Priority"')
    .replace('endpoint_location = "westeurope"', 'endpoint_location = "westeurope"\n  priority          = 2')
    .replace('endpoint_location = "eastus"', 'endpoint_location = "eastus"\n  priority          = 1');
  const tm = lint([{ ...files[0], text }]).designs[0].services[0];
  assert.deepEqual([tm.distribution, ...ids(tm.sites)], ['active-passive', 'azure:eastus', 'azure:westeurope']);
});
