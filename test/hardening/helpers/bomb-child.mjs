// Runs one bomb through the core in a fresh process and prints what it cost: the lint time, the peak
// resident memory of the whole process, and the findings. Usage: node bomb-child.mjs NAME
import { core, DIST } from './dist.mjs';
import { BOMBS } from './bombs.mjs';

const bomb = BOMBS.find((b) => b.name === process.argv[2]);
const text = bomb.text();
if (bomb.kind === 'terraform') await core.initTerraform(DIST);
const t0 = performance.now();
const { findings } = bomb.kind === 'terraform' ? core.lintTerraformModule([{ file: 'bomb/main.tf', text }], {}) : core.lintTopology('bomb.dci.yaml', text, {});
const ms = performance.now() - t0;
const out = {
  chars: text.length,
  ms: Math.round(ms),
  rssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  inside: findings.every((f) => f.loc.start >= 0 && f.loc.start <= f.loc.end && f.loc.end <= text.length),
  findings: findings.map((f) => ({ code: f.ruleId, message: f.message })),
};
process.stdout.write(JSON.stringify(out));
