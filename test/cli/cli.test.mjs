// The CLI end to end: the built dist/cli.js in a child process, its output formats and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const repo = new URL('../../', import.meta.url).pathname;
const cli = join(repo, 'dist/cli.js');

function run(args, opts = {}) {
  const env = opts.env ? { ...process.env, ...opts.env } : process.env;
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: opts.cwd ?? repo, encoding: 'utf8', timeout: 60_000, maxBuffer: 256 << 20, env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmp(files) {
  const dir = mkdtempSync(join(tmpdir(), 'dci-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const TWO_SITES = (extra = '') => `dci: 1
sites:
  fra1:
    location: { lat: 50.0994, lon: 8.6270 }
  nyc1:
    location: { lat: 40.7614, lon: -74.0048 }
${extra}`;

test('examples/: findings for vMotion, stretched L2 and follow-the-sun, exit 1', () => {
  const r = run(['examples/']);
  assert.equal(r.code, 1, r.err);
  for (const id of ['vmotion-rtt', 'stretched-l2-distance', 'follow-the-sun', 'gateway-trombone']) assert.match(r.out, new RegExp(`  ${id}$`, 'm'));
  assert.match(r.out, /✖ \d+ problems \(\d+ errors, \d+ warnings?, \d+ info\)/);
  // the sound designs are clean at warning and above
  assert.doesNotMatch(r.out, /metro-vsan|scale-out-gslb/);
});

test('--format json: the shape of cli.md, 1-based positions and the figures in data', () => {
  const r = run(['examples/follow-the-sun.dci.yaml', '--format', 'json']);
  assert.equal(r.code, 1);
  const [file] = JSON.parse(r.out);
  assert.equal(file.file, 'examples/follow-the-sun.dci.yaml');
  const vm = file.findings.filter((f) => f.ruleId === 'vmotion-rtt');
  assert.equal(vm.length, 2);
  const [hop1, hop2] = vm;
  assert.deepEqual([hop1.line, hop1.column, hop1.endLine, hop1.endColumn], [30, 12, 30, 22]);
  assert.deepEqual([hop2.line, hop2.column, hop2.endLine, hop2.endColumn], [30, 18, 30, 28]);
  assert.equal(hop1.severity, 'error');
  assert.deepEqual(hop1.data.sites, ['syd1', 'fra1']);
  assert.equal(hop1.data.limitMs, 10);
  assert.ok(Math.abs(hop1.data.lowerBoundMs - 161.4) < 0.5, `${hop1.data.lowerBoundMs}`);
  assert.equal(hop2.data.measured, true);
  assert.equal(hop2.data.rttMs, 78);
  assert.equal(hop1.suppressed, false);
  assert.equal(file.errorCount, file.findings.filter((f) => f.severity === 'error').length);
  assert.ok(hop1.related.some((x) => x.message.startsWith('site syd1')));
});

test('a sound design lints clean: exit 0 and no output', () => {
  const r = run(['examples/metro-vsan.dci.yaml', 'examples/scale-out-gslb.dci.yaml']);
  assert.equal(r.code, 0, r.out + r.err);
  assert.equal(r.out, '');
});

test('--format sarif validates against the SARIF 2.1.0 schema and keeps suppressed findings', () => {
  const dir = tmp({
    'd.dci.yaml': TWO_SITES(`migrations:
  - method: vmotion
    platform: { version: "5.5" }
    # dci-lint-ignore: vmotion-rtt -- accepted for the 2027 migration window
    path: [fra1, nyc1]
  - method: vmotion
    platform: { version: "4.1" }
    path: [fra1, nyc1]
`),
  });
  const r = run(['--format', 'sarif', 'd.dci.yaml'], { cwd: dir });
  assert.equal(r.code, 1, r.err);
  const log = JSON.parse(r.out);
  const Ajv = require('ajv-draft-04');
  const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  // the schema's patterns predate the u flag
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  const ok = ajv.validate(schema, log);
  assert.ok(ok, JSON.stringify(ajv.errors?.slice(0, 5), null, 1));
  const run0 = log.runs[0];
  assert.ok(run0.tool.driver.rules.every((rule) => rule.helpUri.endsWith(`docs/rules/${rule.id}.md`)));
  const results = run0.results.filter((x) => x.ruleId === 'vmotion-rtt');
  assert.equal(results.length, 2);
  assert.deepEqual(results[0].suppressions, [{ kind: 'inSource' }]);
  assert.equal(results[1].suppressions, undefined);
  assert.equal(results[1].relatedLocations.length, 2);
  assert.equal(results[1].locations[0].physicalLocation.region.startLine, 14);
});

test('--format github: workflow commands with escaped properties', () => {
  const r = run(['examples/stretched-vlan.dci.yaml', '--format', 'github', '--fail-on', 'warning']);
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n');
  assert.ok(
    lines.some((l) =>
      /^::warning file=examples\/stretched-vlan\.dci\.yaml,line=23,col=12,endLine=23,endColumn=30,title=dci-lint stretched-l2-distance::Segment app-vlan-120/.test(
        l,
      ),
    ),
    r.out,
  );
  assert.ok(lines.some((l) => l.startsWith('::notice ') && l.includes('gateway-trombone')));
});

test('exit codes: --fail-on, --max-warnings, --rule, --quiet', () => {
  const dir = tmp({ 'w.dci.yaml': TWO_SITES('replication:\n  - mode: synchronous\n    sites: [fra1, nyc1]\n    max_rtt_ms: 90\n') });
  // 91.5 ms estimate > 90 ms, lower bound 60.9 < 90: a warning only
  assert.equal(run(['w.dci.yaml'], { cwd: dir }).code, 0);
  assert.equal(run(['w.dci.yaml', '--fail-on', 'warning'], { cwd: dir }).code, 1);
  assert.equal(run(['w.dci.yaml', '--max-warnings', '0'], { cwd: dir }).code, 1);
  assert.equal(run(['w.dci.yaml', '--max-warnings', '1'], { cwd: dir }).code, 0);
  assert.equal(run(['w.dci.yaml', '--rule', 'sync-replication-rtt=error', '--format', 'json'], { cwd: dir }).code, 1);
  const off = run(['w.dci.yaml', '--rule', 'sync-replication-rtt=off', '--fail-on', 'info', '--format', 'json'], { cwd: dir });
  assert.equal(JSON.parse(off.out)[0].findings.length, 0);
  const quiet = run(['w.dci.yaml', '--quiet', '--format', 'json'], { cwd: dir });
  assert.equal(JSON.parse(quiet.out)[0].findings.length, 0);
});

test('suppression comments: kept in JSON as suppressed, ignored with --no-inline-suppressions', () => {
  const dir = tmp({ 's.dci.yaml': `# dci-lint-ignore-file: stretched-l2-distance\n${TWO_SITES('segments:\n  - name: s\n    sites: [fra1, nyc1]\n')}` });
  const r = run(['s.dci.yaml', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 0);
  const f = JSON.parse(r.out)[0];
  assert.equal(f.findings[0].ruleId, 'stretched-l2-distance');
  assert.equal(f.findings[0].suppressed, true);
  assert.equal(f.warningCount, 0);
  assert.equal(run(['s.dci.yaml', '--fail-on', 'warning'], { cwd: dir }).code, 0);
  assert.equal(run(['s.dci.yaml', '--no-inline-suppressions', '--fail-on', 'warning'], { cwd: dir }).code, 1);
});

test('.dci-lint.yaml: found upward, thresholds and levels apply; a broken one is exit 2', () => {
  const dir = tmp({
    '.dci-lint.yaml': 'rules:\n  vmotion-rtt: { vsphere6Ms: 50 }\n  bandwidth-delay: off\n',
    'sub/d.dci.yaml': TWO_SITES('migrations:\n  - method: vmotion\n    path: [fra1, nyc1]\n'),
  });
  const r = run(['sub', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 1, r.err);
  const vm = JSON.parse(r.out)[0].findings.find((f) => f.ruleId === 'vmotion-rtt');
  assert.equal(vm.data.limitMs, 50);
  assert.equal(vm.severity, 'error');
  const bad = tmp({ '.dci-lint.yaml': 'rules:\n  vmotion-rtt: sometimes\n', 'd.dci.yaml': TWO_SITES() });
  const b = run(['d.dci.yaml'], { cwd: bad });
  assert.equal(b.code, 2);
  assert.match(b.err, /\.dci-lint\.yaml:2:/);
  const viaFlag = run(['d.dci.yaml', '--config', join(dir, '.dci-lint.yaml')], { cwd: bad });
  assert.equal(viaFlag.code, 0, viaFlag.err);
});

test('a rule option of the wrong type is a configuration error (exit 2) naming the value and the default kept', () => {
  const dir = tmp({ '.dci-lint.yaml': 'rules:\n  vmotion-rtt: { vsphere6Ms: "abc" }\n', 'd.dci.yaml': TWO_SITES() });
  const r = run(['d.dci.yaml'], { cwd: dir });
  assert.equal(r.code, 2, r.out);
  assert.match(
    r.err,
    /\.dci-lint\.yaml:2:30: Option `vsphere6Ms` of rule `vmotion-rtt` must be a number in ms from 0 to 1000000000; got "abc": the rule keeps its default 150 ms\./,
  );
});

test('rules --json lists every option with type, unit, default, bounds, source and provenance', () => {
  const r = run(['rules', '--json']);
  assert.equal(r.code, 0);
  const rules = JSON.parse(r.out);
  const vm = rules.find((x) => x.id === 'vmotion-rtt');
  assert.deepEqual(Object.keys(vm.options), ['vsphere4Ms', 'vsphere5Ms', 'vsphere5OtherMs', 'vsphere6Ms', 'hcxMs']);
  assert.equal(vm.options.vsphere6Ms.default, 150);
  assert.equal(vm.options.vsphere6Ms.unit, 'ms');
  assert.equal(vm.options.vsphere6Ms.type, 'number');
  assert.equal(vm.options.vsphere6Ms.provenance.kind, 'vendor');
  assert.match(vm.options.vsphere6Ms.provenance.url, /^https:\/\/docs\.vmware\.com\//);
  assert.equal(vm.options.hcxMs.provenance.kind, 'heuristic');
  assert.match(vm.options.hcxMs.provenance.from.url, /GUID-3B41119A/, "HCX's figure is vSphere's vendor figure");
  assert.match(vm.options.hcxMs.source, /unconfirmed/);
  const sync = rules.find((x) => x.id === 'sync-replication-rtt');
  assert.equal(sync.options['pure-activeclusterMs'].default, 5);
  assert.equal(sync.options['vplex-metroMs'].default, 5);
  assert.equal(sync.options['vplex-metro-cross-connectMs'].default, 10);
  for (const key of ['srdf-sKm', 'ibm-hyperswapKm', 'netapp-metrocluster-fcKm']) assert.equal(sync.options[key].provenance.kind, 'heuristic', key);
});

test('usage errors exit 2 with a message; bad input is findings (exit 1), never a crash', () => {
  assert.equal(run(['--format', 'xml', 'examples/']).code, 2);
  assert.equal(run(['--bogus']).code, 2);
  assert.equal(run(['--rule', 'no-such-rule=off', 'examples/']).code, 2);
  assert.equal(run(['does/not/exist.dci.yaml']).code, 2);
  const dir = tmp({
    'broken.dci.yaml': 'dci: 1\nsites:\n  fra1: { location: [50.1, 8.6\n',
    'types.dci.yaml': 'dci: 1\nsites: [a, b]\nlinks: {x: 1}\n',
    'bomb.dci.yaml':
      'dci: 1\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nsites: {}\n',
    'unknown.dci.yaml': TWO_SITES('segments:\n  - sites: [fra1, fra9]\n'),
  });
  for (const name of ['broken', 'types', 'bomb', 'unknown']) {
    const r = run([`${name}.dci.yaml`, '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1, `${name}: ${r.err}`);
    const findings = JSON.parse(r.out)[0].findings;
    assert.ok(findings.length > 0, name);
    assert.ok(findings.every((f) => f.line >= 1 && f.column >= 1));
  }
  const bomb = JSON.parse(run(['bomb.dci.yaml', '--format', 'json'], { cwd: dir }).out)[0].findings;
  assert.match(bomb[0].message, /alias/);
});

test('rtt: the figures of cli.md for Frankfurt-Dublin', () => {
  const r = run(['rtt', '50.1109,8.6821', '53.3498,-6.2603', '--json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.ok(Math.abs(j.distanceKm - 1090) < 3, `${j.distanceKm}`);
  assert.ok(Math.abs(j.lowerBoundMs - 10.67) < 0.05, `${j.lowerBoundMs}`);
  assert.ok(j.estimateMs > j.lowerBoundMs);
  assert.deepEqual(Object.keys(j.model).sort(), ['medium', 'overheadMs', 'routeFactor']);
  const cloud = JSON.parse(run(['rtt', 'aws:eu-central-1', 'azure:northeurope', '--json']).out);
  assert.ok(cloud.model.overheadMs > 0);
  assert.equal(run(['rtt', 'aws:eu-central-9', '1,2']).code, 2);
  assert.equal(run(['rtt', '95,2', '1,2']).code, 2);
});

test('matrix: one entry per unordered pair in file order; 500 sites', () => {
  const r = run(['matrix', 'examples/follow-the-sun.dci.yaml', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const rows = JSON.parse(r.out);
  assert.deepEqual(
    rows.map((x) => `${x.from}-${x.to}`),
    ['syd1-fra1', 'syd1-nyc1', 'fra1-nyc1'],
  );
  assert.deepEqual(rows[1].path, ['syd1', 'fra1', 'nyc1']);
  assert.equal(rows[2].measured, true);
  let yaml = 'dci: 1\nsites:\n';
  for (let i = 0; i < 500; i++) yaml += `  s${i}:\n    location: { lat: ${((i * 37) % 170) - 85}, lon: ${((i * 71) % 360) - 180} }\n`;
  const dir = tmp({ 'big.dci.yaml': yaml });
  const csv = run(['matrix', 'big.dci.yaml', '--format', 'csv'], { cwd: dir });
  assert.equal(csv.code, 0, csv.err);
  assert.equal(csv.out.trim().split('\n').length, 1 + 124_750);
});

test('rtt: the estimate with its p10-p90 band and where each end was placed', () => {
  const j = JSON.parse(run(['rtt', 'aws:eu-central-1', 'aws:ap-southeast-2', '--json']).out);
  assert.ok(j.lowerBoundMs <= j.estimateLowMs && j.estimateLowMs < j.estimateMs && j.estimateMs < j.estimateHighMs, JSON.stringify(j));
  // AWS publishes 251.5 ms for this pair (data/rtt-calibration.csv): inside the band
  assert.ok(j.estimateLowMs <= 251.5 && 251.5 <= j.estimateHighMs, JSON.stringify(j));
  assert.deepEqual([j.from.origin, j.to.origin], ['aws:eu-central-1 (Frankfurt)', 'aws:ap-southeast-2 (Sydney)']);
  assert.equal(JSON.parse(run(['rtt', '50.1109,8.6821', '53.3498,-6.2603', '--json']).out).from.origin, 'coordinates');
  const text = run(['rtt', 'aws:eu-central-1', 'aws:ap-southeast-2']).out;
  assert.match(text, /estimate {5}≈ 252 ms, 80% between 225 and 278\n/);
});

// A tester saw `matrix` print an empty table for a root module whose sites are in a local module it calls
// (`map` and lint found them): it read the folder's own files only.
test('matrix: the sites of the modules a root module calls are in its matrix, as lint and map read them', () => {
  for (const [dir, pair] of [
    ['test/lsp/fixtures/module-called-from-examples/examples/global', ['azure:westeurope', 'azure:australiaeast']],
    ['test/fixtures/terraform/modules-registry', ['vmc_sddc.syd', 'hcx_location.fra1']],
  ]) {
    const r = run(['matrix', dir, '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out).map((x) => [x.from, x.to]), [pair], dir);
  }
});

test('matrix: a Terraform module folder or .tf file gives the matrix of its placed sites', () => {
  const dir = 'examples/terraform/hcx-frankfurt-sydney';
  for (const target of [dir, `${dir}/hcx.tf`]) {
    const r = run(['matrix', target, '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const rows = JSON.parse(r.out);
    assert.deepEqual(
      rows.map((x) => [x.from, x.to, x.fromOrigin]),
      [['vmc_sddc.syd', 'hcx_location.fra1', 'aws:ap-southeast-2 (Sydney)']],
    );
    // the same figures as the finding of `dci-lint` on the module
    const lint = JSON.parse(run([dir, '--format', 'json']).out).flatMap((f) => f.findings);
    const v = lint.find((f) => f.ruleId === 'vmotion-rtt');
    assert.equal(rows[0].estimateMs, v.data.rttMs);
    assert.deepEqual([rows[0].estimateLowMs, rows[0].estimateHighMs], [v.data.estimateLowMs, v.data.estimateHighMs]);
  }
  const empty = tmp({ 'notes.txt': 'nothing here' });
  const r = run(['matrix', empty]);
  assert.equal(r.code, 2);
  assert.match(r.err, /no Terraform files/);
});

test('matrix: above 200,000 pairs (worker threads) every pair once, in order, with the figures of the model', () => {
  const n = 640; // 204,480 pairs
  let yaml = 'dci: 1\nsites:\n';
  for (let i = 0; i < n; i++)
    yaml += `  s${i}:\n    ${i % 5 === 0 ? `region: ${['aws:eu-west-1', 'gcp:asia-northeast1', 'azure:eastus', 'oci:ap-sydney-1', 'aws:sa-east-1'][(i % 25) / 5]}` : `location: { lat: ${((i * 37) % 170) - 85}.${i % 7}, lon: ${((i * 71) % 360) - 180} }`}\n`;
  yaml += 'links:\n';
  for (let i = 1; i < 40; i++) yaml += `  - { between: [s${i - 1}, s${i}]${i % 3 === 0 ? ', rtt_ms: 200' : ''} }\n`;
  const dir = tmp({ 'big.dci.yaml': yaml });
  const r = run(['matrix', 'big.dci.yaml', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 0, r.err);
  const rows = JSON.parse(r.out);
  assert.equal(rows.length, (n * (n - 1)) / 2);
  const core = require('../../dist/core.js');
  const design = core.parseTopology(yaml, 'big.dci.yaml').designs[0];
  const model = new core.RttModel(design);
  let k = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++, k++) {
      const row = rows[k];
      assert.equal(`${row.from}-${row.to}`, `s${i}-s${j}`);
      if (k % 97 !== 0) continue;
      const p = model.pair(`s${i}`, `s${j}`);
      // the fast distance is within 2e-5 of GeographicLib's, and the bound never above the exact one
      assert.ok(Math.abs(row.distanceKm - p.distanceKm) <= p.distanceKm * 2e-5 + 0.01, `${row.distanceKm} vs ${p.distanceKm}`);
      assert.ok(row.lowerBoundMs <= p.lowerBoundMs + 0.005, `bound ${row.lowerBoundMs} vs ${p.lowerBoundMs}`);
      assert.ok(Math.abs(row.estimateMs - p.rttMs) <= 0.02 + p.rttMs * 1e-4, `estimate ${row.estimateMs} vs ${p.rttMs}`);
      assert.ok(Math.abs(row.estimateHighMs - p.estimateHighMs) <= 0.02 + p.rttMs * 1e-4);
      assert.deepEqual(row.path, p.path);
      assert.equal(row.measured, p.measured);
    }
});

/** A design of n sites for the matrix tests: cloud regions, coordinates, a chain of links (some measured, one microwave, one with a route). */
function matrixDesign(n, id = (i) => `s${i}`) {
  const q = (s) => JSON.stringify(s);
  let yaml = 'dci: 1\nsites:\n';
  const regions = ['aws:eu-west-1', 'gcp:asia-northeast1', 'azure:eastus', 'oci:ap-sydney-1', 'aws:sa-east-1'];
  for (let i = 0; i < n; i++) yaml += `  ${q(id(i))}:\n    ${i % 5 === 0 ? `region: ${regions[(i / 5) % 5]}` : `location: { lat: ${((i * 37) % 170) - 85}.${i % 7}, lon: ${((i * 71) % 360) - 180}.${i % 3} }`}\n`;
  yaml += 'links:\n';
  for (let i = 1; i < Math.min(n, 60); i++)
    yaml += `  - { between: [${q(id(i - 1))}, ${q(id(i))}]${i % 3 === 0 ? ', rtt_ms: 200' : ''}${i === 7 ? ', medium: microwave' : ''}${i === 11 ? ', route_km: 25000' : ''} }\n`;
  return yaml;
}

test('matrix: the worker threads, one thread, and paths walked instead of kept give the same bytes in every format', () => {
  const dir = tmp({ 'plain.dci.yaml': matrixDesign(260, (i) => (i % 17 === 3 ? `zürich-${i}` : `s${i}`)), 'quoted.dci.yaml': matrixDesign(40, (i) => (i % 9 === 4 ? `a,"b" ${i}` : `s${i}`)) });
  for (const file of ['plain.dci.yaml', 'quoted.dci.yaml'])
    for (const format of ['json', 'csv', 'table']) {
      const one = run(['matrix', file, '--format', format], { cwd: dir, env: { DCI_LINT_MATRIX_THREADS: '0' } });
      assert.equal(one.code, 0, one.err);
      const two = run(['matrix', file, '--format', format], { cwd: dir, env: { DCI_LINT_MATRIX_THREADS: '2' } });
      assert.equal(two.out, one.out, `${file} ${format}: two worker threads`);
      const walked = run(['matrix', file, '--format', format], { cwd: dir, env: { DCI_LINT_MATRIX_THREADS: '2', DCI_LINT_MATRIX_PATH_BYTES: '200' } });
      assert.equal(walked.out, one.out, `${file} ${format}: paths walked`);
    }
});

test('matrix: CSV and table rows carry the JSON figures as String and toFixed print them, JSON numbers as JSON.stringify does', () => {
  const dir = tmp({ 'm.dci.yaml': matrixDesign(120, (i) => (i % 13 === 5 ? `東京-${i}` : `s${i}`)) });
  const jsonText = run(['matrix', 'm.dci.yaml', '--format', 'json'], { cwd: dir }).out;
  const rows = JSON.parse(jsonText);
  assert.equal(rows.length, (120 * 119) / 2);
  // every number in the JSON text is in its shortest form (as JSON.stringify writes the parsed value)
  for (const m of jsonText.matchAll(/":(-?[\d.e+]+)/g)) assert.equal(JSON.stringify(Number(m[1])), m[1]);
  assert.ok(rows.some((r) => r.measured) && rows.some((r) => r.path.length > 2) && rows.some((r) => !Number.isInteger(r.distanceKm * 10)));
  const csv = run(['matrix', 'm.dci.yaml', '--format', 'csv'], { cwd: dir }).out.split('\n');
  const table = run(['matrix', 'm.dci.yaml', '--format', 'table'], { cwd: dir }).out.split('\n');
  rows.forEach((r, k) => {
    const figures = [r.distanceKm, r.lowerBoundMs, r.estimateMs, r.estimateLowMs, r.estimateHighMs];
    assert.equal(csv[k + 1], [r.from, r.to, ...figures.map(String), String(r.measured), r.path.join(' '), r.fromOrigin, r.toOrigin].join(','));
    const band = r.measured ? 'measured' : `${r.estimateLowMs.toFixed(2)}-${r.estimateHighMs.toFixed(2)}`;
    const text = `${r.from.padEnd(12)} ${r.to.padEnd(12)} ${r.distanceKm.toFixed(0).padStart(9)} ${r.lowerBoundMs.toFixed(2).padStart(8)} ${(r.estimateMs.toFixed(2) + (r.measured ? '*' : '')).padStart(8)} ${band.padStart(17)}  ${r.path.join(' > ')}`;
    assert.equal(table[k + 1], text);
  });
});

test('rules: the catalogue, with docs links', () => {
  const r = run(['rules', '--json']);
  const rules = JSON.parse(r.out);
  // One entry per rule, and every rule has its docs page (and every page a rule).
  const pages = readdirSync(join(repo, 'docs/rules'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3))
    .sort();
  assert.deepEqual(rules.map((x) => x.id).sort(), pages);
  assert.ok(rules.length >= 20);
  for (const id of ['user-latency', 'cross-site-dependency', 'managed-replication'])
    assert.ok(
      rules.some((x) => x.id === id),
      id,
    );
  assert.ok(rules.every((x) => x.docs.endsWith(`/docs/rules/${x.id}.md`)));
  assert.equal(rules.find((x) => x.id === 'vmotion-rtt').graded, true);
  assert.equal(run(['--version']).out.trim(), JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version);
});

test('Terraform: a module folder with the topology beside it, as the editor lints it', () => {
  const r = run(['test/fixtures/terraform/nsx-federation/', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const network = JSON.parse(r.out).find((f) => f.file.endsWith('network.tf'));
  // the sites are placed through topology.dci.yaml's names: without it they would be unresolved
  assert.deepEqual(
    network.findings.map((f) => `${f.ruleId}:${f.line}:${f.severity}`),
    ['stretched-l2-distance:49:warning'],
  );
  const syd = run(['examples/terraform/hcx-frankfurt-sydney/', '--format', 'json']);
  assert.equal(syd.code, 1);
  const hcx = JSON.parse(syd.out).find((f) => f.file.endsWith('hcx.tf'));
  assert.deepEqual(
    hcx.findings.map((f) => `${f.ruleId}:${f.severity}`),
    ['vmotion-rtt:error', 'stretched-l2-distance:warning', 'stretched-l2-distance:warning', 'gateway-trombone:info'],
  );
  assert.equal(run(['examples/terraform/hcx-frankfurt-metro/']).code, 0);
});

test('a topology file gets the same report with and without Terraform in the run, and sorted among them', () => {
  // Without Terraform the CLI reports each topology file as it is linted; with Terraform it reports all
  // files together at the end (a module's findings may point into the topology beside it).
  const design = TWO_SITES(`segments:
  - name: app
    vlan: 100
    sites: [fra1, nyc1]
`);
  const alone = tmp({ 'b/design.dci.yaml': design, 'a/other.dci.yaml': TWO_SITES() });
  const mixed = tmp({
    'b/design.dci.yaml': design,
    'a/other.dci.yaml': TWO_SITES(),
    'c/main.tf': 'resource "hcx_location" "x" {\n  city = "Frankfurt"\n  country = "Germany"\n  province = "Hessen"\n  latitude = 50.1\n  longitude = 8.6\n}\n',
  });
  const a = JSON.parse(run(['--format', 'json', '.'], { cwd: alone }).out);
  const m = JSON.parse(run(['--format', 'json', '.'], { cwd: mixed }).out);
  assert.deepEqual(
    a.map((r) => r.file),
    ['a/other.dci.yaml', 'b/design.dci.yaml'],
  );
  assert.deepEqual(
    m.map((r) => r.file),
    ['a/other.dci.yaml', 'b/design.dci.yaml', 'c/main.tf'],
  );
  assert.ok(
    a[1].findings.some((f) => f.ruleId === 'stretched-l2-distance'),
    'the design has a stretched-l2-distance finding',
  );
  assert.deepEqual(m.slice(0, 2), a);
});
