// A long editing session must not grow the core's memory: every edit at a different site of a 500-site
// design, typed and deleted, 240 versions. A chunk's text sliced out of a version's text kept that whole
// text alive (V8's sliced strings point into their parent): ~113 KB per edited site, found when a
// 2,000-site design's server grew from 360 to 660 MB over 300 edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { generateTopology } from '../../bench/generate.mjs';

const DIST = process.env.DCI_LINT_DIST ? path.resolve(process.env.DCI_LINT_DIST) : new URL('../../dist', import.meta.url).pathname;
const core = createRequire(import.meta.url)(path.join(DIST, 'core.js'));
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

test('240 edits at different sites: the heap stays where it was after the first 40', () => {
  const text = generateTopology(500, 1);
  const lines = text.split('\n');
  const siteLines = lines.flatMap((l, i) => (/location: \{ lat: /.test(l) ? [i] : []));
  assert.ok(siteLines.length >= 150, `${siteLines.length} sites with a latitude`);
  const cache = new core.TopologyCache();
  core.lintTopology('x.dci.yaml', text, { cache });
  core.prefillTopologyCache(cache, Infinity);
  const heapAt = [];
  let result;
  for (let k = 0; k < 240; k++) {
    // a digit typed at the end of a latitude, then deleted: the text is the original again every two versions
    const line = siteLines[(Math.floor(k / 2) * 37) % siteLines.length];
    const col = lines[line].indexOf(',', lines[line].indexOf('lat: '));
    lines[line] = k % 2 === 0 ? lines[line].slice(0, col) + '7' + lines[line].slice(col) : lines[line].slice(0, col - 1) + lines[line].slice(col);
    result = core.lintTopology('x.dci.yaml', lines.join('\n'), { cache });
    if (k === 39 || k === 239) {
      gc();
      heapAt.push(process.memoryUsage().heapUsed);
    }
  }
  assert.equal(lines.join('\n'), text);
  assert.ok(result.findings.length > 0);
  const growthMB = (heapAt[1] - heapAt[0]) / 1e6;
  assert.ok(growthMB < 4, `the heap grew ${growthMB.toFixed(1)} MB over 200 versions`);
});
