import { heuristic } from '../limits';
import { limitOption, numOption, siteRelated } from './physics';
import { isLive } from './migration';
import type { Rule } from './types';

/** The smallest arc of longitude that holds every point, in hours of time zone (15 degrees each). */
export function timeZoneSpreadHours(lonsDeg: number[]): number {
  if (lonsDeg.length < 2) return 0;
  const sorted = lonsDeg.map((l) => ((l % 360) + 360) % 360).sort((a, b) => a - b);
  let largestGap = 360 - sorted[sorted.length - 1]! + sorted[0]!;
  for (let i = 1; i < sorted.length; i++) largestGap = Math.max(largestGap, sorted[i]! - sorted[i - 1]!);
  return (360 - largestGap) / 15;
}

export const followTheSun: Rule = {
  meta: {
    id: 'follow-the-sun',
    summary: 'Running VMs are meant to chase daylight around the globe by live migration.',
    defaultSeverity: 'warning',
    graded: false,
    fixable: false,
    options: {
      minSites: limitOption(
        heuristic(3, 'count', 'a recurring path of 3 or more sites', 'a one-off hop between two sites is judged by vmotion-rtt'),
        'sites on a recurring path before it counts as follow-the-sun',
        { minimum: 2, maximum: 256 },
      ),
      minTimeZones: limitOption(
        heuristic(8, 'factor', 'sites spread over more than 8 time zones', 'a working day is 8 hours: 3 sites 8 hours apart cover 24 hours'),
        'time-zone spread (hours) above which a path circles the globe',
        { maximum: 24 },
      ),
    },
  },
  check(ctx) {
    const minSites = numOption(ctx, 'minSites');
    const minTz = numOption(ctx, 'minTimeZones');
    for (const m of ctx.design.migrations) {
      if (!isLive(m)) continue;
      const ids = [...new Set(m.path.map((r) => r.id))];
      const lons = ids.map((id) => ctx.site(id)?.placement?.lonDeg).filter((x): x is number => x !== undefined);
      const spread = timeZoneSpreadHours(lons);
      const declared = m.schedule === 'follow-the-sun';
      const recurring = m.schedule !== 'disaster-avoidance' && ids.length >= minSites && spread > minTz;
      if (!declared && !recurring) continue;
      let worst = 0;
      for (let i = 0; i + 1 < m.path.length; i++) worst = Math.max(worst, ctx.pair(m.path[i]!.id, m.path[i + 1]!.id)?.rttMs ?? 0);
      const loc = declared && m.at['schedule'] ? m.at['schedule'] : (m.at['path'] ?? m.loc);
      ctx.report({
        message:
          `Migration ${m.name} moves running VMs to follow the sun across ${ids.length} sites spanning ${spread.toFixed(1)} time zones` +
          (worst > 0 ? ` (hops up to ${worst.toFixed(0)} ms RTT)` : '') +
          '. Live migration cannot chase daylight: the VM, its storage and its L2 network would cross continents every shift. Run the application at every site (scale-out) and steer users with GSLB/DNS or anycast instead.',
        loc,
        data: { migration: m.name, sites: ids, timeZoneSpreadHours: Math.round(spread * 10) / 10, maxHopRttMs: worst, schedule: m.schedule ?? null },
        related: siteRelated(ctx, ids),
      });
    }
  },
};
