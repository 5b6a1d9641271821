// An open (a document's first analysis, empty parse cache) parses the whole text at once; its entries go
// into the cache afterwards (prefillTopologyCache, in idle slices in the server), so that the first edit
// re-parses only the entries it touched. Either way the findings are those of a fresh full analysis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const core = createRequire(import.meta.url)('../../dist/core.js');
const repo = new URL('../../', import.meta.url).pathname;

const canonical = (r) => JSON.stringify({ findings: r.findings, rows: r.rows, sites: r.designs.map((d) => [...d.sites.values()]) });

test('an open parses whole, the prefill fills the cache in slices, and the first edit reuses every entry it did not touch', () => {
  const file = 'file:///design.dci.yaml';
  const text = readFileSync(`${repo}examples/metro-vsan.dci.yaml`, 'utf8');
  const cache = new core.TopologyCache();
  assert.equal(cache.empty, true);
  const opened = core.lintTopology(file, text, { cache });
  assert.equal(canonical(opened), canonical(core.lintTopology(file, text)));
  assert.equal(cache.misses, 0, 'the open parsed no entry one by one');
  assert.equal(cache.pending?.text, text);
  // A deadline already past: one entry per call, until none is left.
  let calls = 0;
  while (!core.prefillTopologyCache(cache, 0)) calls++;
  assert.ok(calls > 5, `${calls} slices`);
  assert.equal(cache.pending, undefined);
  const parsed = cache.misses;
  assert.ok(parsed > 5, `${parsed} entries parsed ahead`);
  // One site moved: its entry is parsed again, every other comes from the cache.
  const edited = text.replace('lat: 52.2905', 'lat: 52.29051');
  assert.notEqual(edited, text);
  const after = core.lintTopology(file, edited, { cache });
  assert.equal(cache.misses, parsed + 1);
  assert.equal(canonical(after), canonical(core.lintTopology(file, edited)));
});

test('an edit before the prefill ends drops it: the new text is parsed entry by entry', () => {
  const file = 'file:///design.dci.yaml';
  const text = readFileSync(`${repo}examples/follow-the-sun.dci.yaml`, 'utf8');
  const cache = new core.TopologyCache();
  core.lintTopology(file, text, { cache });
  assert.equal(core.prefillTopologyCache(cache, 0), false);
  const edited = `${text}\n# a comment\n`;
  const after = core.lintTopology(file, edited, { cache });
  assert.equal(cache.pending, undefined);
  assert.equal(canonical(after), canonical(core.lintTopology(file, edited)));
});
