// `dci-lint map FILE|FOLDER -o map.svg`: the design on a world map, each judged pair coloured by its
// worst finding (the same renderer as the editor's map view). See spec/cli.md (additions).

import { writeFileSync } from 'node:fs';
import { basename, extname, join, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { buildMapData, renderMapSvg, resolveAssumptions, RttModel } from '../core';
import { judgedRows } from '../lsp/mapRows';
import { UsageError } from './errors';
import { lintFiles } from './lint';

export async function runMap(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      config: { type: 'string' },
      width: { type: 'string' },
      height: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('map takes one topology file or folder: dci-lint map FILE|FOLDER [-o map.svg].');
  const size = (name: 'width' | 'height', fallback: number) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 200 || n > 8000) throw new UsageError(`--${name} takes a whole number of pixels from 200 to 8000, got ${raw}.`);
    return n;
  };
  const width = size('width', 1200);
  const height = size('height', 640);
  const run = await lintFiles(positionals, { configFile: values.config, ruleOverrides: {}, inlineSuppressions: true, keepDesigns: true });
  if (run.configErrors.length > 0) {
    for (const e of run.configErrors) process.stderr.write(`${e}\n`);
    return 2;
  }
  if (run.missing.length > 0) throw new UsageError(`No such file or folder: ${run.missing.join(', ')}`);
  const designs = run.designs.filter((d) => d.design.sites.size > 0);
  if (designs.length === 0) throw new UsageError(`No design with sites found in ${positionals[0]}.`);
  const out = values.output;
  designs.forEach(({ design, config, findings, rows }, i) => {
    const model = new RttModel(design, resolveAssumptions(design, config.assumptions));
    const data = buildMapData(design, findings, model, judgedRows(design, model, rows));
    const svg = renderMapSvg(data, { width, height });
    if (!out) {
      process.stdout.write(svg);
      return;
    }
    // Several designs (a folder): map.svg, then map-2.svg, map-3.svg, ... in path order.
    const file = i === 0 ? out : join(dirname(out), `${basename(out, extname(out))}-${i + 1}${extname(out) || '.svg'}`);
    writeFileSync(file, svg);
    process.stderr.write(`${file}: ${data.name ?? design.file}, ${data.sites.length} sites, ${data.pairs.length} pairs\n`);
  });
  return 0;
}
