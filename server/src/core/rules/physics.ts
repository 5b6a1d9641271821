// Shared by every RTT rule: severity from physics, and the wording of figures.

import type { Element, Fix, Loc, Related, Severity, SiteRef } from '../design';
import { provenanceLabel, type Limit, type Provenance } from '../limits';
import type { PairRtt } from '../rtt';
import type { AppliedLimit, LimitRow, RuleContext, RuleOption, Verdict } from './types';

/**
 * error: no network can do this (the lower bound, or a measurement, exceeds the limit);
 * warning: a realistic route does (the estimate exceeds it); nothing otherwise.
 */
export function judge(pair: PairRtt, limitMs: number): Severity | undefined {
  if (pair.lowerBoundMs > limitMs) return 'error';
  if (pair.rttMs > limitMs) return pair.measured ? 'error' : 'warning';
  return undefined;
}

/**
 * The verdict of a pair against an applied limit. RTT limits: error when the lower bound (or a
 * measurement) exceeds it, warning when the estimate does. Distance limits (cable length): error when the
 * great circle exceeds it, warning when the route (great circle x `routeFactor`) does. A DCI Lint
 * heuristic is never an error on its own (at most a warning), unless it applies a vendor figure of a
 * related product (`provenance.from`: HCX vMotion and vSphere's 150 ms).
 */
export function grade(pair: PairRtt, limit: AppliedLimit, routeFactor: number): Verdict {
  let v: Verdict;
  if (limit.unit === 'km') v = pair.distanceKm > limit.value ? 'error' : pair.distanceKm * routeFactor > limit.value ? 'warning' : 'ok';
  else v = (judge(pair, limit.value) as Verdict | undefined) ?? 'ok';
  return v === 'error' && limit.provenance.kind === 'heuristic' && !limit.provenance.from ? 'warning' : v;
}

/** Judges one pair, records it as a row (what hovers and inlay hints show) and returns the row. */
export function evaluate(ctx: RuleContext, element: Element, pair: PairRtt, limit: AppliedLimit, role?: 'witness'): LimitRow {
  const row: LimitRow = {
    ruleId: limit.ruleId,
    element,
    from: pair.from,
    to: pair.to,
    pair,
    limit,
    verdict: grade(pair, limit, ctx.rtt.assumptions.fiberRouteFactor),
  };
  if (role) row.role = role;
  ctx.row(row);
  return row;
}

const INTEGER_UNITS = new Set(['count', 'bytes']);

/** A rule option whose default is a row of limits.ts: type, unit and bounds from the row, source and provenance with it. */
export function limitOption(limit: Limit, description: string, bounds: { minimum?: number; maximum?: number } = {}): RuleOption {
  return {
    default: limit.value,
    type: INTEGER_UNITS.has(limit.unit) ? 'integer' : 'number',
    unit: limit.unit,
    minimum: bounds.minimum ?? (INTEGER_UNITS.has(limit.unit) ? 1 : 0),
    maximum: bounds.maximum ?? 1e9,
    description,
    source: limit.source,
    provenance: limit.provenance,
  };
}

/**
 * The limit a rule option sets for this run: the default with its provenance, or the configured value
 * marked `configured` (a `.dci-lint.yaml` value replaces the vendor's or DCI Lint's figure).
 */
export function optionLimit(ctx: RuleContext, option: string, base: Limit, label: string): AppliedLimit {
  const value = numOption(ctx, option);
  const unit = base.unit === 'km' ? 'km' : 'ms';
  if (value === base.value) return { value, unit, label, source: base.source, provenance: base.provenance, ruleId: ctx.ruleId, option };
  const provenance: Provenance = { kind: 'configured', option, default: base.value };
  return { value, unit, label, source: `${label}: ${value} ${unit} [${provenanceLabel(provenance)}]`, provenance, ruleId: ctx.ruleId, option };
}

/** A limit the design itself sets (`max_rtt_ms`, `heartbeat.interval_ms`, an NSX location's `maximum_rtt`). */
export function designLimit(ctx: RuleContext, value: number, key: string, label: string): AppliedLimit {
  const provenance: Provenance = { kind: 'design', key };
  return { value, unit: 'ms', label, source: `${label}: ${fmtMs(value)} ms [${provenanceLabel(provenance)}]`, provenance, ruleId: ctx.ruleId };
}

/** The limit as finding data: figures, unit and provenance, so JSON output carries whose claim it is. */
export function limitData(limit: AppliedLimit): Record<string, unknown> {
  return {
    [limit.unit === 'km' ? 'limitKm' : 'limitMs']: limit.value,
    limitSource: limit.source,
    limit: { value: limit.value, unit: limit.unit, label: limit.label, provenance: limit.provenance, source: limit.source },
  };
}

/** "(vendor)" / "(DCI Lint heuristic)": said after a limit in messages. */
export function provenanceNote(limit: AppliedLimit): string {
  return `(${provenanceLabel(limit.provenance)})`;
}

export function fmtMs(ms: number): string {
  const text = ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

export function fmtKm(km: number): string {
  // Thousands separators by hand: Intl's toLocaleString costs more than the rule that calls it.
  return String(Math.round(km)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "78.2 ms RTT (estimate; at least 60.7 ms over 6,203 km)" */
export function describe(pair: PairRtt): string {
  const kind = pair.measured
    ? 'measured'
    : pair.basis === 'links'
      ? `estimate over ${pair.path.join(' -> ')}`
      : pair.basis === 'internet'
        ? 'estimate over the internet'
        : 'estimate';
  return `${fmtMs(pair.rttMs)} ms RTT (${kind}; at least ${fmtMs(pair.lowerBoundMs)} ms over ${fmtKm(pair.distanceKm)} km)`;
}

/** Why the severity is what it is, in one clause. */
export function verdict(severity: Severity, pair: PairRtt, limitMs: number): string {
  if (pair.lowerBoundMs > limitMs) return `no network can do this: light in fiber alone needs ${fmtMs(pair.lowerBoundMs)} ms`;
  if (pair.measured) return `the measured ${fmtMs(pair.rttMs)} ms is over the limit`;
  if (severity !== 'warning') return '';
  const pct = overLimitPercent(pair, limitMs);
  const likely = pct > 90 ? 'more than 90 %' : `about ${pct} %`;
  return `physics allows it only on a near-straight fiber path (lower bound ${fmtMs(pair.lowerBoundMs)} ms); by the estimate's p10-p90 band (${fmtMs(pair.estimateLowMs)}-${fmtMs(pair.estimateHighMs)} ms) the real RTT is over the limit with ${likely} likelihood`;
}

/**
 * How likely (%) the real RTT is over `limitMs`, reading the estimate as the median and its band as the
 * 10th and 90th percentiles, interpolated in log space between them (5 % steps; 95 below the band, 5
 * above it). A DCI Lint heuristic on top of the calibrated band: the band, not this curve, was tested.
 */
export function overLimitPercent(pair: Pick<PairRtt, 'rttMs' | 'estimateLowMs' | 'estimateHighMs'>, limitMs: number): number {
  const { rttMs: mid, estimateLowMs: lo, estimateHighMs: hi } = pair;
  if (!(limitMs > 0)) return 100;
  let p: number;
  if (limitMs < lo) p = 95;
  else if (limitMs >= hi) p = 5;
  else if (limitMs < mid) p = 50 + (40 * Math.log(mid / limitMs)) / Math.log(mid / lo);
  else p = hi > mid ? 10 + (40 * Math.log(hi / limitMs)) / Math.log(hi / mid) : 10;
  return Math.round(p / 5) * 5;
}

export function pairData(pair: PairRtt, limit?: AppliedLimit | number): Record<string, unknown> {
  return {
    sites: [pair.from, pair.to],
    distanceKm: pair.distanceKm,
    lowerBoundMs: pair.lowerBoundMs,
    rttMs: pair.rttMs,
    estimateLowMs: pair.estimateLowMs,
    estimateHighMs: pair.estimateHighMs,
    measured: pair.measured,
    ...(typeof limit === 'number' ? { limitMs: limit } : limit ? limitData(limit) : {}),
    path: pair.path,
  };
}

export function siteRelated(ctx: RuleContext, ids: string[]): Related[] {
  const out: Related[] = [];
  for (const id of ids) {
    const site = ctx.site(id);
    if (site) out.push({ loc: site.idLoc, message: `site ${id}${site.placement ? ` (${site.placement.origin})` : ''}` });
  }
  return out;
}

export function span(a: Loc, b: Loc): Loc {
  return { file: a.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** The schema's `maxItems` of a site list: pairwise checks look at no more sites than this. */
export const MAX_PAIRWISE_SITES = 256;

/**
 * The placed sites of a list of references, each once, in first-occurrence order, at most
 * MAX_PAIRWISE_SITES (the schema reports a longer list): pairwise checks cost the square of this, not of
 * the list (100,000 repeated or unknown ids, or 2,000 distinct sites, would otherwise hang).
 */
export function placedIds(ctx: RuleContext, refs: SiteRef[]): string[] {
  return [...new Set(refs.map((r) => r.id))].filter((id) => ctx.rtt.has(id)).slice(0, MAX_PAIRWISE_SITES);
}

/** The worst pair among a list of site references (unplaced and unknown sites are skipped). */
export function worstPair(ctx: RuleContext, refs: SiteRef[]): PairRtt | undefined {
  let worst: PairRtt | undefined;
  const ids = placedIds(ctx, refs);
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const p = ctx.pair(ids[i]!, ids[j]!);
      if (p && (!worst || p.rttMs > worst.rttMs || (p.rttMs === worst.rttMs && p.lowerBoundMs > worst.lowerBoundMs))) worst = p;
    }
  return worst;
}

/**
 * Judges every pair of placed sites among `refs` with `judge` (which records the row) and returns the
 * worst failing row: highest RTT, then highest lower bound; undefined when every pair is ok.
 */
export function worstFailingRow(ctx: RuleContext, refs: SiteRef[], judge: (pair: PairRtt) => LimitRow): LimitRow | undefined {
  let worst: LimitRow | undefined;
  const ids = placedIds(ctx, refs);
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const p = ctx.pair(ids[i]!, ids[j]!);
      if (!p) continue;
      const row = judge(p);
      if (row.verdict !== 'ok' && (!worst || p.rttMs > worst.pair.rttMs || (p.rttMs === worst.pair.rttMs && p.lowerBoundMs > worst.pair.lowerBoundMs)))
        worst = row;
    }
  return worst;
}

export function replaceFix(title: string, loc: Loc, newText: string, preferred = false): Fix {
  return { title, edits: [{ file: loc.file, start: loc.start, end: loc.end, newText }], preferred };
}

export function numOption(ctx: RuleContext, key: string): number {
  return ctx.options[key]!;
}
