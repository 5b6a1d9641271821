// Where things are: cloud regions (normalised per provider), explicit coordinates, and names mapped to
// the sites of a workspace topology. A site that cannot be placed carries the reason; nothing is guessed.

import type { Design, Loc, Placement, Site } from '../../design';
import { allRegions, lookupRegion } from '../../geo/regions';
import type { Value } from './eval';
import { inferPlace, placeString, type Place } from '../../geo/gazetteer';
import { DEFAULT_PLACEMENT, pinnedPlace, type PinnedPlace, type PlacementConfig } from '../../placement';

export type Cloud = 'aws' | 'azure' | 'gcp';

/** A region code as Terraform writes it -> the catalogue key (`aws:eu-central-1`), or undefined when it is no region. */
export function regionKey(cloud: Cloud, code: string): string | undefined {
  const c = code.trim();
  if (cloud === 'aws') return `aws:${c.toLowerCase().replace(/_/g, '-')}`; // VMC writes EU_CENTRAL_1
  if (cloud === 'azure') return `azure:${c.toLowerCase().replace(/\s+/g, '')}`;
  const lower = c.toLowerCase();
  const zone = /^([a-z]+-[a-z]+\d+)-[a-z]$/.exec(lower);
  if (zone) return `gcp:${zone[1]}`;
  return /^[a-z]+-[a-z]+\d+$/.test(lower) ? `gcp:${lower}` : undefined;
}

/** The inside of a string literal (the fix replaces the code, not the quotes). */
export function innerLoc(loc: Loc, texts: ReadonlyMap<string, string>): Loc {
  const t = texts.get(loc.file);
  if (t && t[loc.start] === '"' && t[loc.end - 1] === '"' && loc.end - loc.start >= 2) return { file: loc.file, start: loc.start + 1, end: loc.end - 1 };
  return loc;
}

/** Sets `placement` or `region` (unknown code) or `unresolved` on a site from a region value. */
export function placeInRegion(site: Site, cloud: Cloud, v: Value | undefined, attrLoc: Loc, what: string, texts: ReadonlyMap<string, string>): void {
  if (!v) {
    site.unresolved = { reason: `${what} is not set`, loc: attrLoc };
    return;
  }
  if (v.t === 'unknown') {
    site.unresolved = { reason: `${what}: ${v.reason}`, loc: attrLoc };
    return;
  }
  if (v.t !== 'str') {
    site.unresolved = { reason: `${what} is not a string`, loc: attrLoc };
    return;
  }
  if (isPlaceholder(v.v)) {
    site.unresolved = { reason: `${what} is not filled in (${JSON.stringify(v.v)}): set it to a region`, loc: v.loc };
    return;
  }
  const key = regionKey(cloud, v.v);
  const r = key ? lookupRegion(key) : undefined;
  if (r) {
    site.placement = { latDeg: r.lat, lonDeg: r.lon, origin: `${r.key} (${r.city})`, cloud: true };
    return;
  }
  const code = key ? key.slice(key.indexOf(':') + 1) : v.v;
  site.region = { provider: cloud, code, loc: innerLoc(v.loc, texts), bare: true };
}

/**
 * A site whose region code is not in the catalogue, met again at another resource written with the same
 * code: that place is remembered in `site.region.also` (once per place: a variable's default used by many
 * resources is one place), so that each gets its finding and fix.
 */
export function alsoWrittenAt(site: Site, v: Value | undefined, texts: ReadonlyMap<string, string>): void {
  if (!site.region || v?.t !== 'str') return;
  const loc = innerLoc(v.loc, texts);
  const same = (l: Loc) => l.file === loc.file && l.start === loc.start && l.end === loc.end;
  if (same(site.region.loc) || site.region.also?.some(same)) return;
  (site.region.also ??= []).push(loc);
}

/**
 * A value a template leaves for the user to fill in: blank, `<location>`, `{{region}}`, `TODO`,
 * `CHANGEME`, `xxx`. Not a misspelt region: nothing to suggest, nothing to check yet.
 */
export function isPlaceholder(text: string): boolean {
  const t = text.trim();
  return t === '' || /^<[^<>]*>$/.test(t) || /^\{\{[^{}]*\}\}$/.test(t) || /^(todo|tbd|changeme|change[-_ ]me|replace[-_ ]?me|fill[-_ ]?me|x+)$/i.test(t);
}

/** A metro or city name (ExpressRoute peering location, hcx_location.city) -> a catalogue city. */
export function placeCity(name: string): Placement | undefined {
  const want = name.trim().toLowerCase().replace(/\d+$/, '').trim();
  if (!want) return undefined;
  for (const r of allRegions()) {
    const city = r.city.toLowerCase().replace(/\s*\(.*\)$/, '');
    if (city === want) return { latDeg: r.lat, lonDeg: r.lon, origin: `${name} (city of ${r.key})`, cloud: false };
  }
  return undefined;
}

export interface Hint {
  text: string;
  /** where the name comes from, for the message: `vsphere_server of provider vsphere.ams` */
  what: string;
  /** where the name is written: a site placed from it (inferred) is reported there */
  loc?: Loc;
}

export type TopologyMatch = { site: Site; hint: Hint; token: string } | { ambiguous: string[]; hints: Hint[] } | undefined;

/**
 * A name or a token of it equal to a topology site id or name (case-insensitive) names that site.
 * Hints go from the most specific (a host's own name) to the least (its datacenter, a tag): the first
 * hint that names exactly one site wins; one hint naming two sites is ambiguous.
 */
export function matchTopology(topology: Design | undefined, hints: Hint[]): TopologyMatch {
  if (!topology || hints.length === 0) return undefined;
  const names = new Map<string, Site>();
  for (const s of topology.sites.values()) {
    names.set(s.id.toLowerCase(), s);
    if (s.name) names.set(s.name.toLowerCase(), s);
  }
  for (const h of hints) {
    const whole = names.get(h.text.trim().toLowerCase());
    if (whole) return { site: whole, hint: h, token: h.text.trim() };
    const found = new Map<string, { site: Site; hint: Hint; token: string }>();
    for (const t of tokens(h.text)) {
      const s = names.get(t.toLowerCase());
      if (s && !found.has(s.id)) found.set(s.id, { site: s, hint: h, token: t });
    }
    if (found.size === 1) return [...found.values()][0];
    if (found.size > 1) return { ambiguous: [...found.keys()], hints: [h] };
  }
  return undefined;
}

export function tokens(text: string): string[] {
  // A URL gives its host; a name with spaces (the written parts of a template: "esx0 .ams1.example.net") is split as it is.
  const host = /\s/.test(text.trim()) ? text : (urlHost(text) ?? text);
  const out = new Set<string>();
  for (const part of host.split(/[.\s/:@]+/)) {
    if (!part) continue;
    out.add(part);
    for (const p of part.split(/[-_]+/)) if (p) out.add(p);
  }
  return [...out];
}

/** `https://hcx.fra1.example.net:443/x` -> `hcx.fra1.example.net`; a bare host stays as it is. */
export function urlHost(text: string): string | undefined {
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#\s]+)/i.exec(text.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}

export type NamesPlacement = { placement: Placement; hint: Hint; reason?: undefined } | { placement?: undefined; hint?: undefined; reason: string };

/**
 * Places a site from its names when the workspace topology does not (issue 9.4): a `places:` entry of
 * .dci-lint.yaml for a name or a token of it (stated by the user), else, when `infer_from_names` is
 * on, the gazetteer's inference from each name in order (`hcx.fra1.example.net` -> Frankfurt via IATA
 * FRA; "nsx-paris" -> Paris). The placement is then *inferred* (rule inferred-location; findings that
 * depend on it are at most warnings). Names that point at different cities place nothing, and the
 * reason lists them; never a guess from a typo (the gazetteer only infers from exact names and codes).
 */
export function placeByNames(hints: Hint[], config: PlacementConfig = DEFAULT_PLACEMENT): NamesPlacement {
  for (const h of hints) {
    for (const t of [h.text.trim(), ...tokens(h.text)]) {
      const pin = pinnedPlace(config, t);
      if (pin) return { placement: pinned(pin, t, h), hint: h };
    }
  }
  if (!config.inferFromNames) return { reason: 'placement from names is off (placement.infer_from_names in .dci-lint.yaml)' };
  const found: Array<{ token: string; place: Place; hint: Hint }> = [];
  for (const h of hints) {
    const inf = inferPlace(h.text);
    if (inf.status === 'inferred') found.push({ token: inf.token, place: inf.place, hint: h });
    else if (inf.status === 'conflict') for (const t of inf.tokens) found.push({ ...t, hint: h });
  }
  const cities = new Map<string, (typeof found)[number]>();
  for (const f of found) if (!cities.has(placeString(f.place))) cities.set(placeString(f.place), f);
  if (cities.size === 0) return { reason: 'no word of its names is a city or airport code DCI Lint knows' };
  if (cities.size > 1) {
    const list = [...cities.values()].map((c) => `\`${c.token}\` in ${c.hint.what} (${c.place.name}, ${c.place.countryName})`).join(' and ');
    return { reason: `its names point at different places: ${list}` };
  }
  const [c] = [...cities.values()] as [(typeof found)[number]];
  const via = c.place.iata ? `IATA ${c.place.iata}` : 'city name';
  return {
    hint: c.hint,
    placement: {
      latDeg: c.place.latDeg,
      lonDeg: c.place.lonDeg,
      origin: `${c.place.name}, ${c.place.countryName} (inferred from \`${c.token}\` in ${c.hint.what}, ${via}; GeoNames${c.place.iata ? ' + OpenFlights' : ''})`,
      cloud: false,
      place: { text: c.token, name: c.place.name, countryCode: c.place.countryCode, countryName: c.place.countryName, via: c.place.iata ? 'iata' : 'city' },
      inferred: { token: c.token, from: 'name', what: c.hint.what },
    },
  };
}

function pinned(pin: PinnedPlace, text: string, h: Hint): Placement {
  const city = pin.place ? ` -> ${pin.place.name}, ${pin.place.countryName}` : '';
  return {
    latDeg: pin.latDeg,
    lonDeg: pin.lonDeg,
    origin: `\`${pin.key}\` in places: of .dci-lint.yaml${city}, named by "${text}" in ${h.what}`,
    cloud: false,
    place: { text, name: pin.place?.name ?? pin.key, countryCode: pin.place?.countryCode ?? '', countryName: pin.place?.countryName ?? '', via: 'places' },
  };
}
