// Regenerates server/src/core/geo/regions.json from data/regions.csv.
// The catalogue ships as data inside the product: nothing is looked up at run time.
import { readFileSync, writeFileSync } from 'node:fs';

const src = process.argv[2] ?? 'data/regions.csv';
const lines = readFileSync(src, 'utf8').trim().split('\n');
const header = lines.shift().split(',');
const out = {};
for (const line of lines) {
  // city names may hold commas inside quotes
  const cells = line.match(/("([^"]*)"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
  const row = Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  const code = row.provider === 'azure' ? row.region.toLowerCase().replace(/\s+/g, '') : row.region;
  out[`${row.provider}:${code}`] = { city: row.city, country: row.country, lat: Number(row.lat), lon: Number(row.lon), source: row.source };
}
writeFileSync('server/src/core/geo/regions.json', JSON.stringify(out, null, 0).replace(/\},"/g, '},\n"') + '\n');
console.log(`${Object.keys(out).length} regions`);
