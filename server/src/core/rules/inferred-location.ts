// A site placed from a token of its id or name (`lis1` -> Lisbon): said once, where the site is defined,
// with quick fixes that pin it (a place string, or coordinates).
import type { Fix, Site } from '../design';
import type { Rule } from './types';
import { isMetroCode } from '../geo/gazetteer';

function pinFixes(site: Site): Fix[] {
  const p = site.placement;
  if (!site.pin || !p?.place) return [];
  const edit = site.pin;
  const place = `${p.place.name}, ${p.place.countryCode}`;
  const coords = `[${p.latDeg}, ${p.lonDeg}]`;
  const fix = (title: string, location: string, preferred: boolean): Fix => ({
    title,
    edits: [{ ...edit, newText: edit.newText.replace('$LOCATION', `location: ${location}`) }],
    preferred,
  });
  return [fix(`Pin the location: "${place}"`, JSON.stringify(place), true), fix(`Pin the coordinates: ${coords}`, coords, false)];
}

export const inferredLocation: Rule = {
  meta: {
    id: 'inferred-location',
    summary:
      'A site or resource was placed from a token of its id or name (not from coordinates, a region or a place string); says where and from which token; quick fix pins it.',
    defaultSeverity: 'info',
    graded: false,
    fixable: true,
    options: {},
  },
  check(ctx) {
    for (const site of ctx.design.sites.values()) {
      const p = site.placement;
      if (!p?.inferred || !p.place) continue;
      const { token, from, what } = p.inferred;
      const how = p.place.via === 'iata' ? `the IATA ${isMetroCode(token) ? 'metropolitan area ' : ''}code of ${p.place.name}` : 'a city name';
      ctx.report({
        message:
          `Site \`${site.id}\` is placed in ${p.place.name}, ${p.place.countryName} (${p.latDeg}, ${p.lonDeg}) from \`${token}\` in ${what ?? `its ${from}`}, ` +
          `${how}. Findings that depend on it are at most warnings until the location is stated.`,
        loc: site.idLoc,
        data: { site: site.id, token, from, place: `${p.place.name}, ${p.place.countryCode}`, lat: p.latDeg, lon: p.lonDeg },
        fixes: pinFixes(site),
      });
    }
  },
};
