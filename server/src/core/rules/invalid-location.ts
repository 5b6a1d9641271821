import { validLatLon } from '../geo/geodesic';
import { placeables } from './placeables';
import type { Rule } from './types';

export const invalidLocation: Rule = {
  meta: {
    id: 'invalid-location',
    summary: 'Latitude or longitude out of range, or (0, 0), which is almost always an unset value.',
    defaultSeverity: 'error',
    graded: false,
    placementIndependent: true,
    fixable: false,
    options: {},
  },
  check(ctx) {
    for (const { what, site } of placeables(ctx.design)) {
      const c = site.coordinates;
      if (!c) continue;
      const { latDeg, lonDeg } = c;
      let why: string | undefined;
      if (!validLatLon(latDeg, lonDeg)) {
        why = Math.abs(latDeg) > 90 ? `latitude ${latDeg} is outside [-90, 90]` : `longitude ${lonDeg} is outside [-180, 180]`;
        if (Math.abs(latDeg) > 90 && Math.abs(lonDeg) <= 90) why += '; are latitude and longitude swapped?';
      } else if (latDeg === 0 && lonDeg === 0) {
        why = '(0, 0) is in the Gulf of Guinea: it is an unset value, not a data center';
      }
      if (!why) continue;
      ctx.report({
        message: `${what} cannot be placed: ${why}${why.endsWith('?') ? '' : '.'}`,
        loc: c.loc,
        data: { site: site.id, lat: latDeg, lon: lonDeg },
      });
    }
  },
};
