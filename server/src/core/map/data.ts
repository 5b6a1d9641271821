// What a map of a design shows: the placed sites, and every site pair the design depends on (its links
// and the pairs its segments, clusters, migrations and replications are judged on), each with the RTT
// model's figures, the limit in force and the worst finding on it. Pure data: the SVG renderer
// (`./svg.ts`), the CLI (`dci-lint map`) and the editor's map and matrix views all read this.

import { SEVERITY_RANK, type Design, type Finding, type Loc, type SiteRef } from '../design';
import type { PairRtt, RttBasis, RttModel } from '../rtt';

/** error / warning: the worst unsuppressed finding on the pair; clean: none (info and hint count as clean). */
export type MapVerdict = 'error' | 'warning' | 'clean';

export interface MapSite {
  id: string;
  name?: string;
  latDeg: number;
  lonDeg: number;
  /** where the coordinates came from, e.g. "coordinates", "aws:eu-west-1 (Dublin (Ireland))" */
  origin: string;
  cloud: boolean;
  /** the site's definition (its id as written) */
  loc: Loc;
  /** the worst verdict of the pairs it is part of */
  verdict: MapVerdict;
}

/** A limit in force on a pair: a vendor figure, or a figure of this design (`source` says which). */
export interface MapLimit {
  value: number;
  unit: 'ms' | 'km';
  label: string;
  source: string;
  ruleId: string;
}

/** One element (link, segment, cluster, migration, replication) that puts a pair on the map. */
export interface MapUse {
  kind: 'link' | 'segment' | 'cluster' | 'migration' | 'replication' | 'service' | 'finding';
  name: string;
  loc: Loc;
  limit?: MapLimit;
  role?: 'witness';
}

export interface MapPair {
  from: string;
  to: string;
  distanceKm: number;
  lowerBoundMs: number;
  /** measured when `measured`, else the model's estimate */
  rttMs: number;
  measured: boolean;
  basis: RttBasis;
  path: string[];
  /** a declared link joins the two sites */
  link: boolean;
  uses: MapUse[];
  /** the strictest limit among the uses, if any */
  limit?: MapLimit;
  verdict: MapVerdict;
  /** the unsuppressed findings on this pair, worst first */
  findings: Array<{ ruleId: string; severity: Finding['severity']; message: string; loc: Loc }>;
}

export interface MapData {
  name?: string;
  file: string;
  sites: MapSite[];
  pairs: MapPair[];
  /** sites of the design that could not be placed (not drawn) */
  unplaced: string[];
}

/** A pair an element is judged on, with the limit the rules apply to it (from the caller, who knows the rows). */
export interface JudgedRow {
  from: string;
  to: string;
  use: MapUse;
}

const uniq = (refs: SiteRef[]) => [...new Set(refs.map((r) => r.id))];

/** Most sites of one element that are paired on a map (the schema's maxItems of a site list). */
const MAX_ELEMENT_SITES = 256;

function allPairs(ids: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const some = ids.slice(0, MAX_ELEMENT_SITES);
  for (let i = 0; i < some.length; i++) for (let j = i + 1; j < some.length; j++) out.push([some[i]!, some[j]!]);
  return out;
}

/**
 * The pairs each element of a design depends on, without limits: every pair of a link, segment,
 * cluster (and its witness) or replication, each hop of a migration. Callers that know the limits
 * (the editor's rows) pass their own rows to `buildMapData` instead.
 */
export function elementRows(design: Design): JudgedRow[] {
  const rows: JudgedRow[] = [];
  const add = (ids: Array<[string, string]>, use: MapUse) => {
    for (const [from, to] of ids) rows.push({ from, to, use });
  };
  for (const l of design.links) add(allPairs(uniq(l.between)), { kind: 'link', name: l.name, loc: l.loc });
  for (const s of design.segments) add(allPairs(uniq(s.sites)), { kind: 'segment', name: s.name, loc: s.loc });
  for (const c of design.clusters) {
    add(allPairs(uniq(c.sites)), { kind: 'cluster', name: c.name, loc: c.loc });
    if (c.witness)
      add(
        uniq(c.sites)
          .filter((id) => id !== c.witness!.id)
          .map((id) => [c.witness!.id, id] as [string, string]),
        { kind: 'cluster', name: c.name, loc: c.loc, role: 'witness' },
      );
  }
  for (const m of design.migrations)
    for (let i = 0; i + 1 < m.path.length; i++)
      if (m.path[i]!.id !== m.path[i + 1]!.id) rows.push({ from: m.path[i]!.id, to: m.path[i + 1]!.id, use: { kind: 'migration', name: m.name, loc: m.loc } });
  for (const r of design.replication) add(allPairs(uniq(r.sites)), { kind: 'replication', name: r.name, loc: r.loc });
  return rows;
}

const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

function worse(a: MapVerdict, b: MapVerdict): MapVerdict {
  const rank = { clean: 0, warning: 1, error: 2 };
  return rank[b] > rank[a] ? b : a;
}

function verdictOf(severity: Finding['severity']): MapVerdict {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'clean';
}

/** The strictest of two limits in the same unit (ms before km when they differ). */
function stricter(a: MapLimit | undefined, b: MapLimit | undefined): MapLimit | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.unit !== b.unit) return a.unit === 'ms' ? a : b;
  return b.value < a.value ? b : a;
}

/**
 * The map of one design: its placed sites, and each pair that an element depends on or a finding
 * names (`data.sites`), with the RTT model's figures and its worst unsuppressed finding.
 *
 * @param design  a parsed design (topology YAML or a Terraform module)
 * @param findings the lint findings of that design (suppressed ones are ignored)
 * @param model   the RTT model the findings were computed with (same assumptions)
 * @param rows    the judged pairs with their limits; default `elementRows(design)` (no limits)
 * Pairs are in first-use order; sites in file order. Unplaced sites are listed, not drawn.
 */
export function buildMapData(design: Design, findings: readonly Finding[], model: RttModel, rows: JudgedRow[] = elementRows(design)): MapData {
  const sites: MapSite[] = [];
  const unplaced: string[] = [];
  for (const s of design.sites.values()) {
    if (!s.placement || !model.has(s.id)) {
      unplaced.push(s.id);
      continue;
    }
    const site: MapSite = {
      id: s.id,
      latDeg: s.placement.latDeg,
      lonDeg: s.placement.lonDeg,
      origin: s.placement.origin,
      cloud: s.placement.cloud,
      loc: s.idLoc,
      verdict: 'clean',
    };
    if (s.name) site.name = s.name;
    sites.push(site);
  }
  const byKey = new Map<string, MapPair>();
  const linked = new Set(design.links.flatMap((l) => allPairs(uniq(l.between)).map(([a, b]) => key(a, b))));
  const pairOf = (a: string, b: string): MapPair | undefined => {
    if (a === b) return undefined;
    const k = key(a, b);
    let p = byKey.get(k);
    if (p) return p;
    const rtt: PairRtt | undefined = model.pair(a, b);
    if (!rtt) return undefined;
    p = {
      from: rtt.from,
      to: rtt.to,
      distanceKm: rtt.distanceKm,
      lowerBoundMs: rtt.lowerBoundMs,
      rttMs: rtt.rttMs,
      measured: rtt.measured,
      basis: rtt.basis,
      path: rtt.path,
      link: linked.has(k),
      uses: [],
      verdict: 'clean',
      findings: [],
    };
    byKey.set(k, p);
    return p;
  };
  for (const r of rows) {
    const p = pairOf(r.from, r.to);
    if (!p) continue;
    if (!p.uses.some((u) => u.kind === r.use.kind && u.name === r.use.name && u.loc.start === r.use.loc.start && u.role === r.use.role)) p.uses.push(r.use);
    const limit = stricter(p.limit, r.use.limit);
    if (limit) p.limit = limit;
  }
  for (const f of findings) {
    if (f.suppressed) continue;
    const ids = (f.data as { sites?: unknown }).sites;
    if (!Array.isArray(ids) || ids.length < 2 || !ids.every((x) => typeof x === 'string')) continue;
    const list = ids as string[];
    // A finding on two sites draws its pair; one on more (a migration across continents) marks the
    // pairs among them that are already on the map.
    const targets = list.length === 2 ? [pairOf(list[0]!, list[1]!)] : allPairs([...new Set(list)]).map(([a, b]) => byKey.get(key(a, b)));
    for (const p of targets) {
      if (!p) continue;
      if (p.uses.length === 0) p.uses.push({ kind: 'finding', name: f.ruleId, loc: f.loc });
      p.findings.push({ ruleId: f.ruleId, severity: f.severity, message: f.message, loc: f.loc });
      p.verdict = worse(p.verdict, verdictOf(f.severity));
    }
  }
  const pairs = [...byKey.values()];
  for (const p of pairs) {
    p.findings.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
    // The limit shown is the one the worst finding judged, when a use carries it (a vMotion hop that
    // is also in a segment shows the vMotion limit its error is about).
    for (const f of p.findings) {
      const judged = p.uses.find((u) => u.limit?.ruleId === f.ruleId)?.limit;
      if (judged) {
        p.limit = judged;
        break;
      }
    }
  }
  const siteById = new Map(sites.map((s) => [s.id, s]));
  for (const p of pairs)
    for (const id of [p.from, p.to]) {
      const s = siteById.get(id);
      if (s) s.verdict = worse(s.verdict, p.verdict);
    }
  const out: MapData = { file: design.file, sites, pairs, unplaced };
  if (design.name) out.name = design.name;
  return out;
}
