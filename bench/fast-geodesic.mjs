// Measures the fast Andoyer-Lambert distance of `matrix` (core fastGeodesicKm) against GeographicLib:
// random points on the sphere, points near the poles and the equator, near-duplicates.
// Prints the largest relative error up to 150° of arc (where the fast formula is used) and its speed.
//   node build.mjs && node bench/fast-geodesic.mjs [points=4000]
import { createRequire } from 'node:module';

const core = createRequire(import.meta.url)('../dist/core.js');
const N = Number(process.argv[2] ?? 4000);
let seed = 7;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const pts = [];
for (let i = 0; i < N; i++) {
  let lat = (Math.asin(2 * rnd() - 1) * 180) / Math.PI;
  if (i < 200) lat = i % 4 === 0 ? Math.sign(rnd() - 0.5) * (89 + rnd()) : (rnd() * 2 - 1) * (i % 2 ? 90 : 2);
  pts.push([lat, rnd() * 360 - 180]);
}
for (let i = 0; i < 300; i++) pts.push([Math.max(-90, Math.min(90, pts[i][0] + (rnd() - 0.5) * 1e-3)), pts[i][1] + (rnd() - 0.5) * 1e-3]);
const prepared = pts.map(([a, b]) => core.fastPoint(a, b));
let worst = 0;
let worstAt;
let n = 0;
let fallback = 0;
for (let i = 0; i < pts.length; i++)
  for (let j = i + 1; j < pts.length; j += 2) {
    const fast = core.fastGeodesicKm(prepared[i], prepared[j]);
    if (Number.isNaN(fast)) {
      fallback++;
      continue;
    }
    const exact = core.geodesicKm(pts[i][0], pts[i][1], pts[j][0], pts[j][1]);
    n++;
    const rel = exact > 0 ? Math.abs(fast - exact) / exact : Math.abs(fast);
    if (rel > worst) [worst, worstAt] = [rel, { a: pts[i], b: pts[j], exactKm: exact, fastKm: fast }];
  }
let t = performance.now();
let sum = 0;
for (let i = 0; i < 2000; i++) for (let j = i + 1; j < 2000; j++) sum += core.fastGeodesicKm(prepared[i], prepared[j]) || 0;
const fastMs = performance.now() - t;
t = performance.now();
for (let i = 0; i < 300; i++) for (let j = i + 1; j < 300; j++) sum += core.geodesicKm(pts[i][0], pts[i][1], pts[j][0], pts[j][1]);
const exactMsPerPair = (performance.now() - t) / ((300 * 299) / 2);
console.log(JSON.stringify({ pairs: n, beyond150Deg: fallback, maxRelError: worst, worstAt, boundUsed: core.FAST_GEODESIC_MAX_REL_ERROR, fastMsPer2MPairs: Math.round(fastMs), geographiclibMsPer2MPairs: Math.round(exactMsPerPair * 1999000), sum: sum > 0 }, null, 1));
