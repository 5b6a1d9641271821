// A place string (`location: "Frnkfurt"`) that the gazetteer does not know, or that names several
// cities: never resolved to the nearest spelling or the biggest namesake; a quick fix per suggestion.
import type { Fix, Loc } from '../design';
import { GAZETTEER_MIN_POPULATION, lookupPlace, placeString, type Place } from '../geo/gazetteer';
import { replaceFix } from './physics';
import { placeables } from './placeables';
import type { Rule } from './types';

/** True when "City, CC" finds this very place (not so for one of three Frankforts in the US). */
function roundTrips(p: Place): boolean {
  const r = lookupPlace(placeString(p));
  return r.status === 'found' && r.place.latDeg === p.latDeg && r.place.lonDeg === p.lonDeg;
}

/**
 * Replaces the place string with a suggestion, kept a quoted string ("City, CC"), or with the city's
 * coordinates when "City, CC" would itself be ambiguous: every fix places the site.
 */
function fixTo(p: Place, loc: Loc, preferred: boolean): Fix {
  const who = `${p.countryName}, population ${p.population.toLocaleString('en-US')}`;
  if (roundTrips(p)) return replaceFix(`Replace with "${placeString(p)}" (${who})`, loc, JSON.stringify(placeString(p)), preferred);
  const coords = `[${p.latDeg}, ${p.lonDeg}]`;
  return replaceFix(`Replace with ${coords} (${p.name}, ${who})`, loc, coords, preferred);
}

/** Unknown place strings per design that get did-you-mean suggestions (the rest: the finding alone). */
export const MAX_SUGGESTED = 200;

export const unknownPlace: Rule = {
  meta: {
    id: 'unknown-place',
    summary: 'A place string matches no place in the gazetteer, or is ambiguous; lists suggestions or candidates, with a quick fix for each.',
    defaultSeverity: 'error',
    graded: false,
    placementIndependent: true,
    fixable: true,
    options: {},
  },
  check(ctx) {
    let suggested = 0;
    for (const { what, site } of placeables(ctx.design)) {
      if (!site.placeText || site.placement) continue;
      const { text, loc } = site.placeText;
      // Suggestions cost about a millisecond each: a file of thousands of unknown names gets them for the first MAX_SUGGESTED.
      const r = lookupPlace(text, { suggestions: suggested++ < MAX_SUGGESTED });
      if (r.status === 'found') continue;
      if (r.status === 'ambiguous') {
        const shown = r.candidates.slice(0, 5);
        ctx.report({
          severity: 'warning',
          message:
            `${what}: "${text}" names ${r.candidates.length} cities and none clearly dominates: ` +
            `${shown.map((p) => `${placeString(p)} (${p.population.toLocaleString('en-US')})`).join(', ')}${r.candidates.length > 5 ? ', ...' : ''}. ` +
            `Add the country ("${placeString(shown[0]!)}"); checks that need its location are skipped until then.`,
          loc,
          data: { site: site.id, place: text, status: 'ambiguous', candidates: shown.map(placeString) },
          fixes: shown.map((p) => fixTo(p, loc, false)),
        });
        continue;
      }
      const shown = r.suggestions.slice(0, 5);
      ctx.report({
        message:
          `${what}: "${text}" is not a place DCI Lint knows (GeoNames cities of ${GAZETTEER_MIN_POPULATION.toLocaleString('en-US')} or more, IATA airport codes)` +
          `${shown.length ? `. Did you mean ${shown.map((p) => `"${placeString(p)}"`).join(', ')}?` : '; give coordinates instead.'} ` +
          `Nothing is guessed: checks that need its location are skipped.`,
        loc,
        data: { site: site.id, place: text, status: 'unknown', suggestions: shown.map(placeString) },
        fixes: shown.map((p, i) => fixTo(p, loc, i === 0 && shown.length === 1)),
      });
    }
  },
};
