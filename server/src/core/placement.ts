// Placing sites by name, for every input format: place strings (`location: "Frankfurt am Main, DE"`),
// the `places:` map of .dci-lint.yaml, and inference from a token of a site's id or name. The YAML
// builder and the Terraform extractor both call these; the gazetteer does the lookups.

import type { Design, Placement, Site } from './design';
import { inferPlace, isMetroCode, lookupPlace, placeKey, placeString, type Inference, type Place, type PlaceLookup } from './geo/gazetteer';

/** A `places:` entry of .dci-lint.yaml, resolved when the configuration is read. */
export interface PinnedPlace {
  /** the key as written (`nsx-milan`) */
  key: string;
  latDeg: number;
  lonDeg: number;
  /** the city, when the value was a place string */
  place?: Place;
}

/** `placement:` and `places:` of .dci-lint.yaml. */
export interface PlacementConfig {
  /** `placement.infer_from_names` (default true): place sites without a location from their id or name. */
  inferFromNames: boolean;
  /** by placeKey of the key ("nsx-milan" and "NSX Milan" are the same entry) */
  places: ReadonlyMap<string, PinnedPlace>;
}

export const DEFAULT_PLACEMENT: PlacementConfig = { inferFromNames: true, places: new Map() };

/** The `places:` entry for a name, id or place string, if any (case, punctuation and diacritics ignored). */
export function pinnedPlace(config: PlacementConfig | undefined, text: string | undefined): PinnedPlace | undefined {
  if (!config || text === undefined || config.places.size === 0) return undefined;
  return config.places.get(placeKey(text));
}

function cityOf(p: Place): string {
  return `${p.name}, ${p.countryName}`;
}

function pinnedPlacement(pin: PinnedPlace, text: string): Placement {
  const city = pin.place ? ` -> ${cityOf(pin.place)}` : '';
  return {
    latDeg: pin.latDeg,
    lonDeg: pin.lonDeg,
    origin: `\`${pin.key}\` in places: of .dci-lint.yaml${city}`,
    cloud: false,
    place: {
      text,
      name: pin.place?.name ?? pin.key,
      countryCode: pin.place?.countryCode ?? '',
      countryName: pin.place?.countryName ?? '',
      via: 'places',
    },
  };
}

/** The placement of a found place: "Frankfurt am Main, Germany (place \"Frankfurt am Main, DE\", GeoNames)". */
export function placePlacement(place: Place, via: 'city' | 'iata' | 'country-qualified', text: string): Placement {
  const code = place.iata ?? text.trim().toUpperCase();
  const how =
    via === 'iata'
      ? isMetroCode(code)
        ? `IATA metropolitan area code ${code}, GeoNames`
        : `IATA ${code}, OpenFlights + GeoNames`
      : `place "${text.trim()}", GeoNames`;
  return {
    latDeg: place.latDeg,
    lonDeg: place.lonDeg,
    origin: `${cityOf(place)} (${how})`,
    cloud: false,
    place: { text, name: place.name, countryCode: place.countryCode, countryName: place.countryName, via },
  };
}

export type PlaceTextResult = { placement: Placement; lookup?: undefined } | { placement?: undefined; lookup: Exclude<PlaceLookup, { status: 'found' }> };

/**
 * A place string (`location: "Sydney, AU"`, an HCX city) to a placement: the `places:` map first, then
 * the gazetteer. Unknown or ambiguous: no placement, and the lookup for the `unknown-place` finding.
 */
export function resolvePlaceText(text: string, config?: PlacementConfig): PlaceTextResult {
  const pin = pinnedPlace(config, text);
  if (pin) return { placement: pinnedPlacement(pin, text) };
  // Suggestions are for the finding: unknown-place asks for them, within its own budget.
  const r = lookupPlace(text, { suggestions: false });
  if (r.status === 'found') return { placement: placePlacement(r.place, r.via, text) };
  return { lookup: r };
}

export type NamePlacement =
  { placement: Placement; inference?: Inference; reason?: undefined } | { placement?: undefined; inference?: Inference; reason: string };

/**
 * A site with no coordinates, region or place string, placed from its names: a `places:` entry for its
 * id or name (stated by the user: not inferred), else (when inferFromNames) a token of its name, then of
 * its id (`inferPlace`), marked `inferred`. Two different cities in the name and id, or in one of them:
 * no placement, and a reason that says why. Nothing found: a reason too.
 */
export function placeFromNames(id: string, name: string | undefined, config: PlacementConfig = DEFAULT_PLACEMENT): NamePlacement {
  const pin = pinnedPlace(config, id) ?? pinnedPlace(config, name);
  if (pin) return { placement: pinnedPlacement(pin, pinnedPlace(config, id) ? id : name!) };
  const none = 'it has neither `location` nor `region`';
  if (!config.inferFromNames) return { reason: `${none} (placement from names is off: placement.infer_from_names in .dci-lint.yaml)` };
  const fromName = name !== undefined ? inferPlace(name) : ({ status: 'none' } as Inference);
  const fromId = inferPlace(id);
  const candidates: Array<{ token: string; place: Place; from: 'id' | 'name' }> = [];
  for (const [inf, from] of [
    [fromName, 'name'],
    [fromId, 'id'],
  ] as const) {
    if (inf.status === 'inferred') candidates.push({ token: inf.token, place: inf.place, from });
    else if (inf.status === 'conflict') for (const t of inf.tokens) candidates.push({ ...t, from });
  }
  const cities = new Map<string, (typeof candidates)[number]>();
  for (const c of candidates) if (!cities.has(placeString(c.place))) cities.set(placeString(c.place), c);
  if (cities.size === 0) return { reason: `${none}, and no word of its id or name is a city or airport code DCI Lint knows` };
  if (cities.size > 1) {
    const list = [...cities.values()].map((c) => `\`${c.token}\` (${cityOf(c.place)})`).join(' and ');
    const tokens = [...cities.values()].map(({ token, place }) => ({ token, place }));
    const sources = new Set([...cities.values()].map((c) => c.from));
    const whose = sources.size > 1 ? 'its id and name name' : `its ${[...sources][0]} names`;
    return { reason: `${none}, and ${whose} different places: ${list}`, inference: { status: 'conflict', tokens } };
  }
  const [c] = [...cities.values()] as [(typeof candidates)[number]];
  const via = c.place.iata ? `IATA ${isMetroCode(c.place.iata) ? 'metropolitan area code ' : ''}${c.place.iata}` : 'city name';
  return {
    placement: {
      latDeg: c.place.latDeg,
      lonDeg: c.place.lonDeg,
      origin: `${cityOf(c.place)} (inferred from \`${c.token}\` in its ${c.from}, ${via})`,
      cloud: false,
      place: { text: c.token, name: c.place.name, countryCode: c.place.countryCode, countryName: c.place.countryName, via: c.place.iata ? 'iata' : 'city' },
      inferred: { token: c.token, from: c.from },
    },
    inference: { status: 'inferred', place: c.place, token: c.token },
  };
}

/** Places a site from its place string or its names (coordinates and regions are placed by the parser). */
export function placeSite(site: Site, config: PlacementConfig): void {
  if (site.placeText) {
    const r = resolvePlaceText(site.placeText.text, config);
    if (r.placement) site.placement = r.placement;
    else delete site.placement;
    return;
  }
  if (!site.byName) return;
  const r = placeFromNames(site.id, site.name, config);
  if (r.placement) {
    site.placement = r.placement;
    delete site.unresolved;
  } else {
    delete site.placement;
    site.unresolved = { reason: r.reason, loc: site.idLoc };
  }
}

/**
 * The design as the configuration places it. Parsers place with DEFAULT_PLACEMENT (so cached parses stay
 * valid); a configuration with `places:` or `infer_from_names: false` gets a copy with those sites re-placed.
 */
export function applyPlacementConfig(design: Design, config: PlacementConfig | undefined): Design {
  if (!config || (config.inferFromNames && config.places.size === 0)) return design;
  const sites = new Map<string, Site>();
  for (const [id, site] of design.sites) {
    if (!site.placeText && !site.byName) {
      sites.set(id, site);
      continue;
    }
    const copy: Site = { ...site };
    placeSite(copy, config);
    sites.set(id, copy);
  }
  // User groups take the same placement forms, so `places:` pins their place strings too.
  const users = design.users.map((u) => {
    if (!u.place.placeText) return u;
    const place: Site = { ...u.place };
    placeSite(place, config);
    return { ...u, place };
  });
  return { ...design, sites, users };
}
