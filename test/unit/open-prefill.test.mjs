// An open (a document's first analysis, empty parse cache) of a large design parses the whole text at
// once; its entries go into the cache afterwards (prefillTopologyCache, in idle slices in the server), so
// that the first edit re-parses only the entries it touched. A smaller design is parsed entry by entry
// from the open: one copy of its design, no prefill. Either way the findings are those of a fresh full
// analysis, and the entries an edit did not move are the very objects of the version before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { generateTopology } from '../../bench/generate.mjs';

const core = createRequire(import.meta.url)('../../dist/core.js');
const repo = new URL('../../', import.meta.url).pathname;

const canonical = (r) => JSON.stringify({ findings: r.findings, rows: r.rows, sites: r.designs.map((d) => [...d.sites.values()]) });

/** A generated design of at least WHOLE_PARSE_MIN_CHARS characters. */
function largeText() {
  const text = generateTopology(1000, 1);
  assert.ok(text.length >= core.WHOLE_PARSE_MIN_CHARS, `${text.length} characters`);
  return text;
}

/** `text` with the first latitude of `lat: N.NNNN` form given one more digit. */
function moveOneSite(text) {
  const edited = text.replace(/lat: (-?\d+\.\d+)/, 'lat: $11');
  assert.notEqual(edited, text);
  return edited;
}

test('an open of a large design parses whole, the prefill fills the cache in slices, and the first edit reuses every entry it did not touch', () => {
  const file = 'file:///design.dci.yaml';
  const text = largeText();
  const cache = new core.TopologyCache();
  assert.equal(cache.empty, true);
  const opened = core.lintTopology(file, text, { cache });
  assert.equal(canonical(opened), canonical(core.lintTopology(file, text)));
  assert.equal(cache.misses, 0, 'the open parsed no entry one by one');
  assert.equal(cache.pending?.text, text);
  // A deadline already past: one entry per call, until none is left.
  let calls = 0;
  while (!core.prefillTopologyCache(cache, 0)) calls++;
  assert.ok(calls > 1000, `${calls} slices`);
  assert.equal(cache.pending, undefined);
  const parsed = cache.misses;
  assert.ok(parsed > 1000, `${parsed} entries parsed ahead`);
  // One site moved: its entry is parsed again, every other comes from the cache.
  const edited = moveOneSite(text);
  const after = core.lintTopology(file, edited, { cache });
  assert.equal(cache.misses, parsed + 1);
  assert.equal(canonical(after), canonical(core.lintTopology(file, edited)));
});

test('an edit before the prefill ends drops it: the new text is parsed entry by entry', () => {
  const file = 'file:///design.dci.yaml';
  const text = largeText();
  const cache = new core.TopologyCache();
  core.lintTopology(file, text, { cache });
  assert.equal(core.prefillTopologyCache(cache, 0), false);
  const edited = `${text}\n# a comment\n`;
  const after = core.lintTopology(file, edited, { cache });
  assert.equal(cache.pending, undefined);
  assert.equal(canonical(after), canonical(core.lintTopology(file, edited)));
});

test('an open of a small design parses it entry by entry; an edit re-parses one entry and keeps the entries before it as they were', () => {
  const file = 'file:///design.dci.yaml';
  const text = readFileSync(`${repo}examples/metro-vsan.dci.yaml`, 'utf8');
  assert.ok(text.length < core.WHOLE_PARSE_MIN_CHARS);
  const cache = new core.TopologyCache();
  const opened = core.lintTopology(file, text, { cache });
  assert.equal(canonical(opened), canonical(core.lintTopology(file, text)));
  assert.equal(cache.pending, undefined, 'nothing left to prefill');
  const parsed = cache.misses;
  assert.ok(parsed > 5, `${parsed} entries parsed at the open`);
  // The last site moved: one entry parsed again; every site before it is the same object as at the open.
  const sites = [...opened.designs[0].sites.values()];
  const last = sites.at(-1);
  const at = text.indexOf('lat: ', last.loc.start);
  const edited = `${text.slice(0, at + 5)}${text.slice(at + 5).replace(/^(-?\d+\.\d+)/, '$11')}`;
  assert.notEqual(edited, text);
  const after = core.lintTopology(file, edited, { cache });
  assert.equal(cache.misses, parsed + 1);
  assert.equal(canonical(after), canonical(core.lintTopology(file, edited)));
  const now = [...after.designs[0].sites.values()];
  for (let i = 0; i < sites.length - 1; i++) assert.equal(now[i], sites[i], `site ${sites[i].id}`);
  assert.notEqual(now.at(-1), last);
});
