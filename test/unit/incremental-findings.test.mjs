// The editor's incremental analysis (lintTopology with a TopologyCache: entries re-parsed only when
// touched, the RTT model of the previous version handing over its per-site data, link figures, path
// searches and pairs) must give exactly what a fresh lintTopology gives on the same text: the same
// findings and the same rows, in the same order, edit after edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { generateTopology } from '../../bench/generate.mjs';

const core = createRequire(import.meta.url)('../../dist/core.js');
const repo = new URL('../../', import.meta.url).pathname;

function yamlFiles(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.dci\.ya?ml$/.test(n) ? [p] : [];
  });
}

/** Everything a finding or row says, in order (rows: the element by kind and name, the pair's figures and path). */
function snapshot(result) {
  const rows = result.rows.map((r) => ({ ...r, element: `${r.element.kind ?? ''}:${r.element.name ?? ''}:${r.element.loc?.start}` }));
  return { findings: JSON.stringify(result.findings), rows: JSON.stringify(rows) };
}

// Generated designs of the bench (metros, hubs, long-haul links with and without rtt_ms, microwave,
// cloud regions, segments, clusters, migrations, replication), and the repository's own designs.
const generated = [generateTopology(40, 3), generateTopology(60, 11), generateTopology(25, 5)];
const sources = [...generated, ...yamlFiles(join(repo, 'examples')).map((p) => readFileSync(p, 'utf8'))];

/** A line-level edit, as typing makes them: most move a site or change a link, the rest anything. */
const edit = fc.record({
  op: fc.constantFrom('move', 'move', 'move', 'link', 'link', 'digit', 'delete', 'duplicate', 'rewire', 'medium', 'type-back'),
  line: fc.nat(10000),
  digit: fc.integer({ min: 1, max: 9 }),
});

function apply(lines, m, original) {
  const pick = (re) => {
    const hits = [];
    for (let i = 0; i < lines.length; i++) if (re.test(lines[i])) hits.push(i);
    return hits.length ? hits[m.line % hits.length] : m.line % lines.length;
  };
  const bump = (l) => l.replace(/\d(?=\D*$)/, (d) => String((Number(d) + m.digit) % 10));
  const out = [...lines];
  if (m.op === 'move') {
    const i = pick(/lat|lon|location: \[/);
    out[i] = bump(out[i]);
  } else if (m.op === 'link') {
    const i = pick(/rtt_ms|route_km|bandwidth_mbps/);
    out[i] = bump(out[i]);
  } else if (m.op === 'digit') {
    const i = m.line % out.length;
    out[i] = out[i].replace(/\d/, (d) => String((Number(d) + m.digit) % 10));
  } else if (m.op === 'delete') out.splice(pick(/between|rtt_ms|route_km|medium|location|region/), 1);
  else if (m.op === 'duplicate') {
    const i = pick(/- between/);
    out.splice(i, 0, out[i]);
  } else if (m.op === 'rewire') {
    // a link gets another end: the graph changes, no site moves
    const ids = lines.filter((l) => /^ {2}[a-z][\w-]*:\s*$/.test(l)).map((l) => l.trim().slice(0, -1));
    const i = pick(/between: \[/);
    if (ids.length) out[i] = out[i].replace(/\[([\w-]+),/, `[${ids[(m.line >> 3) % ids.length]},`);
  } else if (m.op === 'medium') {
    const i = pick(/medium: /);
    out[i] = out[i].replace(/medium: \w+/, `medium: ${['fiber', 'microwave', 'hollow-core', 'internet'][m.digit % 4]}`);
  } else return original.split('\n');
  return out;
}

test('incremental analysis = fresh lintTopology (findings and rows) under random edit sequences', () => {
  let reusedEntries = 0;
  let carriedPairs = 0;
  fc.assert(
    fc.property(fc.nat(sources.length - 1), fc.array(edit, { minLength: 1, maxLength: 12 }), (which, edits) => {
      const original = sources[which];
      const cache = new core.TopologyCache();
      let lines = original.split('\n');
      core.lintTopology('f.dci.yaml', original, { cache });
      // as the server does after an open: the entries go into the cache, and edits re-parse only theirs
      core.prefillTopologyCache(cache, Infinity);
      for (const m of edits) {
        lines = apply(lines, m, original);
        const text = lines.join('\n');
        const incremental = snapshot(core.lintTopology('f.dci.yaml', text, { cache }));
        const fresh = snapshot(core.lintTopology('f.dci.yaml', text));
        assert.equal(incremental.findings, fresh.findings, `findings after ${JSON.stringify(m)}`);
        assert.equal(incremental.rows, fresh.rows, `rows after ${JSON.stringify(m)}`);
        carriedPairs += cache.rtt?.model.carried?.pairs ?? 0;
      }
      reusedEntries += cache.hits;
    }),
    { numRuns: 150, seed: 13 },
  );
  // the incremental paths were taken: entries reused from the cache, pairs from the previous model
  assert.ok(reusedEntries > 10000 && carriedPairs > 1000, `entries reused ${reusedEntries}, pairs carried ${carriedPairs}`);
});

test('a moved site re-estimates only what depends on it: unrelated path searches and pairs are taken over', () => {
  const text = generated[1];
  const cache = new core.TopologyCache();
  core.lintTopology('f.dci.yaml', text, { cache });
  core.prefillTopologyCache(cache, Infinity);
  const before = cache.rtt.model;
  // move one site a few metres (the digit at the end of its latitude)
  const lines = text.split('\n');
  const i = lines.findIndex((l) => /location: \{ lat: /.test(l));
  lines[i] = lines[i].replace(/(lat: -?\d+\.\d*)(\d)/, (_, a, d) => a + String((Number(d) + 1) % 10));
  const edited = lines.join('\n');
  core.lintTopology('f.dci.yaml', edited, { cache });
  const after = cache.rtt.model;
  assert.notEqual(after, before);
  const { searches, pairs, searchesBefore, pairsBefore } = after.carried;
  // most of the work survives a one-site move...
  assert.ok(pairs > 0 && pairs >= pairsBefore / 2, `pairs taken over: ${pairs} of ${pairsBefore}`);
  assert.ok(searches > 0 && searches < searchesBefore, `searches taken over: ${searches} of ${searchesBefore}`);
  // ...and the same edit back and forth keeps giving the fresh answer
  for (const t of [text, edited, text]) {
    const r = core.lintTopology('f.dci.yaml', t, { cache });
    assert.deepEqual(snapshot(r), snapshot(core.lintTopology('f.dci.yaml', t)));
  }
});
