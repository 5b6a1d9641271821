// WGS-84 geodesic distance (Karney's algorithm) from GeographicLib, not a spherical approximation.
import { Geodesic } from 'geographiclib-geodesic';

const wgs84 = Geodesic.WGS84;
const DISTANCE = Geodesic.DISTANCE;

export function geodesicKm(lat1Deg: number, lon1Deg: number, lat2Deg: number, lon2Deg: number): number {
  if (lat1Deg === lat2Deg && lon1Deg === lon2Deg) return 0;
  const s12 = wgs84.Inverse(lat1Deg, lon1Deg, lat2Deg, lon2Deg, DISTANCE).s12;
  return (s12 ?? 0) / 1000;
}

export function validLatLon(latDeg: number, lonDeg: number): boolean {
  return Number.isFinite(latDeg) && Number.isFinite(lonDeg) && Math.abs(latDeg) <= 90 && Math.abs(lonDeg) <= 180;
}
