// Runs one bomb through the core in a fresh process and prints what it cost: the lint time, the peak
// resident memory of the whole process, and the findings. Usage: node bomb-child.mjs NAME
import { core, DIST } from './dist.mjs';
import { BOMBS } from './bombs.mjs';

const bomb = BOMBS.find((b) => b.name === process.argv[2]);
const text = bomb.text();
if (bomb.kind === 'terraform') await core.initTerraform(DIST);
const t0 = performance.now();
// `incremental`: the editor's path (parse cache), which cuts the text by its own scan first.
const options = bomb.incremental ? { cache: new core.TopologyCache() } : {};
const { findings } = bomb.kind === 'terraform' ? core.lintTerraformModule([{ file: 'bomb/main.tf', text }], {}) : core.lintTopology('bomb.dci.yaml', text, options);
const ms = performance.now() - t0;
const out = {
  chars: text.length,
  ms: Math.round(ms),
  rssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  inside: findings.every((f) => f.loc.start >= 0 && f.loc.start <= f.loc.end && f.loc.end <= text.length),
  findings: findings.map((f) => ({ code: f.ruleId, message: f.message })),
};
process.stdout.write(JSON.stringify(out));
