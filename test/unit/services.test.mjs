// Users, services and managed replication: placement like sites, the RTT users see, and the quick fixes
// of user-latency, cross-site-dependency and follow-the-sun applied to real text and linted again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const core = createRequire(import.meta.url)('../../dist/core.js');
const examples = new URL('../../examples/', import.meta.url).pathname;

function apply(text, fix) {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

const lint = (text, file = 'x.dci.yaml') => core.lintTopology(file, text);
const of = (findings, id) => findings.filter((f) => f.ruleId === id);

test('a user group is placed exactly as a site with the same location or region', () => {
  const forms = ['{ lat: -33.87, lon: 151.21 }', '[-33.87, 151.21]'];
  for (const form of forms) {
    const text = `dci: 1\nsites:\n  s: { location: ${form} }\nusers:\n  - { name: u, location: ${form} }\n`;
    const d = lint(text).designs[0];
    assert.deepEqual(d.users[0].place.placement, d.sites.get('s').placement, form);
  }
  const d = lint('dci: 1\nsites:\n  s: { region: azure:westeurope }\nusers:\n  - { name: u, region: azure:westeurope }\n').designs[0];
  assert.deepEqual(d.users[0].place.placement, d.sites.get('s').placement);
  // the same problems, named as a user group
  const bad = lint('dci: 1\nsites:\n  s: { region: aws:eu-west-1 }\nusers:\n  - { name: u, location: [95, 120] }\n  - { name: v, region: aws:eu-wset-1 }\n').findings;
  assert.deepEqual(
    bad.map((f) => [f.ruleId, f.message]),
    [
      ['invalid-location', 'User group `u` cannot be placed: latitude 95 is outside [-90, 90].'],
      ['unknown-region', 'Unknown region `aws:eu-wset-1` for user group `v`. `eu-wset-1` is not in the aws region catalogue. Did you mean `aws:eu-west-1`?'],
    ],
  );
});

test('users reach a site over the internet model: fiber lower bound, 1.74 x route and 5 ms', () => {
  const d = lint('dci: 1\nsites:\n  fra1: { location: [50.0994, 8.6270] }\n').designs[0];
  const model = new core.RttModel(d);
  const p = model.fromPoint('users', 40.7128, -74.006, 'fra1');
  assert.equal(p.basis, 'internet');
  assert.equal(Math.round(p.distanceKm), 6216);
  assert.equal(p.lowerBoundMs, Math.round(p.distanceKm * 2 * 1.4682 / 299.792458 * 100) / 100);
  assert.ok(Math.abs(p.rttMs - (p.lowerBoundMs * 1.74 + 5)) < 0.02, `${p.rttMs}`);
  assert.equal(model.fromPoint('users', 0, 0, 'nowhere'), undefined);
});

test('user-latency: the fix adds the instance that serves the group, and the finding is gone', () => {
  const text = readFileSync(new URL('../../docs/rules/user-latency.md', import.meta.url), 'utf8').match(/```yaml\n(dci: 1[\s\S]*?)```/)[1];
  const [f] = of(lint(text).findings, 'user-latency');
  assert.equal(f.severity, 'error');
  assert.equal(f.data.users, 'apac');
  assert.equal(f.data.site, 'iad1');
  assert.equal(f.fixes.length, 1);
  const fixed = apply(text, f.fixes[0]);
  assert.match(fixed, /sites: \[fra1, iad1, syd1\]/);
  assert.deepEqual(lint(fixed).findings, []);
});

test('user-latency: a block list gets a new entry at its indentation', () => {
  const text = 'dci: 1\nsites:\n  fra1: { location: [50.1, 8.6] }\n  syd1: { location: [-33.9, 151.2] }\nusers:\n  - { name: apac, location: [-33.87, 151.21] }\nservices:\n  - name: web\n    sites:\n      - fra1\n    rtt_slo_ms: 50\n';
  const [f] = of(lint(text).findings, 'user-latency');
  const fixed = apply(text, f.fixes[0]);
  assert.match(fixed, /sites:\n {6}- fra1\n {6}- syd1\n/);
  assert.deepEqual(lint(fixed).findings, []);
});

test('cross-site-dependency: the preferred fix puts the dependency at the worst caller site', () => {
  const text = readFileSync(new URL('../../docs/rules/cross-site-dependency.md', import.meta.url), 'utf8').match(/```yaml\n(dci: 1[\s\S]*?)```/)[1];
  const [f] = of(lint(text).findings, 'cross-site-dependency');
  assert.equal(f.data.fixSite, 'fra1');
  assert.equal(f.data.roundTrips, 12);
  assert.equal(f.data.costMs, Math.round(12 * f.data.rttMs * 100) / 100);
  const fixed = apply(text, f.fixes.find((x) => x.preferred));
  assert.deepEqual(lint(fixed).findings, []);
});

test('cross-site-dependency: with several caller sites over budget, the preferred fix adds an instance at each and clears the finding', () => {
  const text = 'dci: 1\nsites:\n  fra1: { location: [50.1, 8.6] }\n  sin1: { location: [1.35, 103.8] }\n  iad1: { region: aws:us-east-1 }\nservices:\n  - name: web\n    sites: [fra1, sin1, iad1]\n    distribution: gslb\n    depends_on:\n      - { service: db, round_trips: 12 }\n  - name: db\n    sites:\n      - iad1\n';
  const [f] = of(lint(text).findings, 'cross-site-dependency');
  assert.deepEqual(f.data.sites, ['sin1', 'fra1']);
  assert.deepEqual(f.fixes.map((x) => [x.title, !!x.preferred]), [
    ['Add instances of db at `sin1`, `fra1`', true],
    ['Add an instance of db at `sin1`', false],
    ['Add an instance of db at `fra1`', false],
  ]);
  const fixed = apply(text, f.fixes.find((x) => x.preferred));
  assert.match(fixed, /sites:\n {6}- iad1\n {6}- sin1\n {6}- fra1\n/);
  assert.deepEqual(lint(fixed).findings, []);
  // one of them alone leaves the finding, about the other site
  assert.deepEqual(of(lint(apply(text, f.fixes[1])).findings, 'cross-site-dependency').map((x) => x.data.site), ['fra1']);
});

test('cross-site-dependency: the budget is configurable', () => {
  const text = 'dci: 1\nsites:\n  a: { location: [50.1, 8.6] }\n  b: { location: [48.85, 2.35] }\nservices:\n  - name: web\n    sites: [a]\n    depends_on: [{ service: db, round_trips: 5 }]\n  - name: db\n    sites: [b]\n';
  assert.deepEqual(of(lint(text).findings, 'cross-site-dependency'), []);
  const { config } = core.parseConfig('rules:\n  cross-site-dependency: { requestBudgetMs: 20 }\n', '.dci-lint.yaml');
  const found = of(core.lintTopology('x.dci.yaml', text, { config }).findings, 'cross-site-dependency');
  assert.equal(found.length, 1);
  assert.equal(found[0].data.budgetMs, 20);
});

test('follow-the-sun: the fix rewrites the migration into a GSLB service with user stubs, and lints without it', () => {
  const text = readFileSync(examples + 'follow-the-sun.dci.yaml', 'utf8');
  const [f] = of(lint(text).findings, 'follow-the-sun');
  assert.equal(f.fixes.length, 1);
  const fixed = apply(text, f.fixes[0]);
  const after = lint(fixed);
  assert.deepEqual(after.findings.filter((x) => ['follow-the-sun', 'vmotion-rtt', 'schema', 'syntax'].includes(x.ruleId)), []);
  const d = after.designs[0];
  assert.equal(d.migrations.length, 0);
  assert.deepEqual(d.services.map((s) => [s.name, s.sites.map((r) => r.id), s.distribution]), [['follow-the-sun-web', ['syd1', 'fra1', 'nyc1'], 'gslb']]);
  assert.deepEqual(d.users.map((u) => u.name), ['users-near-syd1', 'users-near-fra1', 'users-near-nyc1']);
  assert.ok(d.users.every((u) => u.place.placement));
});

test('follow-the-sun: with services and users already there and other migrations kept', () => {
  const text = [
    'dci: 1',
    'sites:',
    '  syd1: { location: [-33.9, 151.2] }',
    '  fra1: { location: [50.1, 8.6] }',
    '  nyc1: { location: [40.8, -74.0] }',
    'migrations:',
    '  - name: sun',
    '    method: vmotion',
    '    path: [syd1, fra1, nyc1]',
    '    schedule: follow-the-sun',
    '  - name: keep',
    '    method: cold',
    '    path: [fra1, nyc1]',
    'services:',
    '    - name: api',
    '      sites: [fra1]',
    'users:',
    '  - { name: emea, location: [50.1, 8.7] }',
    '',
  ].join('\n');
  const [f] = of(lint(text).findings, 'follow-the-sun');
  const fixed = apply(text, f.fixes[0]);
  const after = lint(fixed);
  assert.deepEqual(after.findings.filter((x) => x.severity === 'error' || x.ruleId === 'follow-the-sun'), [], fixed);
  const d = after.designs[0];
  assert.deepEqual(d.migrations.map((m) => m.name), ['keep']);
  assert.deepEqual(d.services.map((s) => s.name), ['api', 'sun']);
  assert.deepEqual(d.users.map((u) => u.name), ['emea', 'users-near-syd1', 'users-near-fra1', 'users-near-nyc1']);
  // flow-style sections are not rewritten
  const flow = text.replace('services:\n    - name: api\n      sites: [fra1]', 'services: [{ name: api, sites: [fra1] }]');
  assert.deepEqual(of(lint(flow).findings, 'follow-the-sun')[0].fixes, []);
});

test('managed replication: mode is optional for managed products only; sync-replication-rtt leaves them alone', () => {
  const text = 'dci: 1\nsites:\n  weu: { region: azure:westeurope }\n  aue: { region: azure:australiaeast }\nreplication:\n  - { name: a, product: cosmosdb, consistency: strong, sites: [weu, aue] }\n  - { name: b, product: vplex-metro, sites: [weu, aue] }\n  - { name: c, mode: synchronous, product: spanner, leader: weu, sites: [weu, aue] }\n';
  const findings = lint(text).findings;
  assert.deepEqual(
    findings.map((f) => [f.ruleId, f.severity, f.data.replication ?? f.data.path]),
    [
      ['managed-replication', 'error', 'a'],
      ['schema', 'error', 'replication.1'],
      ['managed-replication', 'error', 'c'],
    ],
  );
  assert.equal(findings[0].data.limitKm, 8000);
  assert.match(findings[0].data.source, /learn\.microsoft\.com\/azure\/cosmos-db\/consistency-levels/);
});
