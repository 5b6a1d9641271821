// The offline gazetteer (server/src/core/geo/gazetteer.ts) against known places, and the precision
// of inference from site ids on a labelled corpus (test/fixtures/places/site-ids.csv).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const core = createRequire(import.meta.url)('../../dist/core.js');
const label = (p) => `${p.name}, ${p.countryCode}`;

function found(text) {
  const r = core.lookupPlace(text);
  assert.equal(r.status, 'found', `${text}: ${JSON.stringify(r).slice(0, 200)}`);
  return r;
}

test('known cities resolve to GeoNames coordinates (within 0.01 degree)', () => {
  const known = [
    ['Frankfurt am Main, DE', 'Frankfurt am Main', 'DE', 50.1155, 8.6842],
    ['Sydney, Australia', 'Sydney', 'AU', -33.8678, 151.2073],
    ['Sydney', 'Sydney', 'AU', -33.8678, 151.2073],
    ['FRA', 'Frankfurt am Main', 'DE', 50.1155, 8.6842],
    ['London, UK', 'London', 'GB', 51.5085, -0.1257],
    ['zurich', 'Zürich', 'CH', 47.3667, 8.55],
    ['São Paulo, Brazil', 'São Paulo', 'BR', -23.5475, -46.6361],
    ['Sao Paulo', 'São Paulo', 'BR', -23.5475, -46.6361],
    ['New York', 'New York City', 'US', 40.7143, -74.006],
    ['Washington, D.C.', 'Washington, D.C.', 'US', 38.8951, -77.0364],
    ['Sydney, CA', 'Sydney', 'CA', 46.1351, -60.1831],
    ['HKG', 'Hong Kong', 'HK', 22.2783, 114.1747],
    ['Lisbon, Portugal', 'Lisbon', 'PT', 38.7167, -9.1333],
  ];
  for (const [text, name, cc, lat, lon] of known) {
    const { place } = found(text);
    assert.equal(place.name, name, text);
    assert.equal(place.countryCode, cc, text);
    assert.ok(Math.abs(place.latDeg - lat) < 0.01 && Math.abs(place.lonDeg - lon) < 0.01, `${text}: ${place.latDeg}, ${place.lonDeg}`);
  }
  assert.equal(found('Sydney, AU').via, 'country-qualified');
  assert.equal(found('Sydney').via, 'city');
  assert.equal(found('FRA').via, 'iata');
  assert.equal(found('FRA').place.iata, 'FRA');
  assert.equal(found('Frankfurt am Main, DE').place.countryName, 'Germany');
});

test('Frankfurt to Sydney: about 16,480 km on the WGS-84 geodesic', () => {
  const a = found('Frankfurt am Main, DE').place;
  const b = found('Sydney, AU').place;
  const km = core.geodesicKm(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg);
  assert.ok(Math.abs(km - 16480) < 20, `${km}`);
});

test('an ambiguous name lists its candidates, most populous first; a dominant one resolves', () => {
  for (const name of ['Hyderabad', 'Birmingham', 'Springfield', 'Portland']) {
    const r = core.lookupPlace(name);
    assert.equal(r.status, 'ambiguous', name);
    assert.ok(r.candidates.length >= 2);
    for (let i = 1; i < r.candidates.length; i++) assert.ok(r.candidates[i - 1].population >= r.candidates[i].population);
  }
  assert.deepEqual(core.lookupPlace('Hyderabad').candidates.slice(0, 2).map(label), ['Hyderabad, IN', 'Hyderabad, PK']);
  assert.equal(label(found('London').place), 'London, GB');
  assert.equal(label(found('Frankfurt').place), 'Frankfurt am Main, DE'); // not Frankfurt (Oder)
  assert.equal(label(found('Birmingham, GB').place), 'Birmingham, GB');
});

test('a typo is never resolved: unknown, with the intended place among the suggestions', () => {
  for (const [typo, meant] of [['Frnkfurt', 'Frankfurt am Main, DE'], ['Sydeny', 'Sydney, AU'], ['Lisbn, PT', 'Lisbon, PT'], ['Amsterdm', 'Amsterdam, NL']]) {
    const r = core.lookupPlace(typo);
    assert.equal(r.status, 'unknown', typo);
    assert.ok(r.suggestions.map(label).includes(meant), `${typo}: ${r.suggestions.map(label)}`);
  }
  assert.deepEqual(core.lookupPlace('Xyzzyq').suggestions, []);
  assert.equal(core.lookupPlace('').status, 'unknown');
  // The city exists, in another country: the suggestions are those.
  const r = core.lookupPlace('Paris, UK');
  assert.equal(r.status, 'unknown');
  assert.equal(label(r.suggestions[0]), 'Paris, FR');
});

test('inference from ids and names: the brief\'s examples', () => {
  const cases = {
    'syd-dc2': ['Sydney, AU', 'syd'],
    'Oslo witness': ['Oslo, NO', 'Oslo'],
    'hcx.fra1.example.net': ['Frankfurt am Main, DE', 'fra'],
    lis1: ['Lisbon, PT', 'lis'],
    hkg2: ['Hong Kong, HK', 'hkg'],
    'nsx-milan': ['Milan, IT', 'milan'],
    'hong-kong-1': ['Hong Kong, HK', 'hong kong'],
    'frankfurt-fra1': ['Frankfurt am Main, DE', 'frankfurt'],
  };
  for (const [id, [place, token]] of Object.entries(cases)) {
    const r = core.inferPlace(id);
    assert.equal(r.status, 'inferred', id);
    assert.equal(label(r.place), place, id);
    assert.equal(r.token, token, id);
  }
  const c = core.inferPlace('fra-lhr-link');
  assert.equal(c.status, 'conflict');
  assert.deepEqual(c.tokens.map((t) => [t.token, label(t.place)]).sort(), [['fra', 'Frankfurt am Main, DE'], ['lhr', 'London, GB']]);
  assert.deepEqual(core.nameTokens('syd-dc2'), ['syd', 'dc', '2']);
  assert.deepEqual(core.nameTokens('OsloWitness_b.x'), ['Oslo', 'Witness', 'b', 'x']);
});

test('infrastructure words never place a site, even where an airport carries the code', () => {
  for (const w of ['web', 'app', 'db', 'dc', 'dr', 'prod', 'dev', 'test', 'lab', 'core', 'edge', 'site', 'pod', 'az', 'zone', 'primary', 'secondary', 'san', 'nas', 'ext', 'lan']) {
    assert.equal(core.inferPlace(`${w}1`).status, 'none', w);
    assert.ok(core.INFRA_WORDS.has(w) || w.length < 3, w);
  }
  const infra = [...core.INFRA_WORDS];
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom(...infra), fc.nat(99).map(String)), { minLength: 1, maxLength: 5 }), fc.constantFrom('-', '_', '.', ' '), (parts, sep) => {
      assert.equal(core.inferPlace(parts.join(sep)).status, 'none', parts.join(sep));
    }),
    { numRuns: 500, seed: 20261129 },
  );
});

test('precision on the labelled corpus of realistic site ids: at least 95 %, recall at least 85 %', () => {
  const rows = readFileSync(new URL('../fixtures/places/site-ids.csv', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#') && l !== 'id,expected')
    .map((l) => [l.slice(0, l.indexOf(',')), l.slice(l.indexOf(',') + 1).replace(/^"|"$/g, '')]);
  let predicted = 0;
  let correct = 0;
  for (const [id, expected] of rows) {
    const r = core.inferPlace(id);
    if (r.status !== 'inferred') continue;
    predicted++;
    if (label(r.place) === expected) correct++;
  }
  const labelled = rows.filter(([, e]) => e).length;
  assert.ok(correct / predicted >= 0.95, `precision ${correct}/${predicted}`);
  assert.ok(correct / labelled >= 0.85, `recall ${correct}/${labelled}`);
});

test('completion: cities by prefix, most populous first', () => {
  const list = core.completePlaces('fra', 5);
  assert.equal(list.length, 5);
  assert.equal(label(list[0]), 'Frankfurt am Main, DE');
  for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].population >= list[i].population);
  assert.equal(label(core.completePlaces('zür', 1)[0]), 'Zürich, CH');
  assert.deepEqual(core.completePlaces('fra', 0), []);
});

test('lookups take microseconds once the index is loaded; hostile input is linear', () => {
  core.lookupPlace('Sydney');
  let t = performance.now();
  for (let i = 0; i < 2000; i++) core.lookupPlace('Frankfurt am Main, DE');
  const perLookupUs = ((performance.now() - t) / 2000) * 1000;
  assert.ok(perLookupUs < 500, `${perLookupUs} µs`);
  t = performance.now();
  const r = core.inferPlace('a-'.repeat(50_000));
  assert.equal(r.status, 'none');
  core.lookupPlace('x'.repeat(100_000));
  assert.ok(performance.now() - t < 2000);
});

test('property: a place string built from any indexed city resolves to that city', () => {
  const cities = core.completePlaces('', 2000);
  fc.assert(
    fc.property(fc.constantFrom(...cities), (p) => {
      const r = core.lookupPlace(core.placeString(p));
      if (r.status === 'ambiguous') return r.candidates.includes(p) || r.candidates.some((c) => label(c) === label(p));
      assert.equal(r.status, 'found');
      assert.equal(label(r.place), label(p));
      return true;
    }),
    { numRuns: 300, seed: 20261129 },
  );
});

test('IATA metropolitan area codes: NYC, LON, TYO... name their city, as a place string and in a site id', () => {
  const metro = { NYC: 'New York City, US', LON: 'London, GB', TYO: 'Tokyo, JP', PAR: 'Paris, FR', CHI: 'Chicago, US', WAS: 'Washington, D.C., US', SAO: 'São Paulo, BR', MIL: 'Milan, IT', OSA: 'Osaka, JP', BUE: 'Buenos Aires, AR', MOW: 'Moscow, RU', BJS: 'Beijing, CN', ROM: 'Rome, IT' };
  for (const [code, place] of Object.entries(metro)) {
    const r = found(code);
    assert.equal(label(r.place), place, code);
    assert.equal(core.isMetroCode(code), true, code);
  }
  assert.equal(core.isMetroCode('FRA'), false);
  // an airport's code is still the airport's city
  assert.equal(label(found('LHR').place), 'London, GB');
  for (const [id, place] of [
    ['lon1', 'London, GB'],
    ['nyc-dc2', 'New York City, US'],
    ['tyo1', 'Tokyo, JP'],
    ['par-edge-3', 'Paris, FR'],
  ]) {
    const r = core.inferPlace(id);
    assert.equal(r.status, 'inferred', id);
    assert.equal(label(r.place), place, id);
  }
  // `was` is an everyday word (and WebSphere Application Server): never inferred from an id
  assert.equal(core.inferPlace('was-node1').status, 'none');
  assert.equal(core.inferPlace('lon-lhr').status, 'inferred', 'one city from both');
  assert.equal(core.inferPlace('lon-par').status, 'conflict');
});

test("a site placed from a metropolitan area code says so, with the code's source", () => {
  const text = 'dci: 1\nsites:\n  lon1: {}\n  tyo1: { location: "TYO" }\n';
  const r = core.lintTopology('x.dci.yaml', text);
  const inferred = r.findings.find((f) => f.ruleId === 'inferred-location');
  assert.match(inferred.message, /^Site `lon1` is placed in London, United Kingdom \(51\.5085, -0\.1257\) from `lon` in its id, the IATA metropolitan area code of London\./);
  assert.equal(r.designs[0].sites.get('tyo1').placement.origin, 'Tokyo, Japan (IATA metropolitan area code TYO, GeoNames)');
  // the hover's words (placement.origin) and the message's agree
  assert.equal(r.designs[0].sites.get('lon1').placement.origin, 'London, United Kingdom (inferred from `lon` in its id, IATA metropolitan area code LON)');
});
