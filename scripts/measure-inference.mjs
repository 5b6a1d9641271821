// Precision and recall of place inference from site ids (test/fixtures/places/site-ids.csv) at
// several population cut-offs: the measurement behind INFER_MIN_POPULATION (docs/places.md).
// Usage: node build.mjs && node scripts/measure-inference.mjs
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const core = createRequire(import.meta.url)('../dist/core.js');
const rows = readFileSync(new URL('../test/fixtures/places/site-ids.csv', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#') && l !== 'id,expected')
  .map((l) => {
    const i = l.indexOf(',');
    return { id: l.slice(0, i), expected: l.slice(i + 1).replace(/^"|"$/g, '') };
  });
const label = (p) => `${p.name}, ${p.countryCode}`;
for (const minPopulation of [15000, 50000, 100000, 200000, 300000, 500000, 1000000]) {
  let predicted = 0, correct = 0, wrong = [], missed = 0;
  for (const r of rows) {
    const inf = core.inferPlace(r.id, { minPopulation });
    if (inf.status === 'inferred') {
      predicted++;
      if (label(inf.place) === r.expected) correct++;
      else wrong.push(`${r.id} -> ${label(inf.place)} (${r.expected || 'none'})`);
    } else if (r.expected) missed++;
  }
  const labelled = rows.filter((r) => r.expected).length;
  console.log(`>= ${minPopulation}: precision ${((100 * correct) / predicted).toFixed(1)} % (${correct}/${predicted}), recall ${((100 * correct) / labelled).toFixed(1)} % (${correct}/${labelled})` + (wrong.length ? `; wrong: ${wrong.join('; ')}` : ''));
}

// Out of sample: words of technical English (the README files of the installed npm packages, each
// word used in at least 3 of them): any word that places a site is a false alarm waiting in an id.
import { readdirSync, existsSync } from 'node:fs';
const nm = new URL('../node_modules/', import.meta.url);
const docCount = new Map();
for (const d of readdirSync(nm)) {
  const dirs = d.startsWith('@') ? readdirSync(new URL(d + '/', nm)).map((x) => `${d}/${x}`) : [d];
  for (const dir of dirs) {
    const f = new URL(`${dir}/README.md`, nm);
    if (!existsSync(f)) continue;
    const words = new Set(readFileSync(f, 'utf8').toLowerCase().match(/[a-z]{3,}/g) ?? []);
    for (const w of words) docCount.set(w, (docCount.get(w) ?? 0) + 1);
  }
}
const vocab = [...docCount].filter(([, n]) => n >= 3).map(([w]) => w);
for (const minPopulation of [15000, 50000, 100000, 200000, 300000, 500000, 1000000]) {
  const hits = vocab.filter((w) => core.inferPlace(w, { minPopulation }).status === 'inferred');
  console.log(`>= ${minPopulation}: ${hits.length} of ${vocab.length} README words place a site: ${hits.slice(0, 60).join(' ')}`);
}
