// Places by name through the CLI: `rtt` with place names and negative coordinates, designs written with
// place strings or bare ids against their coordinate twins, `.dci-lint.yaml` places/placement, and
// related locations relative to the working directory in json and sarif.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const repo = new URL('../../', import.meta.url).pathname;
const cli = join(repo, 'dist/cli.js');
const run = (args, cwd = repo) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
function tmp(files) {
  const dir = mkdtempSync(join(tmpdir(), 'dci-places-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('rtt "Frankfurt am Main, DE" "Sydney, AU": about 16,480 km and a 161 ms lower bound, with the origins', () => {
  const r = run(['rtt', 'Frankfurt am Main, DE', 'Sydney, AU', '--json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.ok(Math.abs(j.distanceKm - 16480) < 20, String(j.distanceKm));
  assert.equal(Math.round(j.lowerBoundMs), 161);
  assert.match(j.from.origin, /^Frankfurt am Main, Germany/);
  assert.match(j.to.origin, /^Sydney, Australia/);
  const text = run(['rtt', 'Frankfurt am Main, DE', 'Sydney, AU']).out;
  assert.match(text, /distance {5}16,478\.18 km/);
  assert.match(text, /lower bound {2}161\.4 ms RTT/);
});

test('rtt: IATA codes, and negative coordinates without `--`', () => {
  const iata = JSON.parse(run(['rtt', 'FRA', 'SYD', '--json']).out);
  assert.match(iata.from.origin, /IATA FRA/);
  assert.equal(Math.round(iata.lowerBoundMs), 161);
  const neg = run(['rtt', '50.11,8.68', '-33.87,151.21', '--json']);
  assert.equal(neg.code, 0, neg.err);
  assert.equal(Math.round(JSON.parse(neg.out).lowerBoundMs), 161);
  assert.equal(run(['rtt', '-33.87,151.21', '-37.81,144.96']).code, 0);
  assert.equal(run(['rtt', '--json', '--', '50.11,8.68', '-33.87,151.21']).code, 0);
});

test('rtt: an unknown place is a usage error with suggestions, an ambiguous one lists candidates; nothing is guessed', () => {
  const typo = run(['rtt', 'Frnkfurt', 'SYD']);
  assert.equal(typo.code, 2);
  assert.match(typo.err, /"Frnkfurt" is not .* Did you mean "Frankfurt am Main, DE"/);
  const amb = run(['rtt', 'Hyderabad', 'SYD']);
  assert.equal(amb.code, 2);
  assert.match(amb.err, /"Hyderabad, IN", "Hyderabad, PK"/);
  assert.equal(run(['rtt', '-x', 'SYD']).code, 2);
});

const MIGRATION = (a, b) => `migrations:
  - { name: m, method: vmotion, platform: { product: vsphere, version: "5.1" }, path: [${a}, ${b}] }
`;

function findings(dir, file, extra = []) {
  const r = run([file, '--format', 'json', ...extra], dir);
  return JSON.parse(r.out)[0].findings;
}

test('a design with place strings gets the findings of its coordinate twin', () => {
  const dir = tmp({
    'coords.dci.yaml': `dci: 1\nsites:\n  fra1: { location: [50.1155, 8.6842] }\n  lis1: { location: [38.7167, -9.1333] }\n${MIGRATION('fra1', 'lis1')}`,
    'names.dci.yaml': `dci: 1\nsites:\n  fra1: { location: "Frankfurt am Main, DE" }\n  lis1: { location: "LIS" }\n${MIGRATION('fra1', 'lis1')}`,
  });
  const a = findings(dir, 'coords.dci.yaml').map((f) => `${f.ruleId}:${f.severity}:${f.data.rttMs}`);
  const b = findings(dir, 'names.dci.yaml').map((f) => `${f.ruleId}:${f.severity}:${f.data.rttMs}`);
  assert.deepEqual(b, a);
  assert.deepEqual(a, ['vmotion-rtt:error:28.02']);
});

test('ids only: the same findings, capped at warning, plus one inferred-location info per site; coordinates win', () => {
  const dir = tmp({ 'ids.dci.yaml': `dci: 1\nsites:\n  fra1: {}\n  lis1: {}\n${MIGRATION('fra1', 'lis1')}` });
  const f = findings(dir, 'ids.dci.yaml');
  assert.deepEqual(f.map((x) => `${x.ruleId}:${x.severity}`), ['inferred-location:info', 'inferred-location:info', 'vmotion-rtt:warning']);
  const vm = f.find((x) => x.ruleId === 'vmotion-rtt');
  assert.equal(vm.data.rttMs, 28.02);
  assert.deepEqual(vm.data.inferredSites, ['fra1', 'lis1']);
  assert.match(vm.message, /At most a warning: these sites were placed from a name/);
  // Explicit coordinates beat the name: `lis1` at Sydney is Sydney.
  const twin = tmp({ 'x.dci.yaml': `dci: 1\nsites:\n  fra1: { location: [50.1155, 8.6842] }\n  lis1: { name: Lisbon, location: [-33.8678, 151.2073] }\n${MIGRATION('fra1', 'lis1')}` });
  const g = findings(twin, 'x.dci.yaml');
  assert.deepEqual(g.map((x) => `${x.ruleId}:${x.severity}`), ['vmotion-rtt:error']);
  assert.ok(g[0].data.distanceKm > 16000);
});

test('a typo in a place string: unknown-place error with the suggestion, nothing guessed, quick fix data', () => {
  const dir = tmp({ 't.dci.yaml': `dci: 1\nsites:\n  fra1: { location: "Frnkfurt" }\n  lis1: { location: "Lisbon, PT" }\n${MIGRATION('fra1', 'lis1')}` });
  const f = findings(dir, 't.dci.yaml');
  assert.deepEqual(f.map((x) => `${x.ruleId}:${x.severity}:${x.line}:${x.column}`), ['unknown-place:error:3:21']);
  assert.equal(f[0].data.suggestions[0], 'Frankfurt am Main, DE');
});

test('.dci-lint.yaml: places pins a name (stated: errors stay errors); infer_from_names: false turns inference off', () => {
  const design = `dci: 1\nsites:\n  nsx-milan: {}\n  lis1: {}\n${MIGRATION('nsx-milan', 'lis1')}`;
  const pinned = tmp({ '.dci-lint.yaml': 'places:\n  nsx-milan: "Milan, IT"\n  lis1: [38.7167, -9.1333]\n', 'd.dci.yaml': design });
  assert.deepEqual(findings(pinned, 'd.dci.yaml').map((x) => `${x.ruleId}:${x.severity}`), ['vmotion-rtt:error']);
  const off = tmp({ '.dci-lint.yaml': 'placement:\n  infer_from_names: false\n', 'd.dci.yaml': design });
  const f = findings(off, 'd.dci.yaml');
  assert.deepEqual(f.map((x) => `${x.ruleId}:${x.severity}`), ['unresolved-location:info', 'unresolved-location:info']);
  assert.match(f[0].message, /infer_from_names/);
  const bad = tmp({ '.dci-lint.yaml': 'places:\n  x: "Frnkfurt"\n', 'd.dci.yaml': design });
  const r = run(['d.dci.yaml'], bad);
  assert.equal(r.code, 2);
  assert.match(r.err, /"Frnkfurt" is not a place DCI Lint knows\. Did you mean: "Frankfurt am Main, DE"/);
});

test('json and sarif: related locations are relative to the working directory, like the finding\'s file', () => {
  const dir = tmp({ 'sub/d.dci.yaml': `dci: 1\nsites:\n  fra1: { location: [50.1155, 8.6842] }\n  syd1: { location: [-33.8678, 151.2073] }\n${MIGRATION('fra1', 'syd1')}` });
  const json = JSON.parse(run(['sub', '--format', 'json'], dir).out);
  assert.equal(json[0].file, 'sub/d.dci.yaml');
  const related = json[0].findings.flatMap((f) => f.related);
  assert.ok(related.length > 0);
  for (const r of related) assert.equal(r.file, 'sub/d.dci.yaml');
  const sarif = JSON.parse(run(['sub', '--format', 'sarif'], dir).out);
  const uris = sarif.runs[0].results.flatMap((r) => (r.relatedLocations ?? []).map((l) => l.physicalLocation.artifactLocation.uri));
  assert.ok(uris.length > 0);
  for (const u of uris) assert.equal(u, 'sub/d.dci.yaml');
});
