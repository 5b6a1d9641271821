// user-latency: can each group of users reach an instance of a service within the service's RTT SLO?
// Anycast and GSLB send users to the nearest instance; active-passive and single to the active site.

import type { Fix, Service, UserGroup } from '../design';
import type { PairRtt } from '../rtt';
import { describe, fmtMs, MAX_PAIRWISE_SITES, placedIds, siteRelated } from './physics';
import type { Rule, RuleContext } from './types';

/** The sites a user group can be sent to: every placed instance (nearest wins), or the active one. */
export function candidateSites(ctx: RuleContext, svc: Service): string[] {
  const ids = placedIds(ctx, svc.sites);
  if (svc.distribution === 'anycast' || svc.distribution === 'gslb') return ids;
  // active-passive: the first site is the active one; single: the only (first) site
  const first = svc.sites[0];
  return first && ctx.rtt.has(first.id) ? [first.id] : [];
}

/**
 * The RTT from a user group to each of `ids`: `best` by estimate (what GSLB and anycast pick), and the
 * least lower bound over all of them (what decides whether any network could meet a limit).
 */
export function nearestInstance(
  ctx: RuleContext,
  user: UserGroup,
  ids: string[],
  memo?: Map<string, PairRtt | undefined>,
): { best: PairRtt; minLowerBoundMs: number } | undefined {
  const p = user.place.placement;
  if (!p) return undefined;
  let best: PairRtt | undefined;
  let minLb = Infinity;
  for (const id of ids) {
    let pair = memo?.get(id);
    if (!pair) {
      pair = ctx.rtt.fromPoint(user.name, p.latDeg, p.lonDeg, id);
      memo?.set(id, pair);
    }
    if (!pair) continue;
    if (!best || pair.rttMs < best.rttMs) best = pair;
    minLb = Math.min(minLb, pair.lowerBoundMs);
  }
  return best ? { best, minLowerBoundMs: minLb } : undefined;
}

/** Is some instance of `ids` within `sloMs` of the user group (estimate)? Stops at the first. */
function withinSlo(ctx: RuleContext, user: UserGroup, ids: string[], sloMs: number, memo: Map<string, PairRtt | undefined>): boolean {
  const p = user.place.placement!;
  for (const id of ids) {
    let pair = memo.get(id);
    if (!pair) {
      pair = ctx.rtt.fromPoint(user.name, p.latDeg, p.lonDeg, id);
      memo.set(id, pair);
    }
    if (pair && pair.rttMs <= sloMs) return true;
  }
  return false;
}

export const userLatency: Rule = {
  meta: {
    id: 'user-latency',
    summary: "A user group's nearest instance of a service (anycast/GSLB: nearest; active-passive/single: the active site) exceeds the service's `rtt_slo_ms`.",
    defaultSeverity: 'error',
    graded: true,
    fixable: true,
    options: {},
  },
  check(ctx) {
    // The schema reports lists longer than MAX_PAIRWISE_SITES; the checks look at that many (users x services x sites).
    const users = ctx.design.users.slice(0, MAX_PAIRWISE_SITES).filter((u) => u.place.placement);
    const pairsOf = new Map<UserGroup, Map<string, PairRtt | undefined>>();
    for (const u of users) pairsOf.set(u, new Map());
    if (users.length === 0) return;
    for (const svc of ctx.design.services.slice(0, MAX_PAIRWISE_SITES)) {
      const slo = svc.rttSloMs;
      if (slo === undefined) continue;
      const ids = candidateSites(ctx, svc);
      if (ids.length === 0) continue;
      const nearestAll = ids.length > 1;
      const taken = new Set(svc.sites.map((r) => r.id));
      for (const user of users) {
        // Any instance within the SLO means the nearest one is: nothing to compute further.
        if (withinSlo(ctx, user, ids, slo, pairsOf.get(user)!)) continue;
        const near = nearestInstance(ctx, user, ids, pairsOf.get(user));
        if (!near) continue;
        const { best, minLowerBoundMs } = near;
        // error: no instance is reachable within the SLO on any network; warning: the realistic route is not
        const severity = minLowerBoundMs > slo ? 'error' : best.rttMs > slo ? 'warning' : undefined;
        if (!severity) continue;
        const how = nearestAll
          ? `the nearest instance (${svc.distribution}) is ${best.to}`
          : `${svc.distribution === 'active-passive' ? 'the active site' : 'its only site'} is ${best.to}`;
        const why =
          severity === 'error'
            ? `no network can do this: light in fiber alone needs ${fmtMs(minLowerBoundMs)} ms to ${nearestAll ? 'the nearest instance' : best.to}`
            : `physics allows it only on a near-straight path (lower bound ${fmtMs(best.lowerBoundMs)} ms)`;
        // The fix: an instance at the design's site that serves this group best, if that one meets the SLO.
        const fixes: Fix[] = [];
        let suggestion: { id: string; rttMs: number } | undefined;
        const editable =
          svc.sitesAppend && (svc.distribution === 'anycast' || svc.distribution === 'gslb' || (!svc.at['distribution'] && svc.distribution === 'single'));
        if (editable) {
          // the design's site nearest to these users, among those the service does not run at yet
          const p = user.place.placement!;
          const pair = ctx.rtt.nearestFromPoint(user.name, p.latDeg, p.lonDeg, taken);
          if (pair && pair.rttMs <= slo) suggestion = { id: pair.to, rttMs: pair.rttMs };
          if (suggestion)
            fixes.push({
              title: `Add an instance at \`${suggestion.id}\` (about ${fmtMs(suggestion.rttMs)} ms from ${user.name})`,
              edits: [{ ...svc.sitesAppend!, newText: svc.sitesAppend!.newText.replace('$SITE', suggestion.id) }],
              preferred: true,
            });
        }
        const share = user.share !== undefined ? ` (${Math.round(user.share * 100)} % of traffic)` : '';
        ctx.report({
          severity,
          message:
            `Users ${user.name}${share} reach service ${svc.name} in ${describe(best)}, over its ${fmtMs(slo)} ms SLO: ${how}; ${why}. ` +
            (suggestion
              ? `An instance at ${suggestion.id} would serve them in about ${fmtMs(suggestion.rttMs)} ms.`
              : 'Run an instance nearer to these users, behind GSLB or anycast.'),
          loc: svc.at['rtt_slo_ms'] ?? svc.loc,
          data: {
            service: svc.name,
            users: user.name,
            share: user.share ?? null,
            site: best.to,
            distribution: svc.distribution,
            distanceKm: best.distanceKm,
            lowerBoundMs: best.lowerBoundMs,
            minLowerBoundMs: Math.round(minLowerBoundMs * 100) / 100,
            rttMs: best.rttMs,
            measured: false,
            sloMs: slo,
            suggestion: suggestion?.id ?? null,
          },
          related: [{ loc: user.loc, message: `users ${user.name} (${user.place.placement!.origin})` }, ...siteRelated(ctx, [best.to])],
          fixes,
        });
      }
    }
  },
};
