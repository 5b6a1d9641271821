// Times `dci-lint matrix` on generated designs (bench/generate.mjs, same seed as npm run bench): wall and
// CPU (this process's children: the CLI and its worker threads), output size, and whether every pair is
// there. Target (issue 13): 2,000 sites (1,999,000 pairs) < 3 s wall.
//   node build.mjs && node bench/matrix.mjs [sites=2000] [runs=3] [format=json]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, statSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir, availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { generateTopology } from './generate.mjs';

const [sites = 2000, runs = 3] = process.argv.slice(2, 4).map(Number);
const format = process.argv[4] ?? 'json';
const dir = mkdtempSync(join(tmpdir(), 'dci-matrix-'));
const file = join(dir, `bench-${sites}.dci.yaml`);
writeFileSync(file, generateTopology(sites, 1)); // seed 1, as bench/run.mjs
const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const results = [];
for (let r = 0; r < runs; r++) {
  const out = join(dir, `matrix.${format}`);
  const fd = openSync(out, 'w');
  const t0 = performance.now();
  const res = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, cli, 'matrix', file, '--format', format], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  closeSync(fd);
  const [user, sys] = res.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  results.push({ wallMs: Math.round(wallMs), cpuMs: Math.round((user + sys) * 1000), exit: res.status, outputMB: +(statSync(out).size / 1e6).toFixed(1) });
}
rmSync(dir, { recursive: true, force: true });
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({ sites, pairs: (sites * (sites - 1)) / 2, format, cores: availableParallelism(), loadAverage1m: +loadavg()[0].toFixed(1), wallMedianMs: med(results.map((r) => r.wallMs)), cpuMedianMs: med(results.map((r) => r.cpuMs)), runs: results }, null, 1));
