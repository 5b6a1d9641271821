// Properties of the geodesy and the RTT model that must hold for any placement (fast-check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createRequire } from 'node:module';

const core = createRequire(import.meta.url)('../../dist/core.js');
const loc = { file: 'p', start: 0, end: 0 };
const point = fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lon: fc.double({ min: -180, max: 180, noNaN: true }), cloud: fc.boolean() });
const RUNS = { numRuns: 300, seed: 20261125 };

/** Sites s0, s1, ... at `points`; links `{ a, b, medium, rttMs? }` between sites by index. */
function design(points, links = []) {
  const d = core.emptyDesign('p');
  points.forEach((p, i) => d.sites.set(`s${i}`, { id: `s${i}`, idLoc: loc, loc, placement: { latDeg: p.lat, lonDeg: p.lon, origin: 'p', cloud: p.cloud } }));
  for (const l of links)
    d.links.push({
      name: 'l',
      loc,
      at: {},
      between: [
        { id: `s${l.a}`, loc },
        { id: `s${l.b}`, loc },
      ],
      medium: l.medium,
      ...(l.rttMs !== undefined ? { rttMs: l.rttMs } : {}),
    });
  return d;
}

test('geodesic distance: symmetric, zero on the diagonal, never beyond half the meridian', () => {
  fc.assert(
    fc.property(point, point, (a, b) => {
      const ab = core.geodesicKm(a.lat, a.lon, b.lat, b.lon);
      const ba = core.geodesicKm(b.lat, b.lon, a.lat, a.lon);
      assert.ok(Math.abs(ab - ba) < 1e-6, `${ab} vs ${ba}`);
      assert.ok(ab >= 0 && ab <= 20004, `${ab} km`);
      assert.equal(core.geodesicKm(a.lat, a.lon, a.lat, a.lon), 0);
    }),
    RUNS,
  );
});

test('lower bound: symmetric, satisfies the triangle inequality, and never exceeds the estimate', () => {
  const media = fc.constantFrom('fiber', 'hollow-core', 'microwave', 'satellite-leo', 'satellite-geo', 'internet');
  const link = fc.record({ a: fc.integer({ min: 0, max: 3 }), b: fc.integer({ min: 0, max: 3 }), medium: media });
  fc.assert(
    fc.property(fc.array(point, { minLength: 4, maxLength: 4 }), fc.array(link, { maxLength: 4 }), (points, links) => {
      const m = new core.RttModel(design(points, links));
      const p = (i, j) => m.pair(`s${i}`, `s${j}`);
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 4; j++) {
          const ij = p(i, j);
          assert.ok(Math.abs(ij.lowerBoundMs - p(j, i).lowerBoundMs) <= 0.01, 'symmetric');
          assert.ok(ij.lowerBoundMs <= ij.rttMs + 0.01, `bound ${ij.lowerBoundMs} > estimate ${ij.rttMs} (${ij.basis})`);
          for (let k = 0; k < 4; k++) {
            // 0.02: two roundings to 0.01 ms on the right-hand side
            assert.ok(ij.lowerBoundMs <= p(i, k).lowerBoundMs + p(k, j).lowerBoundMs + 0.02, `triangle ${i}-${k}-${j}`);
          }
        }
    }),
    { ...RUNS, numRuns: 150 },
  );
});

test('the fiber lower bound is 9.79 µs of RTT per km, and an estimate is at least 1x it', () => {
  fc.assert(
    fc.property(point, point, (a, b) => {
      const pair = new core.RttModel(design([a, b])).pair('s0', 's1');
      const km = core.geodesicKm(a.lat, a.lon, b.lat, b.lon);
      assert.ok(Math.abs(pair.lowerBoundMs - km * 0.009795) <= 0.01 + km * 1e-5, `${pair.lowerBoundMs} for ${km} km`);
      assert.ok(pair.rttMs >= pair.lowerBoundMs);
      assert.equal(pair.measured, false);
      // the p10-p90 band holds the estimate and never dips below the bound
      assert.ok(
        pair.lowerBoundMs <= pair.estimateLowMs && pair.estimateLowMs <= pair.rttMs && pair.rttMs <= pair.estimateHighMs,
        `${pair.lowerBoundMs} <= ${pair.estimateLowMs} <= ${pair.rttMs} <= ${pair.estimateHighMs}`,
      );
      assert.ok(Number.isFinite(pair.estimateHighMs));
    }),
    RUNS,
  );
});

test('a measured link wins over every estimate (when physics allows it)', () => {
  fc.assert(
    fc.property(point, point, fc.double({ min: 0.1, max: 900, noNaN: true }), (a, b, rttMs) => {
      fc.pre(rttMs >= core.geodesicKm(a.lat, a.lon, b.lat, b.lon) * 0.0098);
      const d = design([a, b], [{ a: 0, b: 1, medium: 'fiber', rttMs }]);
      const pair = new core.RttModel(d).pair('s0', 's1');
      assert.equal(pair.measured, true);
      assert.ok(Math.abs(pair.rttMs - rttMs) <= 0.005);
      assert.deepEqual([pair.estimateLowMs, pair.estimateHighMs], [pair.rttMs, pair.rttMs], 'a measurement has no band');
    }),
    RUNS,
  );
});

test('matrix distance (Andoyer-Lambert): within a third of its error bound of GeographicLib up to 150° of arc', () => {
  fc.assert(
    fc.property(point, point, (a, b) => {
      const fast = core.fastGeodesicKm(core.fastPoint(a.lat, a.lon), core.fastPoint(b.lat, b.lon));
      const exact = core.geodesicKm(a.lat, a.lon, b.lat, b.lon);
      if (Number.isNaN(fast)) return assert.ok(exact > 16000 || exact < 1e-6, `fell back at ${exact} km`); // 150° of arc is about 16,700 km
      assert.ok(Math.abs(fast - exact) <= (exact * core.FAST_GEODESIC_MAX_REL_ERROR) / 3 + 1e-9, `${fast} vs ${exact}`);
    }),
    { ...RUNS, numRuns: 3000 },
  );
});

test('a measurement below the lower bound is not trusted: the pair keeps its estimate, never below physics', () => {
  fc.assert(
    fc.property(point, point, fc.double({ min: 0, max: 0.99, noNaN: true }), (a, b, fraction) => {
      const km = core.geodesicKm(a.lat, a.lon, b.lat, b.lon);
      fc.pre(km > 1);
      const rttMs = km * 0.00979 * fraction;
      const d = design([a, b], [{ a: 0, b: 1, medium: 'fiber', rttMs }]);
      const pair = new core.RttModel(d).pair('s0', 's1');
      assert.equal(pair.measured, false);
      assert.ok(pair.rttMs >= pair.lowerBoundMs, `${pair.rttMs} >= ${pair.lowerBoundMs}`);
    }),
    RUNS,
  );
});

test('nearestFromPoint: the first of all placed sites ranked by fromPoint, file order among equal figures, excluded ones skipped', () => {
  // Sites spread over the globe and clustered (equal and near-equal distances, duplicates); points
  // anywhere, on a site, and antipodal to one (past the fast formula's 150 degrees of arc).
  const clustered = fc.record({
    lat: fc.double({ min: 50, max: 50.02, noNaN: true }),
    lon: fc.double({ min: 8, max: 8.02, noNaN: true }),
    cloud: fc.boolean(),
  });
  const sites = fc.array(fc.oneof(point, clustered), { minLength: 1, maxLength: 40 });
  fc.assert(
    fc.property(sites, point, fc.nat(), fc.integer({ min: 0, max: 3 }), fc.array(fc.nat(), { maxLength: 10 }), (points, p, pick, how, excluded) => {
      const m = new core.RttModel(design(points));
      const on = points[pick % points.length];
      const at =
        how === 0
          ? p
          : how === 1
            ? { lat: on.lat, lon: on.lon }
            : how === 2
              ? { lat: -on.lat, lon: on.lon > 0 ? on.lon - 180 : on.lon + 180 }
              : { lat: 50.01, lon: 8.01 };
      const exclude = new Set(excluded.map((k) => `s${k % points.length}`));
      const ranked = m
        .siteIds()
        .map((id) => m.fromPoint('users', at.lat, at.lon, id))
        .sort((a, b) => a.rttMs - b.rttMs);
      const expected = ranked.find((q) => !exclude.has(q.to));
      assert.deepEqual(m.nearestFromPoint('users', at.lat, at.lon, exclude), expected);
    }),
    { numRuns: 2000, seed: 20261130 },
  );
});

test('dropped path searches change no figure: a model keeping one search answers every pair as one keeping all', async () => {
  const { generateTopology } = await import('../../bench/generate.mjs');
  for (const seed of [1, 2, 3]) {
    const design = core.parseTopology(generateTopology(200, seed), 'g.dci.yaml').designs[0];
    const all = new core.RttModel(design);
    const one = new core.RttModel(design, undefined, { searchBudgetBytes: 1 });
    const ids = all.siteIds();
    // pairs in an order that returns to earlier sources after others (the dropped searches are run again)
    for (let k = 0; k < 3000; k++) {
      const a = ids[(k * 7919) % ids.length];
      const b = ids[(k * 104729 + 13) % ids.length];
      assert.deepEqual(one.pair(a, b), all.pair(a, b), `${a} -> ${b}`);
    }
    // The next version (one site moved) takes over from the model with dropped searches: the same
    // figures as a model built afresh.
    const moved = core.parseTopology(generateTopology(200, seed).replace(/lat: (-?\d+\.\d+)/, 'lat: $11'), 'g.dci.yaml').designs[0];
    const next = new core.RttModel(moved, undefined, { searchBudgetBytes: 1, previous: one });
    const fresh = new core.RttModel(moved);
    for (let k = 0; k < 1000; k++) {
      const a = ids[(k * 7919) % ids.length];
      const b = ids[(k * 104729 + 13) % ids.length];
      assert.deepEqual(next.pair(a, b), fresh.pair(a, b), `next version ${a} -> ${b}`);
    }
  }
});

test("geodesicKm's cache answers exactly what Karney's inverse returns, over more pairs than it has slots and with every pair asked twice", () => {
  let a = 20261130;
  const next = () => ((a = (Math.imul(a ^ (a >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 4294967296);
  const pairs = Array.from({ length: 70000 }, () => [next() * 180 - 90, next() * 360 - 180, next() * 180 - 90, next() * 360 - 180]);
  // pairs alike in three coordinates, more of them than slots: some share a slot, so each coordinate must be checked
  for (let c = 0; c < 4; c++)
    for (let i = 0; i < 70000; i++) {
      const p = [50.1, 8.7, 10.2, -3.4];
      p[c] += i * 1e-4;
      pairs.push(p);
    }
  // neighbours of one site (the keys differ in the last bits only), -0, and the same point
  pairs.push([50.1, 8.7, 50.1, 8.700000000000001], [50.1, 8.7, 50.100000000000001, 8.7], [-0, 0, 0, 1], [0, 0, -0, 1], [1, 2, 1, 2]);
  for (let round = 0; round < 2; round++)
    for (const p of pairs) {
      const km = core.geodesicKm(...p);
      assert.equal(km, p[0] === p[2] && p[1] === p[3] ? 0 : core.exactGeodesicKm(...p), JSON.stringify(p));
    }
});
