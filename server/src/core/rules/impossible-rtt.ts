import { physicalMinRttMs, plausibleRouteKm, plausibleRttMs } from '../rtt';
import { fmtKm, fmtMs, siteRelated } from './physics';
import type { Rule } from './types';

export const impossibleRtt: Rule = {
  meta: {
    id: 'impossible-rtt',
    summary: 'A declared `rtt_ms` or `route_km` is below what physics allows for the distance.',
    defaultSeverity: 'error',
    graded: false,
    fixable: false,
    options: {},
  },
  check(ctx) {
    for (const link of ctx.design.links) {
      if (link.between.length !== 2) continue;
      const [a, b] = [link.between[0]!.id, link.between[1]!.id];
      if (a === b) continue;
      const km = ctx.rtt.linkDistanceKm(link);
      if (km === undefined) continue;
      // built only for a finding: most links have none
      const related = () => siteRelated(ctx, [a, b]);
      if (link.routeKm !== undefined && !plausibleRouteKm(link.routeKm, km) && link.at['route_km']) {
        ctx.report({
          message: `route_km ${fmtKm(link.routeKm)} is shorter than the ${fmtKm(km)} km great-circle distance between ${a} and ${b}: no cable is shorter than the geodesic. Every check uses the estimated route instead.`,
          loc: link.at['route_km'],
          data: { sites: [a, b], routeKm: link.routeKm, distanceKm: Math.round(km * 10) / 10 },
          related: related(),
        });
      }
      if (link.rttMs !== undefined && link.at['rtt_ms']) {
        const boundMs = physicalMinRttMs(link.medium, km, ctx.rtt.assumptions.fiberIndex);
        if (Number.isFinite(link.rttMs) && !plausibleRttMs(link.rttMs, boundMs)) {
          ctx.report({
            message: `rtt_ms ${fmtMs(link.rttMs)} is below the physical minimum of ${fmtMs(boundMs)} ms for ${fmtKm(km)} km over ${link.medium}: light cannot go faster. Check the measurement or the sites; until then every check uses the estimate instead.`,
            loc: link.at['rtt_ms'],
            data: {
              sites: [a, b],
              rttMs: link.rttMs,
              lowerBoundMs: Math.round(boundMs * 100) / 100,
              distanceKm: Math.round(km * 10) / 10,
              medium: link.medium,
            },
            related: related(),
          });
        }
      }
    }
  },
};
