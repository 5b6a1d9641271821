// Shared by every RTT rule: severity from physics, and the wording of figures.

import type { Fix, Loc, Related, Severity, SiteRef } from '../design';
import type { PairRtt } from '../rtt';
import type { RuleContext } from './types';

/**
 * error: no network can do this (the lower bound, or a measurement, exceeds the limit);
 * warning: a realistic route does (the estimate exceeds it); nothing otherwise.
 */
export function judge(pair: PairRtt, limitMs: number): Severity | undefined {
  if (pair.lowerBoundMs > limitMs) return 'error';
  if (pair.rttMs > limitMs) return pair.measured ? 'error' : 'warning';
  return undefined;
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
  return severity === 'warning' ? `physics allows it only on a near-straight fiber path (lower bound ${fmtMs(pair.lowerBoundMs)} ms)` : '';
}

export function pairData(pair: PairRtt, limitMs: number): Record<string, unknown> {
  return {
    sites: [pair.from, pair.to],
    distanceKm: pair.distanceKm,
    lowerBoundMs: pair.lowerBoundMs,
    rttMs: pair.rttMs,
    measured: pair.measured,
    limitMs,
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

export function replaceFix(title: string, loc: Loc, newText: string, preferred = false): Fix {
  return { title, edits: [{ file: loc.file, start: loc.start, end: loc.end, newText }], preferred };
}

export function numOption(ctx: RuleContext, key: string): number {
  const v = ctx.options[key];
  return typeof v === 'number' ? v : Number(v);
}
