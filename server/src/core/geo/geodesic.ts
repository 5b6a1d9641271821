// WGS-84 geodesic distance (Karney's algorithm) from GeographicLib, not a spherical approximation.
import { Geodesic } from 'geographiclib-geodesic';

const wgs84 = Geodesic.WGS84;
const DISTANCE = Geodesic.DISTANCE;

// The same pair is asked for again and again within an analysis (a link's plausibility check, then its
// estimate, then the rules): remember recent answers. Karney's inverse costs about 2 µs here, a lookup a
// tenth of that. The key keeps the argument order (the inverse is not bit-for-bit symmetric), so every
// answer is exactly what the inverse returns. Bounded: cleared when full.
const MEMO_MAX = 65536;
const memo = new Map<string, number>();

/**
 * Great-circle (geodesic) distance in km on the WGS-84 ellipsoid between two points given in degrees:
 * GeographicLib's Inverse (Karney 2013), accurate to nanometres. 0 for identical points.
 */
export function geodesicKm(lat1Deg: number, lon1Deg: number, lat2Deg: number, lon2Deg: number): number {
  if (lat1Deg === lat2Deg && lon1Deg === lon2Deg) return 0;
  const key = `${lat1Deg},${lon1Deg},${lat2Deg},${lon2Deg}`;
  let km = memo.get(key);
  if (km === undefined) {
    const s12 = wgs84.Inverse(lat1Deg, lon1Deg, lat2Deg, lon2Deg, DISTANCE).s12;
    km = (s12 ?? 0) / 1000;
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(key, km);
  }
  return km;
}

export function validLatLon(latDeg: number, lonDeg: number): boolean {
  return Number.isFinite(latDeg) && Number.isFinite(lonDeg) && Math.abs(latDeg) <= 90 && Math.abs(lonDeg) <= 180;
}
