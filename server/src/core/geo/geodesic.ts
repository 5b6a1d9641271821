// WGS-84 geodesic distance (Karney's algorithm) from GeographicLib, not a spherical approximation.
import { Geodesic } from 'geographiclib-geodesic';

const wgs84 = Geodesic.WGS84;
const DISTANCE = Geodesic.DISTANCE;

// The same pair is asked for again and again within an analysis (a link's plausibility check, then its
// estimate, then the rules) and from one version of a design to the next: recent answers are remembered
// in a direct-mapped cache keyed by the four coordinates (a slot per hash of their bits; a pair whose slot
// was taken is computed again, so every answer is exactly what the inverse returns). Karney's inverse
// costs about 2 µs here, a lookup a few ns; the string key of the memo before it (four numbers printed per
// call) cost more than the lookups saved on a cold start. The key keeps the argument order (the inverse is
// not bit-for-bit symmetric). 2.6 MB, paged in as slots are used.
const SLOTS = 1 << 16;
const slotKeys = new Float64Array(SLOTS * 4);
/** 0: empty (a distance of 0 is answered before the cache; one that rounds to 0 is just computed again) */
const slotKm = new Float64Array(SLOTS);
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

function mix(h: number, x: number): number {
  bits[0] = x;
  h = Math.imul(h ^ words[0]!, 0x9e3779b1);
  return Math.imul(h ^ words[1]!, 0x85ebca77);
}

/**
 * Great-circle (geodesic) distance in km on the WGS-84 ellipsoid between two points given in degrees:
 * GeographicLib's Inverse (Karney 2013), accurate to nanometres. 0 for identical points.
 */
export function geodesicKm(lat1Deg: number, lon1Deg: number, lat2Deg: number, lon2Deg: number): number {
  if (lat1Deg === lat2Deg && lon1Deg === lon2Deg) return 0;
  let h = mix(mix(mix(mix(0x811c9dc5, lat1Deg), lon1Deg), lat2Deg), lon2Deg);
  h = (h ^ (h >>> 16)) & (SLOTS - 1);
  const k = h * 4;
  const known = slotKm[h]!;
  if (known !== 0 && slotKeys[k] === lat1Deg && slotKeys[k + 1] === lon1Deg && slotKeys[k + 2] === lat2Deg && slotKeys[k + 3] === lon2Deg) return known;
  const km = exactGeodesicKm(lat1Deg, lon1Deg, lat2Deg, lon2Deg);
  slotKeys[k] = lat1Deg;
  slotKeys[k + 1] = lon1Deg;
  slotKeys[k + 2] = lat2Deg;
  slotKeys[k + 3] = lon2Deg;
  slotKm[h] = km;
  return km;
}

/** geodesicKm without its memo, for callers that ask each pair once (`matrix`): the same figure. */
export function exactGeodesicKm(lat1Deg: number, lon1Deg: number, lat2Deg: number, lon2Deg: number): number {
  if (lat1Deg === lat2Deg && lon1Deg === lon2Deg) return 0;
  return (wgs84.Inverse(lat1Deg, lon1Deg, lat2Deg, lon2Deg, DISTANCE).s12 ?? 0) / 1000;
}

export function validLatLon(latDeg: number, lonDeg: number): boolean {
  return Number.isFinite(latDeg) && Number.isFinite(lonDeg) && Math.abs(latDeg) <= 90 && Math.abs(lonDeg) <= 180;
}

// ---- a fast ellipsoidal distance for many pairs (`matrix`) ----
//
// Andoyer-Lambert (first order in the flattening) on unit vectors of the reduced latitude, precomputed per
// site: one asin and one sin per pair, ~20x faster than Karney's inverse. Measured against GeographicLib on
// 4.3 million pairs (random points, poles, near-duplicates; bench/fast-geodesic.mjs): relative error at most
// 6.7e-6 up to 150° of arc. Beyond that (near-antipodal pairs) it degrades, so those pairs fall back to
// GeographicLib. A lower bound computed from it uses distance x (1 - FAST_GEODESIC_MAX_REL_ERROR), 3x the
// measured worst case, so it stays a true lower bound.

const A_KM = 6378.137;
const F = 1 / 298.257223563;
const DEG = Math.PI / 180;
/** chord² on the unit auxiliary sphere of 150° of arc: (2 sin 75°)² */
const MAX_CHORD2 = 4 * Math.sin(75 * DEG) ** 2;

export const FAST_GEODESIC_MAX_REL_ERROR = 2e-5;

/** A point prepared for fastGeodesicKm: its unit vector on the auxiliary sphere (reduced latitude). */
export interface FastPoint {
  x: number;
  y: number;
  z: number;
}

export function fastPoint(latDeg: number, lonDeg: number): FastPoint {
  const beta = Math.atan((1 - F) * Math.tan(latDeg * DEG));
  const cb = Math.cos(beta);
  return { x: cb * Math.cos(lonDeg * DEG), y: cb * Math.sin(lonDeg * DEG), z: Math.sin(beta) };
}

/** Andoyer-Lambert distance (km) between prepared points; NaN beyond 150° of arc or below 1e-15 of it (use geodesicKm). */
export function fastGeodesicKm(p: FastPoint, q: FastPoint): number {
  const dx = p.x - q.x;
  const dy = p.y - q.y;
  const dz = p.z - q.z;
  const c2 = dx * dx + dy * dy + dz * dz;
  if (c2 === 0) return 0;
  // beyond 150° of arc, and below a micrometre (denormal arithmetic), GeographicLib decides
  if (c2 > MAX_CHORD2 || c2 < 1e-30) return NaN;
  const s2 = c2 / 4; // sin²(σ/2)
  const sigma = 2 * Math.asin(Math.sqrt(s2));
  const s = Math.sin(sigma);
  const sinPcosQ = (p.z + q.z) / 2;
  const cosPsinQ = (q.z - p.z) / 2;
  const x = ((sigma - s) * sinPcosQ * sinPcosQ) / (1 - s2);
  const y = ((sigma + s) * cosPsinQ * cosPsinQ) / s2;
  return A_KM * (sigma - (F / 2) * (x + y));
}
