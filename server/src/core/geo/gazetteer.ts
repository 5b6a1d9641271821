// The offline gazetteer: place strings ("Frankfurt am Main, DE", "Sydney", "FRA") and site ids
// (`syd-dc2`, "Oslo witness") to cities with coordinates. Pure: the index is a generated data module
// (scripts/build-gazetteer.mjs, from GeoNames cities, OpenFlights airports and ISO 3166 country names;
// docs/places.md) parsed on the first lookup, so it also runs in a web worker. Nothing here ever
// touches the network, and nothing is guessed from a typo: an unknown name gets suggestions, not a place.
import { CITIES, COUNTRIES, METRO_CODES, MIN_POPULATION } from './gazetteer-data';

const METRO = new Set(METRO_CODES.split(' '));
/**
 * Whether `code` is an IATA metropolitan area code (NYC, LON, TYO: the airports of a city together; the
 * list and its sources in scripts/build-gazetteer.mjs), not an airport's code from OpenFlights.
 */
export function isMetroCode(code: string): boolean {
  return METRO.has(code.toUpperCase());
}

export interface Place {
  /** GeoNames name, e.g. "Frankfurt am Main", "Zürich". */
  name: string;
  /** The name without diacritics, e.g. "Zurich". */
  asciiName: string;
  /** ISO 3166-1 alpha-2, e.g. "DE". */
  countryCode: string;
  /** English short name from ISO 3166, e.g. "Germany". */
  countryName: string;
  /** WGS-84 decimal degrees, GeoNames city centre (4 decimals, about 11 m). */
  latDeg: number;
  lonDeg: number;
  /** GeoNames population (inhabitants). */
  population: number;
  /** The IATA code the place was found by (lookups 'iata' and inferences from a code). */
  iata?: string;
  /** Every IATA code (OpenFlights) whose airport serves this city. */
  iataCodes: readonly string[];
}

export type PlaceLookup =
  | { status: 'found'; place: Place; via: 'city' | 'iata' | 'country-qualified' }
  | { status: 'ambiguous'; candidates: Place[] } // most populous first
  | { status: 'unknown'; suggestions: Place[] }; // did-you-mean, nearest names first

export type Inference =
  | { status: 'inferred'; place: Place; token: string }
  | { status: 'conflict'; tokens: Array<{ token: string; place: Place }> } // two tokens, different places
  | { status: 'none' };

/** Cities below this population are not in the index at all (measured: docs/places.md). */
export const GAZETTEER_MIN_POPULATION = MIN_POPULATION;
/**
 * A bare city name ("Sydney") resolves to its most populous namesake only when that one has at
 * least this many times the population of the next (Sydney AU 4.6 M vs Sydney CA 0.1 M); otherwise
 * it is ambiguous (Hyderabad IN vs PK; Birmingham GB vs US). DCI Lint heuristic.
 */
export const DOMINANCE_RATIO = 10;
/**
 * A token of an id or name places a site only when it names a city of at least this population
 * (by name, or through an IATA code of an airport serving it). Chosen by measurement on realistic
 * site ids (test/fixtures/places/site-ids.csv, docs/places.md). DCI Lint heuristic.
 */
export const INFER_MIN_POPULATION = 300_000;

/**
 * Everyday words of infrastructure naming: never a place in an id or name, even where a city or an
 * airport carries the name (SAN is San Diego, NAS is Nassau, LAB is Lamacarena, DEV is Devonport...).
 * DCI Lint's own list (not geography): roles, environments, tiers, network and storage terms, host
 * and domain words, sides and colours, common project code names that are also big cities.
 */
export const INFRA_WORDS: ReadonlySet<string> = new Set(
  // roles and tiers
  (
    'web www app apps api svc service services db dbs sql data cache mq queue kafka redis mongo ' +
    'app lb alb nlb elb proxy gw gateway fw firewall rtr router sw switch vpn vip dns ntp ldap ad ' +
    'mail smtp log logs logging mon monitor monitoring metrics siem soc noc ops devops mgmt mgt ' +
    'manage management admin bastion jump jumphost host hosts node nodes worker workers master ' +
    'control plane compute storage net network backup bkp bak archive arc vault ' +
    // environments and roles of a site
    'prod prd production dev develop development test tst testing stage stg staging uat qa int ' +
    'ext pub priv private public sandbox demo poc pilot lab labs core edge site sites dc dcs dr ' +
    'drs bcp pod pods az zone zones region cell rack row room hall cage floor building campus ' +
    'primary secondary tertiary active passive standby hot warm cold main aux witness quorum ' +
    'arbiter tiebreaker spare local remote cloud onprem premises colo hub spoke branch office ' +
    'hq head mirror replica shadow blue green red black white gold silver bronze alpha beta ' +
    'gamma delta omega one two three four new old legacy next left right east west north south ' +
    'central centre center upper lower inner outer top mid ' +
    // platform and product words
    'vmware vsphere vcenter vcsa esx esxi hcx nsx nsxt vsan vcf vmc avs gcve ocvs sddc vrops ' +
    'vra vro tanzu tkg k8s kube aks eks gke oke ocp openshift rancher docker vm vms vdi citrix ' +
    'aws azure gcp oci ibm google amazon microsoft oracle equinix digital ' +
    'aurora dynamo spanner cosmos vplex srdf metro stretched stretch cluster clusters ' +
    'san nas nfs iscsi fc fcoe lun vol volume disk flash ssd hdd tape ' +
    'vlan vxlan evpn mpls bgp ospf wan lan sdwan dci l2 l3 ipsec ' +
    'tep rtep vtep vmk vds dvs ovs uplink trunk access spine leaf border fabric ' +
    // hosts, URLs, domains
    'com net org io co info biz example corp internal intranet lan localdomain domain ' +
    'http https ftp ssh url uri portal console dashboard ui gui cli ' +
    // technical abbreviations that are airport codes (found by scripts/measure-inference.mjs in the
    // vocabulary of the installed packages' README files), months and week days
    'sdk utm cjs esm sub str var res utc inc hex alg sha amd tmp ini lru abi lsp bin dir pkg buf ' +
    'crc deb jsr svg cdn geo iso pos cgi bun ben bec max min avg sum num len ' +
    'jan feb mar apr jun jul aug sep oct nov dec mon tue wed thu fri sun ' +
    // project code names that are also big cities
    'phoenix orion atlas apollo titan nova mercury jupiter saturn victoria columbia ' +
    'independence liberty providence reading mobile nice split orange hope bath ' +
    // short English words that are also airport codes (not mad, man, sea, sat: in an id, mad1,
    // man-dc2, sea1 and sat2 are far more often Madrid, Manchester, Seattle and San Antonio)
    'act add age aid aim air all and any are arm art ask bad bag bar bat bed bee big bit box boy ' +
    'bus but buy can car cat cow cry cup cut day did die dig dog dot dry due ear eat egg end eye ' +
    'fan far fat few fit fix fly for fox fun gas get god got gun guy had has hat her him hit his ' +
    'hop hot how ice ill its job joy key kid kit lay leg let lie lip lot low map may men mix ' +
    'mom mud nap not now nut odd off oil old our out own pan pay pen pet pie pig pin pit pop pot ' +
    'put ran rat raw red rid rob rod row rub run sad saw say see set she sit six sky son ' +
    'sun tab tag tap tax tea ten the tie tin tip toe ton too top toy try two use van war was way ' +
    'wet who why win yes yet you zip'
  )
    .split(/\s+/)
    .filter(Boolean),
);

/** Letters without diacritics, and the few that NFD does not decompose (ß, ø, æ, œ, ł, đ, ı, þ). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, (c) => (c === 'ø' ? 'o' : 'O'))
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'Ae')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'Oe')
    .replace(/[łŁ]/g, (c) => (c === 'ł' ? 'l' : 'L'))
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/ı/g, 'i')
    .replace(/[þÞ]/g, (c) => (c === 'þ' ? 'th' : 'Th'));
}

/** The lookup key of a name: folded, lower case, punctuation as single spaces ("St. John's" -> "st john s"). */
export function placeKey(s: string): string {
  // eslint-disable-next-line no-control-regex
  return asciiKey(/^[\x00-\x7f]*$/.test(s) ? s : fold(s));
}

function asciiKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

interface Index {
  places: Place[]; // most populous first
  keys: string[]; // placeKey(name) per place, parallel to places
  byName: Map<string, Place[]>; // name, ASCII name, aliases, parenthesis-free name; most populous first
  byCompact: Map<string, Place[]>; // multi-word names without spaces ("hongkong"), for id tokens
  byIata: Map<string, Place>;
  countryByKey: Map<string, string>; // code, name or alias -> alpha-2
  countryName: Map<string, string>;
  allNameKeys: string[]; // distinct keys of byName, for suggestions
}

let index: Index | undefined;

function add(map: Map<string, Place[]>, k: string, p: Place): void {
  if (!k) return;
  const list = map.get(k);
  if (!list) map.set(k, [p]);
  else if (!list.includes(p)) list.push(p);
}

function load(): Index {
  if (index) return index;
  const countryName = new Map<string, string>();
  const countryByKey = new Map<string, string>();
  for (const line of COUNTRIES.split('\n')) {
    const [cc, name, aliases] = line.split('\t') as [string, string, string | undefined];
    countryName.set(cc, name);
    countryByKey.set(cc.toLowerCase(), cc);
    countryByKey.set(placeKey(name), cc);
    for (const a of aliases ? aliases.split('|') : []) countryByKey.set(placeKey(a), cc);
  }
  // The code the world writes for Great Britain is UK; ISO keeps it exceptionally reserved for GB.
  countryByKey.set('uk', 'GB');
  const places: Place[] = [];
  const keys: string[] = [];
  const byName = new Map<string, Place[]>();
  const byCompact = new Map<string, Place[]>();
  const byIata = new Map<string, Place>();
  for (const line of CITIES.split('\n')) {
    const [name, ascii, cc, lat, lon, pop, codes, aliases] = line.split('\t') as string[];
    const iataCodes = codes ? codes.split(' ') : [];
    const p: Place = {
      name: name!,
      asciiName: ascii || name!,
      countryCode: cc!,
      countryName: countryName.get(cc!) ?? cc!,
      latDeg: Number(lat) / 1e4,
      lonDeg: Number(lon) / 1e4,
      population: Number(pop),
      iataCodes,
    };
    places.push(p);
    const k = asciiKey(p.asciiName);
    keys.push(k);
    const names = [p.asciiName, ...(aliases ? aliases.split('|') : [])];
    // "Frankfurt (Oder)" is also "Frankfurt"; "Washington, D.C." is also "Washington".
    const bare = p.asciiName.replace(/\s*\(.*\)\s*$/, '').replace(/,.*$/, '');
    if (bare && bare !== p.asciiName) names.push(bare);
    for (const n of names) {
      const nk = n === p.asciiName ? k : placeKey(n);
      add(byName, nk, p);
      if (nk.includes(' ')) add(byCompact, nk.replace(/ /g, ''), p);
    }
    for (const c of iataCodes) if (!byIata.has(c)) byIata.set(c, p);
  }
  index = { places, keys, byName, byCompact, byIata, countryByKey, countryName, allNameKeys: [...byName.keys()] };
  return index;
}

/** ISO 3166-1 alpha-2 for a code ("DE", "uk") or an English name or alias ("Germany", "USA"). */
export function lookupCountry(text: string): string | undefined {
  return load().countryByKey.get(placeKey(text));
}

/** The most populous candidate when it clearly dominates the next one (DOMINANCE_RATIO). */
function dominant(candidates: Place[]): Place | undefined {
  if (candidates.length === 0) return undefined;
  if (candidates.length === 1) return candidates[0];
  const [a, b] = candidates as [Place, Place];
  return a.population >= DOMINANCE_RATIO * b.population ? a : undefined;
}

function withIata(p: Place, code: string): Place {
  return { ...p, iata: code };
}

/** Edit distance, or max + 1 as soon as every cell of a row exceeds max (the rest cannot come back). */
function boundedDistance(a: string, b: string, max: number): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      const v = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev[j] = v;
      diag = up;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
  }
  return prev[b.length]!;
}

/** Name keys by first letter and length ("f17"), for suggestions (a typo rarely hits the first letter). */
let byInitial: Map<string, string[]> | undefined;

/**
 * Did-you-mean: names within a typo's reach (a third of the letters), nearest first, then most
 * populous. Only names that start with the first or second letter of the text are compared (a
 * dropped or swapped first letter is still found): about a thirteenth of the index, so an unknown
 * name costs well under a millisecond.
 */
function suggest(text: string, countryCode?: string): Place[] {
  const ix = load();
  const k = placeKey(text).slice(0, 64);
  if (!k) return [];
  if (!byInitial) {
    byInitial = new Map();
    for (const nk of ix.allNameKeys) {
      const bucket = nk[0]! + nk.length;
      const list = byInitial.get(bucket);
      if (list) list.push(nk);
      else byInitial.set(bucket, [nk]);
    }
  }
  const max = Math.max(2, Math.ceil(k.length / 3));
  const scored: Array<{ p: Place; d: number }> = [];
  const initials = new Set([k[0]!, k[1] ?? k[0]!]);
  for (const initial of initials)
    for (let len = Math.max(1, k.length - max); len <= k.length + max; len++)
      for (const nk of byInitial.get(initial + len) ?? []) {
        const d = boundedDistance(k, nk, max);
        if (d > max) continue;
        for (const p of ix.byName.get(nk)!) {
          if (countryCode && p.countryCode !== countryCode) continue;
          scored.push({ p, d });
        }
      }
  scored.sort((x, y) => x.d - y.d || y.p.population - x.p.population);
  // One suggestion per "City, CC" (the most populous): "Frankfort, US" three times helps no one.
  const out: Place[] = [];
  const seen = new Set<string>();
  for (const { p } of scored) {
    if (seen.has(placeString(p))) continue;
    seen.add(placeString(p));
    out.push(p);
    if (out.length === 5) break;
  }
  return out;
}

/**
 * A place string to a city. Accepted forms: "City", "City, CC" (ISO alpha-2, or UK), "City, Country"
 * (English name or alias), an IATA airport code "FRA" (the city it serves). Case, diacritics and
 * punctuation do not matter ("zurich" finds Zürich). A bare name shared by several cities resolves
 * to the most populous only when it dominates (DOMINANCE_RATIO), else 'ambiguous' with the
 * candidates, most populous first. A name that matches nothing is 'unknown' with up to 5
 * suggestions (about a millisecond each; `{ suggestions: false }` skips them): never resolved to the
 * nearest spelling. Cities below GAZETTEER_MIN_POPULATION are not known. Results are memoised. Sources: GeoNames (cities, coordinates, population), OpenFlights (IATA codes).
 */
export function lookupPlace(text: string, options: { suggestions?: boolean } = {}): PlaceLookup {
  const withSuggestions = options.suggestions !== false;
  const key = `${withSuggestions ? 1 : 0}${text}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const r = lookupUncached(text, withSuggestions);
  // Bounded: a design with thousands of distinct place strings must not grow the cache without end.
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(key, r);
  return r;
}

const MEMO_SIZE = 4096;
const memo = new Map<string, PlaceLookup>();

function lookupUncached(text: string, withSuggestions: boolean): PlaceLookup {
  const ix = load();
  const t = text.trim();
  if (!t) return { status: 'unknown', suggestions: [] };
  const comma = t.lastIndexOf(',');
  if (comma > 0) {
    const cityPart = t.slice(0, t.indexOf(','));
    const cc = lookupCountry(t.slice(comma + 1));
    if (cc) {
      const candidates = (ix.byName.get(placeKey(cityPart)) ?? []).filter((p) => p.countryCode === cc);
      if (candidates.length === 0) {
        // "FRA, DE": an IATA code qualified by its country.
        const code = cityPart.trim().toUpperCase();
        const byCode = /^[A-Z]{3}$/.test(code) ? ix.byIata.get(code) : undefined;
        if (byCode && byCode.countryCode === cc) return { status: 'found', place: withIata(byCode, code), via: 'iata' };
        // "Paris, UK": the name exists, in other countries; those are the suggestions.
        const elsewhere = ix.byName.get(placeKey(cityPart));
        return { status: 'unknown', suggestions: elsewhere ? elsewhere.slice(0, 5) : withSuggestions ? suggest(cityPart, cc) : [] };
      }
      const one = dominant(candidates);
      if (one) return { status: 'found', place: one, via: 'country-qualified' };
      return { status: 'ambiguous', candidates };
    }
    // "Washington, D.C." is a name with a comma: fall through to the whole string as a name.
    const whole = ix.byName.get(placeKey(t));
    if (!whole) return { status: 'unknown', suggestions: withSuggestions ? suggest(cityPart) : [] };
  }
  const upper = t.toUpperCase();
  const isCode = /^[A-Z]{3}$/.test(upper);
  // An upper-case three-letter string is a code first ("NICE" is not; "NCE" is Nice).
  if (isCode && t === upper) {
    const p = ix.byIata.get(upper);
    if (p) return { status: 'found', place: withIata(p, upper), via: 'iata' };
  }
  const candidates = ix.byName.get(placeKey(t)) ?? [];
  const one = dominant(candidates);
  if (one) return { status: 'found', place: one, via: 'city' };
  if (candidates.length > 1) return { status: 'ambiguous', candidates };
  if (isCode) {
    const p = ix.byIata.get(upper);
    if (p) return { status: 'found', place: withIata(p, upper), via: 'iata' };
  }
  return { status: 'unknown', suggestions: withSuggestions ? suggest(t) : [] };
}

/** "Frankfurt am Main, DE": the place string that pins a place (round-trips through lookupPlace). */
export function placeString(p: Place): string {
  return `${p.name}, ${p.countryCode}`;
}

/**
 * Tokens of an id or name: split at `-`, `_`, `.`, `/`, `:`, `@`, spaces, letter/digit boundaries and
 * camelCase humps (`syd-dc2` -> syd, dc, 2; `OsloWitness` -> Oslo, Witness).
 */
export function nameTokens(idOrName: string): string[] {
  return fold(idOrName)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])|([0-9])([A-Za-z])/g, (_m, a, b, c, d) => (a ? `${a} ${b}` : `${c} ${d}`))
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

export interface InferOptions {
  /** Override INFER_MIN_POPULATION (for measurement). */
  minPopulation?: number;
}

/**
 * Tokens of an id or name (`syd-dc2`, "Oslo witness", `hcx.fra1.example.net`) -> a place, precision
 * first. A token places a site when it is the name of a city of at least INFER_MIN_POPULATION that
 * dominates its namesakes (one to three consecutive words: "hong-kong", "sao_paulo", or written
 * together: "hongkong"), or a three-letter IATA code of an airport serving such a city. Words of
 * INFRA_WORDS, one- and two-letter tokens and digits never place anything. Tokens naming different
 * cities give 'conflict' (no placement); several naming the same city give that city, with the
 * longest name as the token. Sources: GeoNames, OpenFlights. DCI Lint heuristic.
 */
export function inferPlace(idOrName: string, options: InferOptions = {}): Inference {
  const ix = load();
  const minPop = options.minPopulation ?? INFER_MIN_POPULATION;
  const words = nameTokens(idOrName);
  const lower = words.map((w) => w.toLowerCase());
  const hits: Array<{ token: string; place: Place; weight: number }> = [];
  const used = new Array<boolean>(words.length).fill(false);
  const bigEnough = (list: Place[] | undefined): Place | undefined => {
    const p = list ? dominant(list) : undefined;
    return p && p.population >= minPop ? p : undefined;
  };
  // Multi-word names first ("new york", "hong kong", "san jose"), then single words.
  for (let n = 3; n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      if (used.slice(i, i + n).some(Boolean)) continue;
      const part = lower.slice(i, i + n);
      if (part.some((w) => /^[0-9]+$/.test(w))) continue;
      if (n === 1 && (part[0]!.length < 4 || INFRA_WORDS.has(part[0]!))) continue;
      if (n > 1 && part.every((w) => INFRA_WORDS.has(w))) continue;
      const p = bigEnough(ix.byName.get(part.join(' '))) ?? (n === 1 ? bigEnough(ix.byCompact.get(part[0]!)) : undefined);
      if (!p) continue;
      hits.push({ token: words.slice(i, i + n).join(n > 1 ? ' ' : ''), place: p, weight: n * 10 + part.join('').length });
      for (let j = i; j < i + n; j++) used[j] = true;
    }
  }
  for (let i = 0; i < words.length; i++) {
    const w = lower[i]!;
    if (used[i] || w.length !== 3 || !/^[a-z]{3}$/.test(w) || INFRA_WORDS.has(w)) continue;
    const code = w.toUpperCase();
    const p = ix.byIata.get(code);
    if (!p || p.population < minPop) continue;
    hits.push({ token: words[i]!, place: withIata(p, code), weight: 3 });
  }
  if (hits.length === 0) return { status: 'none' };
  const distinct = new Map<string, (typeof hits)[number]>();
  for (const h of hits) {
    const k = `${h.place.name}|${h.place.countryCode}`;
    const prev = distinct.get(k);
    if (!prev || h.weight > prev.weight) distinct.set(k, h);
  }
  if (distinct.size > 1) return { status: 'conflict', tokens: [...distinct.values()].map(({ token, place }) => ({ token, place })) };
  const [only] = [...distinct.values()] as [(typeof hits)[number]];
  return { status: 'inferred', place: only.place, token: only.token };
}

/** Cities whose name (or ASCII name, or alias) starts with the prefix, most populous first, for completion. */
export function completePlaces(prefix: string, limit: number): Place[] {
  const ix = load();
  const k = placeKey(prefix);
  const out: Place[] = [];
  if (limit <= 0) return out;
  for (let i = 0; i < ix.places.length && out.length < limit; i++) {
    if (ix.keys[i]!.startsWith(k)) out.push(ix.places[i]!);
  }
  return out;
}
