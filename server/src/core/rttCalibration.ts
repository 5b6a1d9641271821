// The calibrated estimate between cloud regions, and its p10-p90 band, fitted on published
// inter-region RTTs (data/rtt-calibration.csv). The fit runs at build time
// (scripts/build-rtt-model.mjs writes geo/rtt-calibration.json) and again in the calibration test,
// which holds out one provider at a time. See docs/rtt-model.md for every term and the data behind it.
//
//   estimate (ms) = overhead(A) + overhead(B) + lower bound x inflation(distance, geography)
//                   x correction(nearest published pair of metros)
//   ln inflation  = intercept + logDistance x ln(distance / 1,000 km)
//                   + eurasia (Europe, Middle East or Africa <-> East Asia: cables go around, via Suez)
//                   + gulf (both ends in the Gulf / Middle East: routes detour through other countries)
//                   + ocean (North America <-> Europe, East Asia or Oceania: straight submarine cables)
//   band          = estimate x exp(p10 .. p90 of held-out log residuals)
//
// The lower bound is physics and never fitted: the estimate and the band are clamped to it.

import { geodesicKm } from './geo/geodesic';
import { rttMsPerKm, FIBER_INDEX } from './limits';

/** Coarse world zones by latitude/longitude boxes: enough to tell which ocean or land mass a route crosses. */
export type Zone = 'NA' | 'SA' | 'EU' | 'ME' | 'AF' | 'IN' | 'AS' | 'OC';

/**
 * The zone of a point (degrees, WGS-84). Boxes, not borders: North/South America split at 13° N west of
 * 30° W; Europe north of 35.5° N up to 45° E; the Middle East 32-60° E north of 12° N; Africa the rest west
 * of 52° E; India 52-90° E north of 5° N; Oceania south of 10° S; East and South-East Asia the rest.
 */
export function zoneOf(latDeg: number, lonDeg: number): Zone {
  if (lonDeg < -30) return latDeg > 13 ? 'NA' : 'SA';
  if (latDeg > 35.5 && lonDeg < 45) return 'EU';
  if (lonDeg < 60 && latDeg > 12 && lonDeg >= 32) return 'ME';
  if (lonDeg < 52) return 'AF';
  if (lonDeg < 90 && latDeg > 5) return 'IN';
  if (latDeg < -10) return 'OC';
  return 'AS';
}

const pairOf = (a: Zone, b: Zone, x: Zone, y: Zone) => (a === x && b === y) || (a === y && b === x);

/** The geography terms of a pair of zones: 1 when the term applies, else 0. */
export function geographyTerms(a: Zone, b: Zone): { eurasia: number; gulf: number; ocean: number } {
  const west = (z: Zone) => z === 'EU' || z === 'ME' || z === 'AF';
  return {
    eurasia: (west(a) && b === 'AS') || (west(b) && a === 'AS') ? 1 : 0,
    gulf: a === 'ME' && b === 'ME' ? 1 : 0,
    ocean: pairOf(a, b, 'NA', 'EU') || pairOf(a, b, 'NA', 'AS') || pairOf(a, b, 'NA', 'OC') ? 1 : 0,
  };
}

/** One published measurement: both ends' WGS-84 coordinates (degrees) and its RTT (ms). */
export interface CalibrationRow {
  /** `aws`, `gcp`, `ibm`: the provider that published it (the first part of the CSV's `source`) */
  provider: string;
  fromLatDeg: number;
  fromLonDeg: number;
  toLatDeg: number;
  toLonDeg: number;
  rttMs: number;
}

/** The fitted model, as stored in geo/rtt-calibration.json. Log terms are natural logarithms. */
export interface CloudCalibration {
  /** ln(route inflation) terms, see the file header */
  coef: { intercept: number; logDistance: number; eurasia: number; gulf: number; ocean: number };
  /** fixed RTT (ms) a cloud end adds, per provider that published data; `default` for any other cloud */
  endOverheadMs: Record<string, number>;
  /** a site matches a metro of the data within this distance (km, haversine) */
  metroRadiusKm: number;
  /** the published regions' locations, clustered within 100 km: [latDeg, lonDeg] */
  metros: Array<[number, number]>;
  /** "i,j" (metro indices, i <= j) -> median ln(measured / model) of the published pairs between them */
  corrections: Record<string, number>;
  /** p10 and p90 of ln(measured / estimate) on held-out providers: pairs with a correction, and without */
  band: { matched: [number, number]; unmatched: [number, number] };
  /** what the fit saw */
  fittedOn: { rows: number; providers: string[] };
}

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Haversine distance (km, mean Earth radius): only to match sites to metros, never for a bound. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The index of the nearest metro within `calibration.metroRadiusKm`, or -1. */
export function nearestMetro(c: CloudCalibration, latDeg: number, lonDeg: number): number {
  let best = -1;
  let bestKm = c.metroRadiusKm;
  for (let m = 0; m < c.metros.length; m++) {
    const [lat, lon] = c.metros[m]!;
    // The great-circle distance is at least the meridian arc between the latitudes: a metro that far
    // cannot be nearer (the metre of margin covers rounding). Most metros stop here.
    if (Math.abs(lat - latDeg) * RAD * EARTH_RADIUS_KM > bestKm + 1e-3) continue;
    const km = haversineKm(latDeg, lonDeg, lat, lon);
    if (km <= bestKm) {
      bestKm = km;
      best = m;
    }
  }
  return best;
}

/** Route inflation (estimate / lower bound, overhead aside) at `distanceKm` between two zones. */
export function inflation(c: CloudCalibration, distanceKm: number, a: Zone, b: Zone): number {
  const g = geographyTerms(a, b);
  const k = c.coef;
  return Math.exp(k.intercept + k.logDistance * Math.log(Math.max(distanceKm, 1) / 1000) + k.eurasia * g.eurasia + k.gulf * g.gulf + k.ocean * g.ocean);
}

export const correctionKey = (m1: number, m2: number) => (m1 <= m2 ? `${m1},${m2}` : `${m2},${m1}`);

/** Parses data/rtt-calibration.csv (header: source, ..., from_lat, from_lon, to_lat, to_lon, rtt_ms, ...). */
export function parseCalibrationCsv(text: string): CalibrationRow[] {
  const [header, ...lines] = text.trim().split('\n');
  const cols = header!.split(',');
  const at = (name: string) => cols.indexOf(name);
  const [src, fLat, fLon, tLat, tLon, rtt] = ['source', 'from_lat', 'from_lon', 'to_lat', 'to_lon', 'rtt_ms'].map(at) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return lines.map((line) => {
    const cells = (line.match(/("([^"]*)"|[^,]*)(,|$)/g) ?? []).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    return {
      provider: cells[src]!.split('-')[0]!,
      fromLatDeg: Number(cells[fLat]),
      fromLonDeg: Number(cells[fLon]),
      toLatDeg: Number(cells[tLat]),
      toLonDeg: Number(cells[tLon]),
      rttMs: Number(cells[rtt]),
    };
  });
}

// ---- fitting (build time and the calibration test) ----

interface Prepared {
  row: CalibrationRow;
  lbMs: number;
  x: number[];
}

const FEATURES = 5;

function prepare(rows: CalibrationRow[]): Prepared[] {
  const perKm = rttMsPerKm(FIBER_INDEX);
  const out: Prepared[] = [];
  for (const row of rows) {
    const km = geodesicKm(row.fromLatDeg, row.fromLonDeg, row.toLatDeg, row.toLonDeg);
    if (!(km > 0) || !(row.rttMs > 0)) continue;
    const g = geographyTerms(zoneOf(row.fromLatDeg, row.fromLonDeg), zoneOf(row.toLatDeg, row.toLonDeg));
    out.push({ row, lbMs: km * perKm, x: [1, Math.log(Math.max(km, 1) / 1000), g.eurasia, g.gulf, g.ocean] });
  }
  return out;
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  for (let i = 0; i < n; i++) {
    let p = i;
    for (let k = i + 1; k < n; k++) if (Math.abs(a[k]![i]!) > Math.abs(a[p]![i]!)) p = k;
    [a[i], a[p]] = [a[p]!, a[i]!];
    [b[i], b[p]] = [b[p]!, b[i]!];
    for (let k = i + 1; k < n; k++) {
      const f = a[k]![i]! / a[i]![i]!;
      for (let j = i; j < n; j++) a[k]![j]! -= f * a[i]![j]!;
      b[k]! -= f * b[i]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let j = i + 1; j < n; j++) s -= a[i]![j]! * x[j]!;
    x[i] = s / a[i]![i]!;
  }
  return x;
}

/** Least absolute deviations (median regression) by iteratively reweighted least squares. */
function l1Fit(xs: number[][], ys: number[]): number[] {
  const m = FEATURES;
  let w = ys.map(() => 1);
  let beta = new Array<number>(m).fill(0);
  for (let it = 0; it < 40; it++) {
    const a = Array.from({ length: m }, () => new Array<number>(m).fill(0));
    const b = new Array<number>(m).fill(0);
    for (let i = 0; i < ys.length; i++) {
      const x = xs[i]!;
      for (let j = 0; j < m; j++) {
        if (x[j] === 0) continue;
        b[j]! += w[i]! * x[j]! * ys[i]!;
        for (let k = 0; k < m; k++) a[j]![k]! += w[i]! * x[j]! * x[k]!;
      }
    }
    for (let j = 0; j < m; j++) a[j]![j]! += 1e-9;
    beta = solve(a, b);
    w = ys.map((y, i) => 1 / Math.max(2e-3, Math.abs(y - dot(xs[i]!, beta))));
  }
  return beta;
}

const dot = (x: number[], b: number[]) => x.reduce((s, v, j) => s + v * b[j]!, 0);

export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * s.length)))]!;
}

interface Core {
  beta: number[];
  pairOverheadMs: Map<string, number>;
  loss: number;
}

/** Fits the inflation terms for given per-provider pair overheads; returns the sum of |ln(estimate / measured)|. */
function fitCore(data: Prepared[], overhead: Map<string, number>): Core {
  const used = data.filter((d) => d.row.rttMs > overhead.get(d.row.provider)! + 0.2);
  const beta = l1Fit(
    used.map((d) => d.x),
    used.map((d) => Math.log((d.row.rttMs - overhead.get(d.row.provider)!) / d.lbMs)),
  );
  let loss = 0;
  for (const d of data) loss += Math.abs(Math.log((overhead.get(d.row.provider)! + d.lbMs * Math.exp(dot(d.x, beta))) / d.row.rttMs));
  return { beta, pairOverheadMs: new Map(overhead), loss };
}

const OVERHEAD_GRID_MS = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 7, 8];

/** Fits the coefficients and per-provider overheads (coordinate descent over a 0.5 ms grid). */
function fitTerms(data: Prepared[]): Core {
  const providers = [...new Set(data.map((d) => d.row.provider))].sort();
  let best: Core | undefined;
  for (const o of OVERHEAD_GRID_MS) {
    const c = fitCore(data, new Map(providers.map((p) => [p, o])));
    if (!best || c.loss < best.loss) best = c;
  }
  for (let pass = 0; pass < 2 && providers.length > 1; pass++)
    for (const p of providers)
      for (const o of OVERHEAD_GRID_MS) {
        const m = new Map(best!.pairOverheadMs).set(p, o);
        const c = fitCore(data, m);
        if (c.loss < best!.loss) best = c;
      }
  return best!;
}

function clusterMetros(rows: CalibrationRow[]): Array<[number, number]> {
  const metros: Array<[number, number]> = [];
  for (const r of rows)
    for (const [lat, lon] of [
      [r.fromLatDeg, r.fromLonDeg],
      [r.toLatDeg, r.toLonDeg],
    ] as const)
      if (!metros.some(([a, b]) => haversineKm(lat, lon, a, b) < 100)) metros.push([lat, lon]);
  return metros;
}

/** Median ln(measured / model) per pair of metros. */
function correctionsOf(c: Pick<CloudCalibration, 'metros' | 'metroRadiusKm'>, data: Prepared[], model: (d: Prepared) => number): Record<string, number> {
  const groups = new Map<string, number[]>();
  const calib = c as CloudCalibration;
  for (const d of data) {
    const m1 = nearestMetro(calib, d.row.fromLatDeg, d.row.fromLonDeg);
    const m2 = nearestMetro(calib, d.row.toLatDeg, d.row.toLonDeg);
    if (m1 < 0 || m2 < 0) continue;
    const key = correctionKey(m1, m2);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(Math.log(d.row.rttMs / model(d)));
  }
  const out: Record<string, number> = {};
  for (const [k, v] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) out[k] = round4(quantile(v, 0.5));
  return out;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4 + 0; // + 0: no -0 in the JSON

const METRO_RADIUS_KM = 600;

/**
 * Fits the cloud model on published measurements. The band is calibrated the way it is tested: each
 * provider in `rows` is predicted from the others' corrections (leave-one-provider-out inside the fit),
 * and the p10/p90 of those residuals, split by whether the pair had a correction, make the band.
 * Deterministic: the same rows in the same order give the same JSON.
 */
export function fitCloudCalibration(rows: CalibrationRow[]): CloudCalibration {
  const data = prepare(rows);
  const terms = fitTerms(data);
  const providers = [...terms.pairOverheadMs.keys()].sort();
  const endOverheadMs: Record<string, number> = {};
  for (const p of providers) endOverheadMs[p] = terms.pairOverheadMs.get(p)! / 2;
  endOverheadMs.default = round4(providers.reduce((s, p) => s + endOverheadMs[p]!, 0) / providers.length);
  const [intercept, logDistance, eurasia, gulf, ocean] = terms.beta.map(round4) as [number, number, number, number, number];
  const base: CloudCalibration = {
    coef: { intercept, logDistance, eurasia, gulf, ocean },
    endOverheadMs,
    metroRadiusKm: METRO_RADIUS_KM,
    metros: clusterMetros(rows),
    corrections: {},
    band: { matched: [0, 0], unmatched: [0, 0] },
    fittedOn: { rows: data.length, providers },
  };
  const model = (d: Prepared) =>
    2 * endOverheadMs[d.row.provider]! +
    d.lbMs * inflation(base, d.lbMs / rttMsPerKm(FIBER_INDEX), zoneOf(d.row.fromLatDeg, d.row.fromLonDeg), zoneOf(d.row.toLatDeg, d.row.toLonDeg));
  base.corrections = correctionsOf(base, data, model);
  const matched: number[] = [];
  const unmatched: number[] = [];
  for (const p of providers) {
    const others = data.filter((d) => d.row.provider !== p);
    const held = { ...base, corrections: correctionsOf(base, others, model) };
    for (const d of data) {
      if (d.row.provider !== p) continue;
      const key = correctionKey(nearestMetro(held, d.row.fromLatDeg, d.row.fromLonDeg), nearestMetro(held, d.row.toLatDeg, d.row.toLonDeg));
      const corr = held.corrections[key];
      (corr === undefined ? unmatched : matched).push(Math.log(d.row.rttMs / (model(d) * Math.exp(corr ?? 0))));
    }
  }
  base.band = {
    matched: [round4(quantile(matched, 0.1)), round4(quantile(matched, 0.9))],
    unmatched: [round4(quantile(unmatched, 0.1)), round4(quantile(unmatched, 0.9))],
  };
  return base;
}
