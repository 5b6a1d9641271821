// Prototype for the matrix proposal (docs/performance.md): Andoyer-Lambert, a first-order flattening
// correction of the spherical distance, against Karney's exact inverse (what the core uses).
// Prints the CPU per call and the worst error over random pairs. Not used by the product.
//   node bench/prototypes/geodesic.mjs
import { createRequire } from 'node:module';
import { rng } from '../generate.mjs';

const { geodesicKm } = createRequire(import.meta.url)('../../dist/core.js');
const A = 6378.137;
const F = 1 / 298.257223563;
const rad = Math.PI / 180;

/** Andoyer-Lambert on WGS-84, km. */
export function andoyerLambertKm(lat1, lon1, lat2, lon2) {
  if (lat1 === lat2 && lon1 === lon2) return 0;
  // reduced latitudes
  const b1 = Math.atan((1 - F) * Math.tan(lat1 * rad));
  const b2 = Math.atan((1 - F) * Math.tan(lat2 * rad));
  const dLon = (lon2 - lon1) * rad;
  const cosSigma = Math.sin(b1) * Math.sin(b2) + Math.cos(b1) * Math.cos(b2) * Math.cos(dLon);
  const sigma = Math.acos(Math.max(-1, Math.min(1, cosSigma)));
  if (sigma === 0) return 0;
  const P = (b1 + b2) / 2;
  const Q = (b2 - b1) / 2;
  const X = ((sigma - Math.sin(sigma)) * (Math.sin(P) * Math.cos(Q)) ** 2) / Math.cos(sigma / 2) ** 2;
  const Y = ((sigma + Math.sin(sigma)) * (Math.cos(P) * Math.sin(Q)) ** 2) / Math.sin(sigma / 2) ** 2;
  return A * (sigma - (F / 2) * (X + Y));
}

const r = rng(42);
const pts = Array.from({ length: 200000 }, () => [r.next() * 160 - 80, r.next() * 360 - 180, r.next() * 160 - 80, r.next() * 360 - 180]);
function cpu(fn) {
  const c0 = process.cpuUsage();
  let s = 0;
  for (const p of pts) s += fn(p[0], p[1], p[2], p[3]);
  const c = process.cpuUsage(c0);
  return { usPerCall: (c.user + c.system) / pts.length, s };
}
cpu(geodesicKm);
cpu(andoyerLambertKm);
const karney = cpu(geodesicKm);
const andoyer = cpu(andoyerLambertKm);
let worstKm = 0;
let worstRel = 0;
for (const p of pts) {
  const e = Math.abs(andoyerLambertKm(...p) - geodesicKm(...p));
  const d = geodesicKm(...p);
  if (d < 19000) {
    worstKm = Math.max(worstKm, e);
    worstRel = Math.max(worstRel, e / d);
  }
}
// 1 km of great-circle distance = 0.0098 ms of RTT at the fiber lower bound (2 x 1 km / 204,190 km/s)
console.log(JSON.stringify({ karneyUsPerCall: +karney.usPerCall.toFixed(3), andoyerUsPerCall: +andoyer.usPerCall.toFixed(3), worstErrorKm: +worstKm.toFixed(3), worstRelativeError: worstRel.toExponential(2), worstErrorRttMs: +((worstKm * 2) / 204.19).toFixed(4) }));
