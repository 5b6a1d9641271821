// The core alone, in process: CPU of `lintTopology(file, text, { cache })` per version for the bench's
// one-line edit (a digit typed at the end of the middle site's latitude and removed again, as
// bench/edit-loop.mjs sends it over LSP) and for typing (six digits typed one by one, then deleted),
// after the open and `warmup` versions (steady state: V8 has optimised the edit path). No protocol, no
// worker: what the analysis itself costs per keystroke.
//
//   node bench/edit-core.mjs [--sites=100,500,2000] [--n=200] [--dist=DIR] [--edit-only]

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { editTarget, generateTopology } from './generate.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const root = join(import.meta.dirname, '..');
const core = createRequire(import.meta.url)(join(arg('dist', join(root, 'dist')), 'core.js'));
const n = Number(arg('n', '200'));

/** CPU ms per version over `n` versions cycling through `texts`, after `warmup` of them. */
function cpuPerVersion(file, original, texts, warmup = 24) {
  const cache = new core.TopologyCache();
  core.lintTopology(file, original, { cache });
  // as the server does after an open (when the core has it): the entries go into the cache in idle time
  core.prefillTopologyCache?.(cache, Infinity);
  for (let i = 0; i < warmup; i++) core.lintTopology(file, texts[i % texts.length], { cache });
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) core.lintTopology(file, texts[i % texts.length], { cache });
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / n;
}

for (const sites of arg('sites', '500').split(',').map(Number)) {
  const text = generateTopology(sites, 1);
  const e = editTarget(text);
  const lines = text.split('\n');
  const line = lines[e.line];
  const withSuffix = (suffix) => {
    const ls = [...lines];
    ls[e.line] = line.slice(0, e.startCharacter) + e.original + suffix + line.slice(e.startCharacter + e.original.length);
    return ls.join('\n');
  };
  const file = `bench-${sites}.dci.yaml`;
  const edit = cpuPerVersion(file, text, [withSuffix(e.edited.slice(e.original.length)), text]);
  if (args.includes('--edit-only')) {
    console.log(`${sites} sites: lintTopology with its cache, CPU per version: one-line edit ${edit.toFixed(2)} ms`);
    continue;
  }
  const typed = [1, 2, 3, 4, 5, 6].map((k) => withSuffix('123456'.slice(0, k)));
  const typing = cpuPerVersion(file, text, [...typed, ...typed.slice(0, 5).reverse(), text]);
  console.log(`${sites} sites: lintTopology with its cache, CPU per version: one-line edit ${edit.toFixed(2)} ms, typing ${typing.toFixed(2)} ms`);
}
