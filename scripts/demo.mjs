// `npm run demo`: lint the bundled examples and show the findings. Findings (exit code 1) are the
// point of the demo, so only a usage error or a crash (exit code 2) fails it.
import { spawnSync } from 'node:child_process';

const args = ['dist/cli.js', 'examples/', ...process.argv.slice(2)];
const { status } = spawnSync(process.execPath, args, { stdio: 'inherit' });
if (status === 0 || status === 1) {
  console.log('\nTry: node dist/cli.js rtt aws:eu-central-1 aws:ap-southeast-2   |   node dist/cli.js matrix examples/follow-the-sun.dci.yaml');
  process.exit(0);
}
process.exit(status ?? 2);
