// The RTT model: for any two placed sites, the physical lower bound, the estimate (or the
// measurement) and the path it takes. See docs/rtt-model.md for the figures and their sources.
//
// - lower bound: great-circle distance at the speed of light in the fastest medium allowed between
//   the sites: fiber, or faster where the design declares hollow-core/microwave/LEO links (a
//   shortest-path metric over those, so lower bounds keep the triangle inequality);
// - a measured `rtt_ms` on a direct link wins; else the cheapest path over declared links;
//   else a direct estimate: dedicated fiber (route factor + equipment) between on-premises sites,
//   the calibrated cloud model when a cloud region is involved.

import type { Assumptions, Design, Link, Medium, Site } from './design';
import { DEFAULT_ASSUMPTIONS, MEDIUM, ROUTE_BAND, rttMsPerKm } from './limits';
import { FAST_GEODESIC_MAX_REL_ERROR, exactGeodesicKm, fastGeodesicKm, fastPoint, geodesicKm, type FastPoint } from './geo/geodesic';
import { correctionKey, inflation, nearestMetro, zoneOf, type CloudCalibration, type Zone } from './rttCalibration';
import defaultCalibration from './geo/rtt-calibration.json';

/** The cloud model fitted on data/rtt-calibration.csv (scripts/build-rtt-model.mjs). */
export const CLOUD_CALIBRATION = defaultCalibration as unknown as CloudCalibration;

/** `internet`: from a user group's location to a site (see `RttModel.fromPoint`). */
export type RttBasis = 'measured' | 'links' | 'dedicated-fiber' | 'cloud' | 'internet';

export interface PairRtt {
  from: string;
  to: string;
  distanceKm: number;
  lowerBoundMs: number;
  /** measured when `measured`, else the estimate */
  rttMs: number;
  /**
   * The p10-p90 band around the estimate (ms): about 80 % of real RTTs fall between the two. Calibrated on
   * published inter-region RTTs when `basis` is `cloud`; a DCI Lint heuristic (route 1.2-2.0 x the great
   * circle) for dedicated fiber and unmeasured links; equal to `rttMs` when measured. Never below the lower bound.
   */
  estimateLowMs: number;
  estimateHighMs: number;
  measured: boolean;
  basis: RttBasis;
  /** the sites the traffic crosses, both ends included */
  path: string[];
  model: { medium: Medium; routeFactor: number; overheadMs: number };
}

/** A declared link as an edge: its ends (site indices), the fields its figures come from, and the figures. */
interface LinkInfo {
  a: number;
  b: number;
  medium: Medium;
  routeKm: number | undefined;
  rttMs: number | undefined;
  distanceKm: number;
  costMs: number;
  lowMs: number;
  highMs: number;
  measured: boolean;
  /** its edges in the adjacency lists, a -> b and b -> a */
  ab: Edge;
  ba: Edge;
}

function sameFastLinks(x: Array<[number, number, number]>, y: Array<[number, number, number]>): boolean {
  if (x.length !== y.length) return false;
  for (let k = 0; k < x.length; k++) if (x[k]![0] !== y[k]![0] || x[k]![1] !== y[k]![1] || x[k]![2] !== y[k]![2]) return false;
  return true;
}

interface Edge {
  to: number;
  costMs: number;
  lowMs: number;
  highMs: number;
  measured: boolean;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
export { round2 };

/**
 * The assumptions in force: the design's over the configuration's over DEFAULT_ASSUMPTIONS. Always the same
 * five keys in the same order (unset ones undefined): one hidden class for every model's assumptions, so
 * V8's optimised code that reads them is not thrown away when a design or a configuration sets one more.
 */
export function resolveAssumptions(design: Design, overrides: Partial<Assumptions> = {}): Assumptions {
  const a = { ...DEFAULT_ASSUMPTIONS, ...overrides, ...design.assumptions };
  return {
    fiberRouteFactor: a.fiberRouteFactor,
    equipmentMs: a.equipmentMs,
    fiberIndex: a.fiberIndex,
    cloudOverheadMs: a.cloudOverheadMs,
    cloudRouteFactor: a.cloudRouteFactor,
  };
}

/** Endpoints of faster-than-fiber links beyond which lower bounds use the coarse metric (256³ steps: ~50 ms). */
export const MAX_FAST_ENDPOINTS = 256;

/**
 * Everything an RttModel depends on, as a string: two designs with the same signature get the same
 * figures for every pair, so an editor can keep the model (and its searches) across versions in which
 * only names, lists, methods or limits changed.
 */
export function rttSignature(design: Design, assumptions: Assumptions): string {
  const parts: string[] = [JSON.stringify(assumptions)];
  // the provider too: a cloud end's overhead is its provider's (two providers' regions can share a city's coordinates)
  for (const s of design.sites.values())
    if (s.placement) parts.push(`${s.id}\u0000${s.placement.latDeg},${s.placement.lonDeg},${s.placement.cloud ? 1 : 0},${s.region?.provider ?? ''}`);
  parts.push('');
  for (const l of design.links) parts.push(`${l.between.map((r) => r.id).join('\u0000')}|${l.medium}|${l.routeKm ?? ''}|${l.rttMs ?? ''}`);
  return parts.join('\n');
}

/**
 * The least RTT (ms) a link of `medium` can show over `distanceKm` of great circle: the medium's floor, or
 * the distance at its speed (fiber and internet at `fiberIndex`). A measured `rtt_ms` below this (0.1 %
 * tolerance) is impossible: `impossible-rtt` reports it and the model does not use it.
 */
export function physicalMinRttMs(medium: Medium, distanceKm: number, fiberIndex: number): number {
  const m = MEDIUM[medium];
  const index = medium === 'fiber' || medium === 'internet' ? fiberIndex : m.index;
  return Math.max(m.floorMs, distanceKm * rttMsPerKm(index));
}

/** A measured RTT the model may trust: finite, and not below the physical minimum of its link. */
export function plausibleRttMs(rttMs: number | undefined, minMs: number): rttMs is number {
  return rttMs !== undefined && Number.isFinite(rttMs) && rttMs >= minMs * 0.999;
}

/** A declared route length the model may use: positive and not shorter than the great circle (0.1 % tolerance). */
export function plausibleRouteKm(routeKm: number | undefined, distanceKm: number): routeKm is number {
  return routeKm !== undefined && routeKm > 0 && routeKm >= distanceKm * 0.999;
}

/**
 * An empty array whose elements are already of V8's general kind. A `[]` starts as an array of small
 * integers and changes kind at its first push of a string or object; the optimised code of the model's
 * constructor, compiled for one kind, was thrown away ("not a Smi") during the first edits after an open,
 * and compiled again.
 */
function objectList<T>(): T[] {
  const list: unknown[] = [null];
  list.length = 0;
  return list as T[];
}

export class RttModel {
  readonly assumptions: Assumptions;
  private readonly ids: string[] = objectList();
  private readonly index = new Map<string, number>();
  /** per site, sized for every site of the design (typed: one element kind, whatever the first coordinates look like) */
  private readonly lat: Float64Array;
  private readonly lon: Float64Array;
  private readonly cloud: boolean[] = objectList();
  /** per site: zone, nearest calibration metro (-1: none within reach), fixed RTT it adds as a cloud end */
  private readonly zone: Zone[] = objectList();
  private readonly metro: Int32Array;
  private readonly endOverheadMs: Float64Array;
  private readonly calibration: CloudCalibration;
  /** set with `fastDistance`: prepared points for the Andoyer-Lambert distance */
  private readonly fastPoints: FastPoint[] | undefined;
  /** bounds use distance x this: 1, or 1 - the fast formula's error bound */
  private readonly boundScale: number;
  /** per site: the cloud provider of a region (the end overhead depends on it), '' otherwise */
  private readonly provider: string[] = objectList();
  private readonly adjacency: Edge[][] = objectList();
  /** the adjacency as flat arrays, built at the first search (links are all added by then) */
  private edges: FlatEdges | undefined;
  /** per declared link with two placed, distinct ends: its edge figures (see `linkInfo`) */
  private readonly links = new Map<Link, LinkInfo>();
  /** the same, in the order of design.links (undefined: not an edge), for the next version's model */
  private readonly linkList: Array<LinkInfo | undefined> = objectList();
  /** the faster-than-fiber links as the lower-bound metric saw them: [a, b, ms] */
  private fastLinks: Array<[number, number, number]> = [];
  private readonly shortest = new Map<number, Search>();
  /** Built with `previous`: how many of its path searches and memoised pairs this model took over. */
  carried?: { searches: number; searchesBefore: number; pairs: number; pairsBefore: number };
  private lastSource = -1;
  private lastSearch: Search | undefined;
  /** the memory of the searches (created with the first one) */
  private searches: SearchStore | undefined;
  /** endpoints of links faster than fiber, and the lower-bound metric among them */
  private fast: number[] = [];
  private fastDist: Float64Array = new Float64Array(0);
  /** set instead of the metric above when there are too many fast-link endpoints: the fastest medium's ms/km */
  private coarseMsPerKm: number | undefined;
  private readonly fiberMsPerKm: number;

  /** Rules ask for the same pairs again and again; `matrix` asks once each and must not keep millions. */
  private readonly memo: Map<number, PairRtt> | undefined;
  /** the most the kept path searches may hold (SEARCH_BUDGET_BYTES unless the tests set it) */
  private readonly searchBudgetBytes: number;

  /**
   * @param options.memoize keep every computed pair (rules ask again and again); `matrix` turns it off.
   * @param options.calibration the cloud model (default: the one fitted on data/rtt-calibration.csv);
   *   the calibration test passes one fitted without a provider to check it on that provider.
   * @param options.fastDistance distances by Andoyer-Lambert (within 0.0007 % of GeographicLib up to 150° of
   *   arc, GeographicLib beyond), bounds from the distance less the formula's error bound: for `matrix`.
   */
  /**
   * @param options.searchBudgetBytes the most the kept path searches may hold (default SEARCH_BUDGET_BYTES;
   *   the tests set a tiny one to check that dropped searches change no figure)
   * @param options.previous the model of the previous version of the same document (an editor's cache):
   *   what the edit did not touch is taken over instead of recomputed (see `carryOver`). The figures are
   *   exactly those of a model built from scratch; the previous model must not be asked again afterwards
   *   (its path searches now belong to this one).
   */
  constructor(
    design: Design,
    assumptions?: Assumptions,
    options: { memoize?: boolean; calibration?: CloudCalibration; fastDistance?: boolean; previous?: RttModel; searchBudgetBytes?: number } = {},
  ) {
    this.memo = options.memoize === false ? undefined : new Map();
    this.searchBudgetBytes = options.searchBudgetBytes ?? SEARCH_BUDGET_BYTES;
    this.fastPoints = options.fastDistance ? [] : undefined;
    this.boundScale = options.fastDistance ? 1 - FAST_GEODESIC_MAX_REL_ERROR : 1;
    this.calibration = options.calibration ?? CLOUD_CALIBRATION;
    this.assumptions = assumptions ?? resolveAssumptions(design);
    this.fiberMsPerKm = rttMsPerKm(this.assumptions.fiberIndex);
    const capacity = design.sites.size;
    this.lat = new Float64Array(capacity);
    this.lon = new Float64Array(capacity);
    this.metro = new Int32Array(capacity);
    this.endOverheadMs = new Float64Array(capacity);
    const prev = options.previous && this.canReuse(options.previous) ? options.previous : undefined;
    // per site of `prev` (by its index there): placed exactly as in this design
    const kept = prev ? new Uint8Array(prev.ids.length) : undefined;
    for (const site of design.sites.values()) this.addSite(site, prev, kept);
    for (const link of design.links) this.addLink(link, prev, kept);
    this.buildFastMetric(design.links);
    if (prev) this.carryOver(prev, kept!);
  }

  /** Same assumptions, calibration and mode: a previous model's figures can stand in for this one's. */
  private canReuse(prev: RttModel): boolean {
    if (prev === this || prev.calibration !== this.calibration || !prev.memo || !this.memo || prev.fastPoints || this.fastPoints) return false;
    const a = prev.assumptions as unknown as Record<string, unknown>;
    const b = this.assumptions as unknown as Record<string, unknown>;
    const keys = Object.keys(b);
    if (Object.keys(a).length !== keys.length) return false;
    for (const k of keys) if (a[k] !== b[k]) return false;
    return true;
  }

  private addSite(site: Site, prev: RttModel | undefined, kept: Uint8Array | undefined): void {
    if (!site.placement || this.index.has(site.id)) return;
    const { latDeg, lonDeg, cloud } = site.placement;
    const provider = site.region?.provider ?? '';
    const at = this.ids.length;
    this.index.set(site.id, at);
    this.ids.push(site.id);
    this.lat[at] = latDeg;
    this.lon[at] = lonDeg;
    this.fastPoints?.push(fastPoint(latDeg, lonDeg));
    this.cloud.push(cloud);
    this.provider.push(provider);
    this.adjacency.push([]);
    // The same site, placed the same way, in the previous version: its zone, metro and overhead stand.
    const k = prev?.index.get(site.id);
    if (k !== undefined && prev!.lat[k] === latDeg && prev!.lon[k] === lonDeg && prev!.cloud[k] === cloud && prev!.provider[k] === provider) {
      kept![k] = 1;
      this.zone.push(prev!.zone[k]!);
      this.metro[at] = prev!.metro[k]!;
      this.endOverheadMs[at] = prev!.endOverheadMs[k]!;
      return;
    }
    this.zone.push(zoneOf(latDeg, lonDeg));
    // on-premises sites too: a site in Frankfurt reaches a cloud region over the same long-haul routes
    this.metro[at] = nearestMetro(this.calibration, latDeg, lonDeg);
    const o = this.calibration.endOverheadMs;
    this.endOverheadMs[at] = cloud ? (o[provider] ?? o.default ?? 0) : 0;
  }

  private addLink(link: Link, prev: RttModel | undefined, kept: Uint8Array | undefined): void {
    const at = this.linkList.length;
    this.linkList.push(undefined);
    if (link.between.length !== 2) return;
    const a = this.index.get(link.between[0]!.id);
    const b = this.index.get(link.between[1]!.id);
    if (a === undefined || b === undefined || a === b) return;
    // The same link between the same, unmoved sites in the previous version (same place in the list): its figures stand.
    const old = prev?.linkList[at];
    let info: LinkInfo;
    if (
      old &&
      old.medium === link.medium &&
      old.routeKm === link.routeKm &&
      old.rttMs === link.rttMs &&
      prev!.ids[old.a] === this.ids[a] &&
      prev!.ids[old.b] === this.ids[b] &&
      kept![old.a] === 1 &&
      kept![old.b] === 1
    ) {
      // read-only once built: shared with the previous model when the ends keep their indices
      info = old.a === a && old.b === b ? old : { ...old, a, b, ab: { ...old.ab, to: b }, ba: { ...old.ba, to: a } };
    } else {
      const distanceKm = this.distanceKmAt(a, b);
      // A measurement below the physical minimum is reported by impossible-rtt and not trusted here: the
      // link's estimate stands in for it, so no rule passes on an impossible figure.
      const measured = this.trustedRttMs(link, a, b) !== undefined;
      const costMs = measured ? link.rttMs! : this.linkEstimateMs(link, a, b);
      const lowMs = measured ? costMs : this.linkEstimateMs(link, a, b, ROUTE_BAND.low);
      const highMs = measured ? costMs : this.linkEstimateMs(link, a, b, ROUTE_BAND.high);
      const ab = { to: b, costMs, lowMs, highMs, measured };
      const ba = { to: a, costMs, lowMs, highMs, measured };
      info = { a, b, medium: link.medium, routeKm: link.routeKm, rttMs: link.rttMs, distanceKm, costMs, lowMs, highMs, measured, ab, ba };
    }
    this.linkList[at] = info;
    this.links.set(link, info);
    this.adjacency[a]!.push(info.ab);
    this.adjacency[b]!.push(info.ba);
  }

  /**
   * Takes over from the previous version's model what the edit left valid (its sites are those of this
   * model in the same order, and the fast-link metric is the same):
   * - a path search from a source, when no site it has settled has a changed list of edges. Dijkstra
   *   reads only the edges of settled sites, so the search would have taken exactly the same steps on
   *   this graph, ties included; it resumes from where it stopped;
   * - a memoised pair, when neither end moved or changed its edges, and the search it read (if any) is kept;
   * - the fiber bounds from fast-link endpoints, recomputed for the sites that moved.
   * Everything else is computed afresh on demand, as in a new model.
   */
  private carryOver(prev: RttModel, kept: Uint8Array): void {
    const n = this.ids.length;
    if (prev.ids.length !== n) return;
    for (let i = 0; i < n; i++) if (prev.ids[i] !== this.ids[i]) return;
    // dirty: moved (placed differently), or its edges differ (a moved site's neighbours too: their costs changed)
    const dirty: number[] = [];
    const bad = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const e1 = this.adjacency[i]!;
      const e0 = prev.adjacency[i]!;
      let same = kept[i] === 1 && e1.length === e0.length;
      for (let k = 0; same && k < e1.length; k++) {
        const x = e1[k]!;
        const y = e0[k]!;
        same = x === y || (x.to === y.to && x.costMs === y.costMs && x.lowMs === y.lowMs && x.highMs === y.highMs && x.measured === y.measured);
      }
      if (!same) {
        bad[i] = 1;
        dirty.push(i);
      }
    }
    const moved = (i: number) => kept[i] !== 1;
    // The previous model's search memory is this one's: its slabs, the searches it held spare, and those
    // the edit made invalid. (A store per version left each slab alive for the one search of it carried
    // over: a 2,000-site design's server grew ~1 MB per edit, 360 -> 660 MB over 300 edits.)
    const store = (this.searches = prev.searches ?? new SearchStore(n));
    // a search is valid when it settled no site whose edges changed (moved sites counted too)
    for (const [source, s] of prev.shortest) {
      let valid = true;
      for (const u of dirty)
        if (s.settled[u]) {
          valid = false;
          break;
        }
      if (valid) this.shortest.set(source, s);
      else store.give(s);
    }
    this.carried = { searches: this.shortest.size, searchesBefore: prev.shortest.size, pairs: 0, pairsBefore: prev.memo!.size };
    // the searches are this model's now: the previous one must not resume them on its own graph
    prev.shortest.clear();
    prev.lastSearch = undefined;
    prev.lastSource = -1;
    // lower bounds: the same fast-link metric, or every pair afresh
    if (!sameFastLinks(prev.fastLinks, this.fastLinks) || prev.coarseMsPerKm !== this.coarseMsPerKm) return;
    for (let u = 0; u < prev.fastFiber.length; u++) {
      const old = prev.fastFiber[u];
      if (!old) continue;
      const row = old.slice();
      for (let k = 0; k < n; k++) if (moved(k)) row[k] = this.screenFiberAt(this.fast[u]!, k);
      this.fastFiber[u] = row;
    }
    for (const [key, p] of prev.memo!) {
      const i = Math.floor(key / n);
      const j = key - i * n;
      if (bad[i] || bad[j]) continue;
      // the pair read the search from i when both ends have edges
      if (this.adjacency[i]!.length > 0 && this.adjacency[j]!.length > 0 && i !== j && !this.shortest.has(i)) continue;
      this.memo!.set(key, p);
    }
    this.carried.pairs = this.memo!.size;
  }

  /**
   * The great-circle distance (km) between the ends of a declared link, as `distanceKm` gives it; undefined
   * when the link has not two placed, distinct ends.
   */
  linkDistanceKm(link: Link): number | undefined {
    const info = this.links.get(link);
    if (info) return info.distanceKm;
    if (link.between.length !== 2 || link.between[0]!.id === link.between[1]!.id) return undefined;
    return this.distanceKm(link.between[0]!.id, link.between[1]!.id);
  }

  /** The RTT of one declared link on its own (measured, or its route at its medium's speed), not of the best path. */
  linkRttMs(link: Link): number | undefined {
    const info = this.links.get(link);
    if (info) return info.measured ? info.costMs : round2(info.costMs);
    if (link.between.length !== 2) return undefined;
    const a = this.index.get(link.between[0]!.id);
    const b = this.index.get(link.between[1]!.id);
    if (a === undefined || b === undefined || a === b) return undefined;
    return this.trustedRttMs(link, a, b) ?? round2(this.linkEstimateMs(link, a, b));
  }

  /** The link's measured RTT when physics allows it, else undefined. */
  private trustedRttMs(link: Link, a: number, b: number): number | undefined {
    return plausibleRttMs(link.rttMs, physicalMinRttMs(link.medium, this.distanceKmAt(a, b), this.assumptions.fiberIndex)) ? link.rttMs : undefined;
  }

  /**
   * A declared link without a measurement: its route at its medium's speed, plus equipment. `routeScale`
   * scales an assumed route (not a declared `route_km`) for the ends of the band.
   */
  private linkEstimateMs(link: Link, a: number, b: number, routeScale = 1): number {
    const m = MEDIUM[link.medium];
    const gcKm = this.distanceKmAt(a, b);
    const routeFactor = link.medium === 'fiber' ? this.assumptions.fiberRouteFactor : m.routeFactor;
    const index = link.medium === 'fiber' || link.medium === 'internet' ? this.assumptions.fiberIndex : m.index;
    // A route shorter than the great circle is reported by impossible-rtt and not used.
    const routeKm = plausibleRouteKm(link.routeKm, gcKm) ? link.routeKm : gcKm * Math.max(1, routeFactor * routeScale);
    return Math.max(m.floorMs, routeKm * rttMsPerKm(index) + m.fixedMs) + this.assumptions.equipmentMs;
  }

  private buildFastMetric(links: Link[]): void {
    const fastLinks: Array<[number, number, number]> = [];
    for (const link of links) {
      const m = MEDIUM[link.medium];
      if (m.index >= this.assumptions.fiberIndex || link.between.length !== 2) continue;
      const a = this.index.get(link.between[0]!.id);
      const b = this.index.get(link.between[1]!.id);
      if (a === undefined || b === undefined || a === b) continue;
      fastLinks.push([a, b, this.distanceKmAt(a, b) * this.boundScale * rttMsPerKm(m.index) + m.floorMs]);
    }
    this.fastLinks = fastLinks;
    if (fastLinks.length === 0) return;
    const endpoints = [...new Set(fastLinks.flatMap(([a, b]) => [a, b]))];
    if (endpoints.length > MAX_FAST_ENDPOINTS) {
      // The exact metric is cubic in the endpoints (1,000 microwave links: 27 s). Any path is at least the
      // great circle at the fastest medium's speed: a looser bound that keeps the triangle inequality.
      let msPerKm = this.fiberMsPerKm;
      for (const link of links) msPerKm = Math.min(msPerKm, rttMsPerKm(MEDIUM[link.medium].index));
      this.coarseMsPerKm = msPerKm;
      return;
    }
    this.fast = endpoints;
    const n = this.fast.length;
    const pos = new Map(this.fast.map((s, i) => [s, i]));
    const d = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i * n + j] = i === j ? 0 : this.fiberBoundAt(this.fast[i]!, this.fast[j]!);
    for (const [a, b, ms] of fastLinks) {
      const i = pos.get(a)!;
      const j = pos.get(b)!;
      if (ms < d[i * n + j]!) d[i * n + j] = d[j * n + i] = ms;
    }
    for (let k = 0; k < n; k++)
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const via = d[i * n + k]! + d[k * n + j]!;
          if (via < d[i * n + j]!) d[i * n + j] = via;
        }
    this.fastDist = d;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  siteIds(): readonly string[] {
    return this.ids;
  }

  distanceKm(a: string, b: string): number | undefined {
    const i = this.index.get(a);
    const j = this.index.get(b);
    return i === undefined || j === undefined ? undefined : this.distanceKmAt(i, j);
  }

  private distanceKmAt(i: number, j: number): number {
    if (this.fastPoints) {
      const km = fastGeodesicKm(this.fastPoints[i]!, this.fastPoints[j]!);
      // each pair once: GeographicLib without geodesicKm's memo (a string key per pair)
      return Number.isNaN(km) ? exactGeodesicKm(this.lat[i]!, this.lon[i]!, this.lat[j]!, this.lon[j]!) : km;
    }
    return geodesicKm(this.lat[i]!, this.lon[i]!, this.lat[j]!, this.lon[j]!);
  }

  private fiberBoundAt(i: number, j: number): number {
    return this.distanceKmAt(i, j) * this.boundScale * this.fiberMsPerKm;
  }

  /**
   * From each endpoint of a fast link to every site, a lower bound of the fiber bound (screenFiberAt),
   * computed once per endpoint: it screens the paths through fast links, and only a path that could beat
   * the bound found so far has its legs figured exactly (lowerBoundAt).
   */
  private fastFiber: Array<Float64Array | undefined> = [];

  private fiberFromFast(u: number): Float64Array {
    let row = this.fastFiber[u];
    if (!row) {
      row = new Float64Array(this.ids.length);
      for (let k = 0; k < row.length; k++) row[k] = this.screenFiberAt(this.fast[u]!, k);
      this.fastFiber[u] = row;
    }
    return row;
  }

  /**
   * At most fiberBoundAt(i, j): the Andoyer-Lambert distance less its relative error bound
   * (FAST_GEODESIC_MAX_REL_ERROR) in fiber; GeographicLib's past 150° of arc. With `fastDistance`
   * (matrix), fiberBoundAt itself, which is already that bound. A fast link's endpoint against every
   * site of a 2,000-site design: 2,000 of these instead of 2,000 GeographicLib inverses.
   */
  private screenFiberAt(i: number, j: number): number {
    if (this.fastPoints) return this.fiberBoundAt(i, j);
    const points = this.pointsOfSites();
    const km = fastGeodesicKm(points[i]!, points[j]!);
    return Number.isNaN(km) ? this.fiberBoundAt(i, j) : km * (1 - FAST_GEODESIC_MAX_REL_ERROR) * this.fiberMsPerKm;
  }

  /** The lower bound between two placed sites (index form). */
  private lowerBoundAt(i: number, j: number, distanceKm: number): number {
    let best = distanceKm * this.boundScale * (this.coarseMsPerKm ?? this.fiberMsPerKm);
    const n = this.fast.length;
    if (n === 0 || i === j) return best;
    // the rows looked up once per pair, not once per (u, v): matrix asks this for every pair
    const rows = this.fastFiber;
    const fastDist = this.fastDist;
    // the rows are lower bounds of the legs (exact with fastDistance): a path they cannot bring below
    // `best` is skipped, one they can is figured with GeographicLib's legs
    const exactRows = this.fastPoints !== undefined;
    for (let u = 0; u < n; u++) {
      const toU = (rows[u] ?? this.fiberFromFast(u))[i]!;
      if (toU >= best) continue;
      for (let v = 0; v < n; v++) {
        const total = toU + fastDist[u * n + v]! + (rows[v] ?? this.fiberFromFast(v))[j]!;
        if (total >= best) continue;
        const figured = exactRows ? total : this.fiberBoundAt(this.fast[u]!, i) + fastDist[u * n + v]! + this.fiberBoundAt(this.fast[v]!, j);
        if (figured < best) best = figured;
      }
    }
    return best;
  }

  /** The cheapest route over declared links (a lazy Dijkstra per source, shared by all its targets). */
  private route(i: number, j: number): Route {
    const sp = this.shortestTo(i, j);
    const path: string[] = [];
    for (let k = j; k !== -1; k = sp.prev[k]!) path.push(this.ids[k]!);
    return { rttMs: sp.dist[j]!, lowMs: sp.low[j]!, highMs: sp.high[j]!, path: path.reverse(), measured: sp.measured[j] === 1 };
  }

  /** shortestTo, with its first test small enough to be inlined: matrix asks it for every pair. */
  private searched(source: number, target: number): Search {
    const last = this.lastSearch;
    return last !== undefined && this.lastSource === source && last.settled[target] === 1 ? last : this.shortestTo(source, target);
  }

  /**
   * Keeps the searches within SEARCH_BUDGET_BYTES, dropping the least recently used (never `keep`, the
   * one under way). A dropped search is run again if its source is asked for another target; the pairs
   * it answered stay memoised, and the next version recomputes them (carryOver takes over a pair only with
   * the search it read). A 10,000-site design opened asks for 4,552 sources: 1.37 GB of searches kept
   * whole, the process's RSS 1.56 GB (see SEARCH_BUDGET_BYTES).
   */
  private dropSearchesOverBudget(keep: number): void {
    const bytesEach = this.ids.length * SEARCH_BYTES_PER_SITE;
    let over = this.shortest.size * bytesEach - this.searchBudgetBytes;
    for (const source of this.shortest.keys()) {
      if (over <= 0) break;
      if (source === keep) continue;
      const dropped = this.shortest.get(source)!;
      this.shortest.delete(source);
      this.searches?.give(dropped);
      if (this.lastSource === source) {
        this.lastSource = -1;
        this.lastSearch = undefined;
      }
      over -= bytesEach;
    }
  }

  /**
   * Shortest paths from `source`, settled lazily: the search stops as soon as `target` is settled and
   * resumes from where it stopped on the next query from the same source. Rules ask mostly for
   * nearby pairs, so most searches settle a handful of sites instead of the whole graph.
   */
  private shortestTo(source: number, target: number): Search {
    // matrix asks the same source for every target in turn: skip the map when the target is settled
    const last = this.lastSearch;
    if (last !== undefined && this.lastSource === source && target >= 0 && last.settled[target] === 1) return last;
    let s = this.shortest.get(source);
    if (s) {
      // most recently used last: the budget below drops the least recently used first
      this.shortest.delete(source);
      this.shortest.set(source, s);
    } else {
      const store = (this.searches ??= new SearchStore(this.ids.length));
      // Without memoisation (matrix: one source after another) keep only the latest search, and reuse its
      // arrays: 2,000 kept searches of 2,000 sites would hold 120 MB.
      if (!this.memo) {
        for (const old of this.shortest.values()) store.give(old);
        this.shortest.clear();
      }
      s = store.take();
      s.dist[source] = 0;
      s.low[source] = 0;
      s.high[source] = 0;
      s.prev[source] = -1;
      s.measured[source] = 1;
      s.seen[source] = 1;
      s.heap.push(0, source);
      this.shortest.set(source, s);
      this.dropSearchesOverBudget(source);
    }
    const { dist, low, high, prev, measured, settled, seen, heap } = s;
    // the links as flat arrays (CSR), in the adjacency's order: the same search, twice as fast
    const g = (this.edges ??= flatEdges(this.adjacency));
    while (!settled[target] && heap.size > 0) {
      const d = heap.peekKey();
      const u = heap.pop();
      if (settled[u] || d > dist[u]!) continue;
      settled[u] = 1;
      for (let k = g.first[u]!, end = g.first[u + 1]!; k < end; k++) {
        const v = g.to[k]!;
        const nd = d + g.costMs[k]!;
        if (seen[v] === 0 || nd < dist[v]!) {
          seen[v] = 1;
          dist[v] = nd;
          low[v] = low[u]! + g.lowMs[k]!;
          high[v] = high[u]! + g.highMs[k]!;
          prev[v] = u;
          measured[v] = measured[u]! && g.measured[k] ? 1 : 0;
          heap.push(nd, v);
        }
      }
    }
    this.lastSource = source;
    this.lastSearch = s;
    return s;
  }

  pair(a: string, b: string): PairRtt | undefined {
    const i = this.index.get(a);
    const j = this.index.get(b);
    if (i === undefined || j === undefined) return undefined;
    if (!this.memo) return this.compute(a, b, i, j);
    const key = i * this.ids.length + j;
    let p = this.memo.get(key);
    if (!p) this.memo.set(key, (p = this.compute(a, b, i, j)));
    return p;
  }

  /**
   * RTT from a point that is not a site (a user group's location: `label` names it in messages) to a
   * placed site, over the public internet: the lower bound is the great-circle distance in fiber, the
   * estimate the `internet` medium (route factor 1.74 and 5 ms of edges, from data/rtt-calibration.csv).
   * The design's private links and faster media carry no user traffic. Undefined for an unplaced site.
   */
  fromPoint(label: string, latDeg: number, lonDeg: number, siteId: string): PairRtt | undefined {
    const j = this.index.get(siteId);
    if (j === undefined) return undefined;
    const distanceKm = geodesicKm(latDeg, lonDeg, this.lat[j]!, this.lon[j]!);
    const lowerBoundMs = distanceKm * this.fiberMsPerKm;
    const m = MEDIUM.internet;
    const rttMs = Math.max(lowerBoundMs * m.routeFactor + m.fixedMs, lowerBoundMs);
    // The same route band as other uncalibrated routes (ROUTE_BAND, a DCI Lint heuristic), never below the bound.
    const lowMs = Math.max(lowerBoundMs * m.routeFactor * ROUTE_BAND.low + m.fixedMs, lowerBoundMs);
    const highMs = Math.max(lowerBoundMs * m.routeFactor * ROUTE_BAND.high + m.fixedMs, rttMs);
    return {
      from: label,
      to: siteId,
      distanceKm: round2(distanceKm),
      lowerBoundMs: round2(lowerBoundMs),
      rttMs: round2(rttMs),
      estimateLowMs: round2(lowMs),
      estimateHighMs: round2(highMs),
      measured: false,
      basis: 'internet',
      path: [label, siteId],
      model: { medium: 'internet', routeFactor: m.routeFactor, overheadMs: m.fixedMs },
    };
  }

  /** Every placed site as a fastGeodesicKm point, in index order: computed on first use. */
  private sitePoints: FastPoint[] | undefined;

  private pointsOfSites(): FastPoint[] {
    if (this.fastPoints) return this.fastPoints;
    if (!this.sitePoints) {
      this.sitePoints = [];
      for (let k = 0; k < this.ids.length; k++) this.sitePoints.push(fastPoint(this.lat[k]!, this.lon[k]!));
    }
    return this.sitePoints;
  }

  /** nearestFromPoint's distances (km, fast formula) from a point to every placed site, by "lat,lon" */
  private readonly fromPointKm = new Map<string, Float64Array>();

  /**
   * The placed site nearest to a point (`label` names it in messages) over the public internet, among
   * those not in `exclude`: exactly the first of all placed sites ranked by `fromPoint(...).rttMs`, file
   * order among equal figures; undefined when no site is left. The RTT from a point grows with the
   * great-circle distance, so only the sites whose distance can be the smallest are figured in full:
   * Andoyer-Lambert distances (geo/geodesic.ts, relative error at most FAST_GEODESIC_MAX_REL_ERROR; past
   * 150° of arc GeographicLib's) pick them, with a margin for that error and for the 0.01 ms rounding of
   * the figures. A user group against 2,000 sites: 2,000 fast distances and a few GeographicLib ones,
   * instead of 2,000 of each and 2,000 PairRtt.
   */
  nearestFromPoint(label: string, latDeg: number, lonDeg: number, exclude: ReadonlySet<string>): PairRtt | undefined {
    const n = this.ids.length;
    const km = this.kmFromPoint(latDeg, lonDeg);
    let least = Infinity;
    for (let k = 0; k < n; k++) if (km[k]! < least && !exclude.has(this.ids[k]!)) least = km[k]!;
    if (least === Infinity) return undefined;
    // A site's RTT from the point grows by at least fiberMsPerKm per km: sites more than 0.011 ms of that
    // apart cannot round to the same 0.01 ms figure, nor swap places.
    const eps = FAST_GEODESIC_MAX_REL_ERROR;
    const within = (least / (1 - eps) + 0.011 / this.fiberMsPerKm) * (1 + eps);
    let best: PairRtt | undefined;
    for (let k = 0; k < n; k++) {
      if (!(km[k]! <= within) || exclude.has(this.ids[k]!)) continue;
      const p = this.fromPoint(label, latDeg, lonDeg, this.ids[k]!)!;
      if (!best || p.rttMs < best.rttMs) best = p;
    }
    return best;
  }

  /** Fast-formula distances (km) from a point to every placed site (GeographicLib's past 150° of arc), once per point. */
  private kmFromPoint(latDeg: number, lonDeg: number): Float64Array {
    const key = `${latDeg},${lonDeg}`;
    let km = this.fromPointKm.get(key);
    if (km) return km;
    const n = this.ids.length;
    const points = this.pointsOfSites();
    const from = fastPoint(latDeg, lonDeg);
    km = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const d = fastGeodesicKm(from, points[k]!);
      km[k] = Number.isNaN(d) ? geodesicKm(latDeg, lonDeg, this.lat[k]!, this.lon[k]!) : d;
    }
    this.fromPointKm.set(key, km);
    return km;
  }

  private compute(a: string, b: string, i: number, j: number): PairRtt {
    const f = this.figuresAt(i, j, newFigures());
    const path = i === j ? [a] : f.basis === 'links' || f.basis === 'measured' ? this.route(i, j).path : [a, b];
    const model = f.basis === 'cloud' ? { medium: 'fiber' as Medium, routeFactor: f.routeFactor, overheadMs: f.overheadMs } : this.fiberModel();
    return {
      from: a,
      to: b,
      distanceKm: f.distanceKm,
      lowerBoundMs: f.lowerBoundMs,
      rttMs: f.rttMs,
      estimateLowMs: f.estimateLowMs,
      estimateHighMs: f.estimateHighMs,
      measured: f.measured,
      basis: f.basis,
      path,
      model,
    };
  }

  /** The index of a placed site (file order of placed sites), or -1. */
  indexOf(id: string): number {
    return this.index.get(id) ?? -1;
  }

  /**
   * The figures of the pair (i, j) (indices as `indexOf`), rounded to 0.01, written into `out` (and
   * returned): for callers that format millions of pairs without building a PairRtt each (`matrix`).
   */
  figuresAt(i: number, j: number, out: PairFigures): PairFigures {
    const distanceKm = this.distanceKmAt(i, j);
    const lowerBoundMs = this.lowerBoundAt(i, j, distanceKm);
    let rttMs: number;
    let lowMs: number;
    let highMs: number;
    let measured = false;
    let basis: RttBasis = 'dedicated-fiber';
    let routeFactor = this.assumptions.fiberRouteFactor;
    let overheadMs = this.assumptions.equipmentMs;
    let sp: Search;
    if (i === j) {
      rttMs = lowMs = highMs = 0;
    } else if (this.adjacency[i]!.length > 0 && this.adjacency[j]!.length > 0 && (sp = this.searched(i, j)).settled[j] === 1) {
      measured = sp.measured[j] === 1;
      basis = measured ? 'measured' : 'links';
      rttMs = sp.dist[j]!;
      lowMs = sp.low[j]!;
      highMs = sp.high[j]!;
    } else {
      const fiberLbMs = distanceKm * this.fiberMsPerKm;
      if (!this.cloud[i] && !this.cloud[j]) {
        const eq = this.assumptions.equipmentMs;
        rttMs = fiberLbMs * routeFactor + eq;
        lowMs = fiberLbMs * Math.max(1, routeFactor * ROUTE_BAND.low) + eq;
        highMs = fiberLbMs * routeFactor * ROUTE_BAND.high + eq;
      } else {
        const est = this.cloudEstimate(i, j, distanceKm, fiberLbMs);
        rttMs = est.rttMs;
        lowMs = est.lowMs;
        highMs = est.highMs;
        basis = 'cloud';
        routeFactor = round2(est.routeFactor);
        overheadMs = round2(est.overheadMs);
      }
    }
    // The bound is physics: no estimate, and no end of a band, is ever below it (a measurement stays as
    // it is: impossible-rtt reports one below the bound).
    if (!measured) {
      rttMs = Math.max(rttMs, lowerBoundMs);
      lowMs = Math.max(lowMs, lowerBoundMs);
      highMs = Math.max(highMs, rttMs);
    }
    out.distanceKm = round2(distanceKm);
    out.lowerBoundMs = round2(lowerBoundMs);
    out.rttMs = round2(rttMs);
    out.estimateLowMs = round2(lowMs);
    out.estimateHighMs = round2(highMs);
    out.measured = measured;
    out.basis = basis;
    out.routeFactor = routeFactor;
    out.overheadMs = overheadMs;
    return out;
  }

  /**
   * Shortest paths over declared links from site `i`, searched to the end: the predecessor of each site
   * on its path (-1: none, or unreachable). Undefined when `i` has no links. For `matrix`, which formats
   * every path from one source.
   */
  predecessorsFrom(i: number): Int32Array | undefined {
    if (this.adjacency[i]!.length === 0) return undefined;
    // target -1 is never settled: the search runs until every reachable site is
    return this.shortestTo(i, -1).prev;
  }

  /**
   * The calibrated estimate with a cloud region at one end or both (see rttCalibration.ts): each cloud end
   * adds its provider's overhead, the route inflation depends on distance and geography, and a pair near
   * published pairs is corrected by their median error. `cloud_route_factor` / `cloud_overhead_ms`, when
   * configured, replace the fitted inflation / overheads.
   */
  private cloudEstimate(
    i: number,
    j: number,
    distanceKm: number,
    fiberLbMs: number,
  ): { rttMs: number; lowMs: number; highMs: number; routeFactor: number; overheadMs: number } {
    const c = this.calibration;
    const clouds = (this.cloud[i] ? 1 : 0) + (this.cloud[j] ? 1 : 0);
    const overheadMs =
      this.assumptions.cloudOverheadMs !== undefined ? (this.assumptions.cloudOverheadMs * clouds) / 2 : this.endOverheadMs[i]! + this.endOverheadMs[j]!;
    const mi = this.metro[i]!;
    const mj = this.metro[j]!;
    const correction = mi >= 0 && mj >= 0 ? c.corrections[correctionKey(mi, mj)] : undefined;
    let routeFactor: number;
    let rttMs: number;
    if (this.assumptions.cloudRouteFactor !== undefined) {
      routeFactor = this.assumptions.cloudRouteFactor;
      rttMs = fiberLbMs * routeFactor + overheadMs;
    } else {
      // The correction scales the whole estimate, as it was fitted: express it as a route factor.
      const corr = Math.exp(correction ?? 0);
      rttMs = (overheadMs + fiberLbMs * inflation(c, distanceKm, this.zone[i]!, this.zone[j]!)) * corr;
      routeFactor = fiberLbMs > 0 ? (rttMs - overheadMs) / fiberLbMs : 1;
    }
    const [lo, hi] = correction === undefined ? c.band.unmatched : c.band.matched;
    return { rttMs, lowMs: rttMs * Math.exp(lo), highMs: rttMs * Math.exp(hi), routeFactor, overheadMs };
  }

  private fiberModelCache?: PairRtt['model'];

  /** Shared by every dedicated-fiber result: treat as read-only. */
  private fiberModel(): PairRtt['model'] {
    return (this.fiberModelCache ??= { medium: 'fiber' as Medium, routeFactor: this.assumptions.fiberRouteFactor, overheadMs: this.assumptions.equipmentMs });
  }
}

/** The figures of one pair without its ends and path (see RttModel.figuresAt): PairRtt's, with its model's route factor and fixed RTT flat. */
export type PairFigures = Pick<PairRtt, 'distanceKm' | 'lowerBoundMs' | 'rttMs' | 'estimateLowMs' | 'estimateHighMs' | 'measured' | 'basis'> &
  Pick<PairRtt['model'], 'routeFactor' | 'overheadMs'>;

export function newFigures(): PairFigures {
  return {
    distanceKm: 0,
    lowerBoundMs: 0,
    rttMs: 0,
    estimateLowMs: 0,
    estimateHighMs: 0,
    measured: false,
    basis: 'dedicated-fiber',
    routeFactor: 1,
    overheadMs: 0,
  };
}

interface Route {
  rttMs: number;
  lowMs: number;
  highMs: number;
  path: string[];
  measured: boolean;
}

/** Edges of site u: indices first[u] to first[u + 1] - 1 of the other arrays. */
interface FlatEdges {
  first: Int32Array;
  to: Int32Array;
  costMs: Float64Array;
  lowMs: Float64Array;
  highMs: Float64Array;
  measured: Uint8Array;
}

function flatEdges(adjacency: Edge[][]): FlatEdges {
  const n = adjacency.length;
  const first = new Int32Array(n + 1);
  for (let u = 0; u < n; u++) first[u + 1] = first[u]! + adjacency[u]!.length;
  const m = first[n]!;
  const g = { first, to: new Int32Array(m), costMs: new Float64Array(m), lowMs: new Float64Array(m), highMs: new Float64Array(m), measured: new Uint8Array(m) };
  for (let u = 0; u < n; u++)
    adjacency[u]!.forEach((e, k) => {
      const at = first[u]! + k;
      g.to[at] = e.to;
      g.costMs[at] = e.costMs;
      g.lowMs[at] = e.lowMs;
      g.highMs[at] = e.highMs;
      g.measured[at] = e.measured ? 1 : 0;
    });
  return g;
}

/** Bytes a Search holds per site: dist, low, high (8 each), prev (4), measured, settled and seen (1 each). */
const SEARCH_BYTES_PER_SITE = 31;
/**
 * The path searches one model keeps, at most (bytes). A 2,000-site design's open keeps ~910 searches of
 * 60 KB (55 MB): all of them; a 10,000-site design's asks for 4,552 of 300 KB and keeps ~450 (RSS of the
 * process 1,559 -> 402 MB, the analysis no slower: 5.9 -> 4.9 s CPU). DCI Lint's figure: the memory of
 * one large design against recomputing the searches it drops.
 */
export const SEARCH_BUDGET_BYTES = 128 * 1024 * 1024;

/**
 * One source's lazy Dijkstra. A site's `dist`, `low`, `high`, `prev` and `measured` hold a value only once
 * `seen` (reached): the arrays start as they are allocated (zeros) or as the last search left them, and
 * nothing is filled for sites a search never reaches (most searches reach a handful).
 */
interface Search {
  dist: Float64Array;
  /** the ends of the band along the path `dist` follows */
  low: Float64Array;
  high: Float64Array;
  /** the site before, on the path from the source (-1 at the source) */
  prev: Int32Array;
  measured: Uint8Array;
  settled: Uint8Array;
  seen: Uint8Array;
  heap: MinHeap;
}

/** Searches are carved out of buffers of this size (or one search, if larger): one allocation for many. */
const SEARCH_SLAB_BYTES = 1024 * 1024;

/**
 * Where a model's searches live: slabs of several searches (a 2,000-site open starts ~910 searches; a
 * buffer each was ~910 allocations outside the heap, 27 ms of a cold open), and the searches it dropped
 * or could not take over from the previous version, reused before a slab grows.
 */
class SearchStore {
  private slab: ArrayBuffer | undefined;
  private used = 0;
  private readonly spare: Search[] = [];

  constructor(private readonly n: number) {}

  /** A search of nothing yet (every site unseen, unsettled; the heap empty). */
  take(): Search {
    const old = this.spare.pop();
    if (old) {
      old.seen.fill(0);
      old.settled.fill(0);
      old.heap.size = 0;
      return old;
    }
    const n = this.n;
    // a multiple of 8: every search in a slab starts where its Float64Arrays may
    const bytes = Math.ceil((n * SEARCH_BYTES_PER_SITE) / 8) * 8;
    if (!this.slab || this.used + bytes > this.slab.byteLength) {
      this.slab = new ArrayBuffer(Math.max(1, Math.floor(SEARCH_SLAB_BYTES / bytes)) * bytes);
      this.used = 0;
    }
    const b = this.slab;
    const o = this.used;
    this.used += bytes;
    return {
      dist: new Float64Array(b, o, n),
      low: new Float64Array(b, o + 8 * n, n),
      high: new Float64Array(b, o + 16 * n, n),
      prev: new Int32Array(b, o + 24 * n, n),
      measured: new Uint8Array(b, o + 28 * n, n),
      settled: new Uint8Array(b, o + 29 * n, n),
      seen: new Uint8Array(b, o + 30 * n, n),
      heap: new MinHeap(),
    };
  }

  /** A search nobody reads any more: its arrays serve the next `take`. */
  give(search: Search): void {
    if (search.dist.length === this.n) this.spare.push(search);
  }
}

/** A binary min-heap of (key, node) in growable typed arrays: no garbage per push. */
class MinHeap {
  private keys = new Float64Array(64);
  private nodes = new Int32Array(64);
  size = 0;

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p]! <= key) break;
      this.keys[i] = this.keys[p]!;
      this.nodes[i] = this.nodes[p]!;
      i = p;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }

  peekKey(): number {
    return this.keys[0]!;
  }

  pop(): number {
    const top = this.nodes[0]!;
    const n = --this.size;
    const key = this.keys[n]!;
    const node = this.nodes[n]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && this.keys[r]! < this.keys[l]! ? r : l;
      if (this.keys[m]! >= key) break;
      this.keys[i] = this.keys[m]!;
      this.nodes[i] = this.nodes[m]!;
      i = m;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
    return top;
  }
}
