// `dci-lint matrix FILE`: the RTT figures for every unordered pair of sites, in file order.
import { readText } from './files';
import { parseArgs } from 'node:util';
import { parseTopology, resolveAssumptions, RttModel } from '../core';
import { UsageError } from './errors';

export function runMatrix(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'table' } } });
  if (positionals.length !== 1) throw new UsageError('matrix takes one topology file: dci-lint matrix FILE [--format table|json|csv].');
  const format = values.format!;
  if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`Unknown --format ${format}: use table, json or csv.`);
  const file = positionals[0]!;
  let text: string;
  try {
    text = readText(file);
  } catch (e) {
    throw new UsageError(`Cannot read ${file}: ${(e as Error).message}`);
  }
  const parsed = parseTopology(text, file);
  const design = parsed.designs[0];
  if (!design) {
    const first = parsed.findings[0];
    throw new UsageError(`${file} holds no topology design${first ? `: ${first.message}` : ''}.`);
  }
  const model = new RttModel(design, resolveAssumptions(design), { memoize: false });
  const ids = [...design.sites.keys()].filter((id) => model.has(id));
  const quoted = new Map(ids.map((id) => [id, JSON.stringify(id)]));
  const q = (id: string) => quoted.get(id)!;
  const w = process.stdout;
  // Streamed in chunks: 2,000 sites are 2 million rows.
  let buf = '';
  const flush = (force = false) => {
    if (force || buf.length > 1 << 20) {
      w.write(buf);
      buf = '';
    }
  };
  if (format === 'csv') buf += 'from,to,distanceKm,lowerBoundMs,estimateMs,measured,path\n';
  if (format === 'json') buf += '[';
  if (format === 'table') buf += `${'from'.padEnd(12)} ${'to'.padEnd(12)} ${'km'.padStart(9)} ${'>= ms'.padStart(8)} ${'~ ms'.padStart(8)}  path\n`;
  let first = true;
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const p = model.pair(ids[i]!, ids[j]!)!;
      if (format === 'json') {
        // Hand-built, same as JSON.stringify of the row: millions of rows, ids quoted once.
        buf += `${first ? '\n' : ',\n'}{"from":${q(p.from)},"to":${q(p.to)},"distanceKm":${p.distanceKm},"lowerBoundMs":${p.lowerBoundMs},"estimateMs":${p.rttMs},"measured":${p.measured},"path":[${p.path.map(q).join(',')}]}`;
      } else if (format === 'csv') {
        buf += `${p.from},${p.to},${p.distanceKm},${p.lowerBoundMs},${p.rttMs},${p.measured},${p.path.join(' ')}\n`;
      } else {
        buf += `${p.from.padEnd(12)} ${p.to.padEnd(12)} ${p.distanceKm.toFixed(0).padStart(9)} ${p.lowerBoundMs.toFixed(2).padStart(8)} ${(p.rttMs.toFixed(2) + (p.measured ? '*' : '')).padStart(8)}  ${p.path.join(' > ')}\n`;
      }
      first = false;
      flush();
    }
  if (format === 'json') buf += '\n]\n';
  if (format === 'table') buf += '\n>= lower bound (light in fiber over the great circle); ~ estimate (* measured)\n';
  flush(true);
  return 0;
}
