// cross-site-dependency: a service instance whose dependency runs only far away pays round_trips x RTT
// on every user request. Physics-graded against a per-request budget.

import { SERVICES } from '../limits';
import type { Fix, Service, Severity } from '../design';
import type { PairRtt } from '../rtt';
import { nearest } from '../suggest';
import { describe, fmtMs, limitOption, MAX_PAIRWISE_SITES, numOption, placedIds, replaceFix, siteRelated } from './physics';
import { candidateSites } from './user-latency';
import type { Rule } from './types';

interface Offender {
  site: string;
  pair: PairRtt;
  minLowerBoundMs: number;
  severity: Severity;
}

export const crossSiteDependency: Rule = {
  meta: {
    id: 'cross-site-dependency',
    summary: 'An instance whose dependency has no instance in its metro pays `round_trips x RTT` per request, over the per-request budget.',
    defaultSeverity: 'warning',
    graded: true,
    fixable: true,
    options: {
      requestBudgetMs: limitOption(SERVICES.requestBudgetMs, 'network time a user request may spend calling its dependencies (round_trips x RTT)'),
    },
  },
  check(ctx) {
    const budget = numOption(ctx, 'requestBudgetMs');
    const byName = new Map<string, Service>();
    // The schema reports lists longer than MAX_PAIRWISE_SITES; the checks look at that many.
    const services = ctx.design.services.slice(0, MAX_PAIRWISE_SITES);
    for (const s of services) if (!byName.has(s.name)) byName.set(s.name, s);
    // From a site to the nearest instance of a service, computed once (services x sites, not x callers).
    const targetsOf = new Map<Service, string[]>();
    const nearestOf = new Map<Service, Map<string, { best?: PairRtt; minLb: number }>>();
    const nearestFrom = (site: string, target: Service, targets: string[]) => {
      let bySite = nearestOf.get(target);
      if (!bySite) nearestOf.set(target, (bySite = new Map()));
      let hit = bySite.get(site);
      if (!hit) {
        let best: PairRtt | undefined;
        let minLb = Infinity;
        for (const t of targets) {
          const pair = ctx.pair(site, t);
          if (!pair) continue;
          if (!best || pair.rttMs < best.rttMs) best = pair;
          minLb = Math.min(minLb, pair.lowerBoundMs);
        }
        bySite.set(site, (hit = best ? { best, minLb } : { minLb }));
      }
      return hit;
    };
    // Per (target, site): the smallest RTT seen so far to an instance, from scans that stopped early.
    const seenOf = new Map<Service, Map<string, number>>();
    const withinMs = (site: string, target: Service, targets: string[], limitMs: number): boolean => {
      let seen = seenOf.get(target);
      if (!seen) seenOf.set(target, (seen = new Map()));
      const known = seen.get(site);
      if (known !== undefined && known <= limitMs) return true;
      const full = nearestOf.get(target)?.get(site);
      if (full) return full.best !== undefined && full.best.rttMs <= limitMs;
      for (const t of targets) {
        const rtt = ctx.pair(site, t)?.rttMs;
        if (rtt !== undefined && rtt <= limitMs) {
          seen.set(site, Math.min(rtt, known ?? Infinity));
          return true;
        }
      }
      return false;
    };
    for (const svc of services) {
      const callers = svc.dependsOn.length > 0 ? placedIds(ctx, svc.sites) : [];
      for (const dep of svc.dependsOn.slice(0, MAX_PAIRWISE_SITES)) {
        const target = byName.get(dep.service);
        if (!target) {
          const suggestion = nearest(dep.service, [...byName.keys()]);
          ctx.report({
            severity: 'error',
            message: `Service ${svc.name} depends on \`${dep.service}\`, which is not a service of this design.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
            loc: dep.loc,
            data: { service: svc.name, dependency: dep.service, suggestion: suggestion ?? null },
            fixes: suggestion ? [replaceFix(`Replace with \`${suggestion}\``, dep.loc, suggestion, true)] : [],
          });
          continue;
        }
        if (target === svc) continue;
        let targets = targetsOf.get(target);
        if (!targets) targetsOf.set(target, (targets = candidateSites(ctx, target)));
        if (targets.length === 0) continue;
        const n = dep.roundTrips;
        const offenders: Offender[] = [];
        for (const site of callers) {
          // An instance within budget / n means the nearest is: no finding, and no full scan.
          if (withinMs(site, target, targets, budget / n)) continue;
          const { best, minLb } = nearestFrom(site, target, targets);
          if (!best) continue;
          // error: even light in fiber to the nearest instance spends the budget; warning: the route does
          const severity: Severity | undefined = n * minLb > budget ? 'error' : n * best.rttMs > budget ? (best.measured ? 'error' : 'warning') : undefined;
          if (severity) offenders.push({ site, pair: best, minLowerBoundMs: minLb, severity });
        }
        if (offenders.length === 0) continue;
        offenders.sort((a, b) => b.pair.rttMs - a.pair.rttMs);
        const worst = offenders[0]!;
        const severity: Severity = offenders.some((o) => o.severity === 'error') ? 'error' : 'warning';
        const cost = n * worst.pair.rttMs;
        const why =
          n * worst.minLowerBoundMs > budget
            ? `no network can do this: light in fiber alone needs ${fmtMs(n * worst.minLowerBoundMs)} ms`
            : worst.pair.measured
              ? `the measured RTT puts it over`
              : `physics allows it only on a near-straight path (lower bound ${fmtMs(n * worst.minLowerBoundMs)} ms)`;
        const others = offenders.slice(1).map((o) => `${o.site} (${fmtMs(n * o.pair.rttMs)} ms)`);
        const fixes: Fix[] = [];
        const appendable =
          target.sitesAppend &&
          (target.distribution === 'anycast' || target.distribution === 'gslb' || (!target.at['distribution'] && target.distribution === 'single'));
        if (appendable) {
          const append = (sites: string[]) => [
            { ...target.sitesAppend!, newText: sites.map((site) => target.sitesAppend!.newText.replace('$SITE', site)).join('') },
          ];
          // Several callers over budget: the preferred fix adds an instance at each (one at the worst only
          // would leave the finding, now about the next worst); each one alone stays on offer.
          if (offenders.length > 1)
            fixes.push({
              title: `Add instances of ${target.name} at ${offenders.map((o) => `\`${o.site}\``).join(', ')}`,
              edits: append(offenders.map((o) => o.site)),
              preferred: true,
            });
          for (const o of offenders)
            fixes.push({ title: `Add an instance of ${target.name} at \`${o.site}\``, edits: append([o.site]), preferred: offenders.length === 1 });
        }
        ctx.report({
          severity,
          message:
            `Service ${svc.name} at ${worst.site} calls ${target.name} ${n} time${n === 1 ? '' : 's'} per request, and the nearest instance of ${target.name} is ${worst.pair.to}, ${describe(worst.pair)} away: ` +
            `${n} x ${fmtMs(worst.pair.rttMs)} = ${fmtMs(cost)} ms per request, over the ${fmtMs(budget)} ms budget; ${why}.` +
            (others.length ? ` Also over budget: ${others.join(', ')}.` : '') +
            ` Run an instance of ${target.name} at ${worst.site} (or in its metro), or batch the calls.`,
          loc: dep.loc,
          data: {
            service: svc.name,
            dependency: target.name,
            site: worst.site,
            dependencySite: worst.pair.to,
            roundTrips: n,
            rttMs: worst.pair.rttMs,
            lowerBoundMs: worst.minLowerBoundMs,
            distanceKm: worst.pair.distanceKm,
            measured: worst.pair.measured,
            costMs: Math.round(cost * 100) / 100,
            budgetMs: budget,
            sites: offenders.map((o) => o.site),
            fixSite: worst.site,
          },
          related: siteRelated(ctx, [worst.site, worst.pair.to]),
          fixes,
        });
      }
    }
  },
};
