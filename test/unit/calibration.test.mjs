// The RTT model against 2,708 published P50 inter-region RTTs (AWS, GCP, IBM: data/rtt-calibration.csv).
// The lower bound must never exceed a measurement; the estimate's median absolute error must stay within 15 %.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const core = createRequire(import.meta.url)('../../dist/core.js');
const csvPath = new URL('../../data/rtt-calibration.csv', import.meta.url).pathname;

function readCsv(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = header.split(',');
  return lines.map((line) => {
    const cells = line.match(/("([^"]*)"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    return Object.fromEntries(cols.map((c, i) => [c, cells[i]]));
  });
}

function modelFor(row) {
  const design = core.emptyDesign('calibration');
  const loc = { file: 'calibration', start: 0, end: 0 };
  const site = (id, lat, lon) => ({ id, idLoc: loc, loc, placement: { latDeg: Number(lat), lonDeg: Number(lon), origin: id, cloud: true } });
  design.sites.set('a', site('a', row.from_lat, row.from_lon)).set('b', site('b', row.to_lat, row.to_lon));
  return new core.RttModel(design).pair('a', 'b');
}

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

test('calibration: published inter-region RTTs vs the lower bound and the estimate', (t) => {
  const rows = readCsv(csvPath);
  assert.ok(rows.length > 2000, `expected the full calibration set, got ${rows.length} rows`);
  const errors = [];
  const bySource = new Map();
  let below = 0;
  for (const row of rows) {
    const measured = Number(row.rtt_ms);
    const p = modelFor(row);
    // rounding to 0.01 ms in the model: compare with that tolerance
    if (p.lowerBoundMs > measured + 0.01) below++;
    const err = Math.abs(p.rttMs - measured) / measured;
    errors.push(err);
    (bySource.get(row.source) ?? bySource.set(row.source, []).get(row.source)).push(err);
  }
  const median = quantile(errors, 0.5);
  const p90 = quantile(errors, 0.9);
  t.diagnostic(`pairs: ${rows.length}; measurements below the lower bound: ${below}`);
  t.diagnostic(`estimate absolute error: median ${(median * 100).toFixed(1)} %, p90 ${(p90 * 100).toFixed(1)} %`);
  for (const [source, errs] of bySource) t.diagnostic(`  ${source}: n=${errs.length} median ${(quantile(errs, 0.5) * 100).toFixed(1)} %, p90 ${(quantile(errs, 0.9) * 100).toFixed(1)} %`);
  assert.equal(below, 0, 'a measurement below the physical lower bound means the model or the data is wrong');
  assert.ok(median <= 0.15, `median absolute error ${(median * 100).toFixed(1)} % > 15 %`);
});

test('sanity pairs from the reference (great circle, fiber lower bound)', () => {
  const design = core.emptyDesign('s');
  const loc = { file: 's', start: 0, end: 0 };
  const add = (id, lat, lon) => design.sites.set(id, { id, idLoc: loc, loc, placement: { latDeg: lat, lonDeg: lon, origin: id, cloud: false } });
  add('fra', 50.1109, 8.6821);
  add('dub', 53.3498, -6.2603);
  add('nyc', 40.7128, -74.006);
  add('syd', -33.8688, 151.2093);
  add('ams', 52.3676, 4.9041);
  add('rtm', 51.9244, 4.4777);
  const m = new core.RttModel(design);
  const near = (actual, expected, tol, what) => assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
  near(m.pair('fra', 'dub').distanceKm, 1088, 5, 'Frankfurt-Dublin km');
  near(m.pair('fra', 'dub').lowerBoundMs, 10.7, 0.1, 'Frankfurt-Dublin lower bound');
  near(m.pair('fra', 'nyc').lowerBoundMs, 60.7, 0.3, 'Frankfurt-New York lower bound');
  near(m.pair('fra', 'syd').lowerBoundMs, 161, 1, 'Frankfurt-Sydney lower bound');
  near(m.pair('ams', 'rtm').lowerBoundMs, 0.6, 0.05, 'Amsterdam-Rotterdam lower bound');
  // a dedicated 50 km metro fiber is well under 1 ms, not the 7 ms of a cloud inter-region path
  assert.ok(m.pair('ams', 'rtm').rttMs < 1.2, `metro estimate ${m.pair('ams', 'rtm').rttMs}`);
});
