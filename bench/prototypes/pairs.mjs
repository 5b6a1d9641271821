// Measurement behind the matrix finding in docs/performance.md: CPU per RttModel.pair() on the
// 2,000-site design as generated (it has 2 microwave links) and with those links turned to fiber.
// With links faster than fiber, lowerBoundAt() evaluates geodesics to every fast endpoint per pair.
//   node bench/prototypes/pairs.mjs [sites=2000] [sources=100]
import { createRequire } from 'node:module';
import { generateTopology } from '../generate.mjs';

const core = createRequire(import.meta.url)('../../dist/core.js');
const sites = Number(process.argv[2] ?? 2000);
const sources = Number(process.argv[3] ?? 100);
const text = generateTopology(sites, 1);
const out = {};
for (const [name, t] of [
  ['as generated', text],
  ['microwave -> fiber', text.replaceAll('medium: microwave', 'medium: fiber')],
]) {
  const design = core.parseTopology(t, 'bench.dci.yaml').designs[0];
  const model = new core.RttModel(design, core.resolveAssumptions(design));
  const ids = [...design.sites.keys()];
  const c0 = process.cpuUsage();
  let n = 0;
  for (let i = 0; i < sources; i++) for (let j = i + 1; j < ids.length; j++, n++) model.pair(ids[i], ids[j]);
  const c = process.cpuUsage(c0);
  const us = (c.user + c.system) / n;
  out[name] = { microwaveLinks: (t.match(/medium: microwave/g) ?? []).length, pairs: n, usPerPair: +us.toFixed(2), projectedAllPairsS: +((us * (sites * (sites - 1)) / 2) / 1e6).toFixed(1) };
}
console.log(JSON.stringify(out, null, 1));
