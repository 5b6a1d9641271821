// The editor's incremental parse must give exactly what the full parse gives, edit after edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const core = createRequire(import.meta.url)('../../dist/core.js');
const repo = new URL('../../', import.meta.url).pathname;

function yamlFiles(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

/** Order-insensitive for object keys, order-sensitive for lists; findings sorted. */
function canonical(result) {
  const norm = (v) => {
    if (v instanceof Map) return norm(Object.fromEntries(v));
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, norm(v[k])]),
      );
    return v;
  };
  const findings = result.findings.map((f) => JSON.stringify(norm(f))).sort();
  return JSON.stringify({ findings, designs: norm(result.designs) });
}

const sources = [...yamlFiles(join(repo, 'test/fixtures/rules')), ...yamlFiles(join(repo, 'examples'))].map((p) => readFileSync(p, 'utf8'));

test('incremental parse = full parse on every fixture and example, and after each one-line edit', () => {
  for (const text of sources) {
    const cache = new core.TopologyCache();
    assert.equal(canonical(core.parseTopologyIncremental(text, 'f', cache)), canonical(core.parseTopology(text, 'f')));
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const edited = [...lines];
      edited[i] = edited[i].replace(/\d/, (d) => String((Number(d) + 3) % 10));
      const t = edited.join('\n');
      assert.equal(canonical(core.parseTopologyIncremental(t, 'f', cache)), canonical(core.parseTopology(t, 'f')), `line ${i + 1}: ${lines[i]}`);
    }
  }
});

test('incremental parse = full parse under random line mutations (delete, duplicate, indent, type)', () => {
  const mutation = fc.record({
    file: fc.nat(sources.length - 1),
    line: fc.nat(200),
    op: fc.constantFrom('delete', 'duplicate', 'indent', 'dedent', 'truncate', 'insert-key', 'insert-item', 'colon'),
  });
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (muts) => {
      const cache = new core.TopologyCache();
      let lines = sources[muts[0].file].split('\n');
      for (const m of muts) {
        const i = m.line % lines.length;
        const l = lines[i];
        lines = [...lines];
        if (m.op === 'delete') lines.splice(i, 1);
        else if (m.op === 'duplicate') lines.splice(i, 0, l);
        else if (m.op === 'indent') lines[i] = `  ${l}`;
        else if (m.op === 'dedent') lines[i] = l.replace(/^ {1,2}/, '');
        else if (m.op === 'truncate') lines[i] = l.slice(0, Math.floor(l.length / 2));
        else if (m.op === 'insert-key') lines.splice(i, 0, '  newsite:', '    region: aws:eu-west-1');
        else if (m.op === 'insert-item') lines.splice(i, 0, '  - name: x', '    sites: [fra1, nyc1]');
        else lines[i] = l.replace(':', '');
        const t = lines.join('\n');
        assert.equal(canonical(core.parseTopologyIncremental(t, 'f', cache)), canonical(core.parseTopology(t, 'f')), t);
      }
    }),
    { numRuns: 300, seed: 7 },
  );
});

test('an edit re-parses only the entry it touched', () => {
  let yaml = 'dci: 1\nsites:\n';
  for (let i = 0; i < 100; i++) yaml += `  s${i}:\n    location: { lat: ${(i % 80) - 40}.5, lon: ${((i * 3) % 360) - 180}.5 }\n`;
  yaml += 'segments:\n  - name: a\n    sites: [s1, s2]\n  - name: b\n    sites: [s3, s4]\n';
  const cache = new core.TopologyCache();
  core.parseTopologyIncremental(yaml, 'f', cache);
  const before = cache.misses;
  core.parseTopologyIncremental(yaml.replace('lat: 10.5', 'lat: 10.6'), 'f', cache);
  assert.equal(cache.misses - before, 1);
  // anchors and aliases are left to the full parser, which resolves them
  const withAlias = yaml.replace('  s1:\n', '  s1: &one\n');
  assert.equal(canonical(core.parseTopologyIncremental(withAlias, 'f', cache)), canonical(core.parseTopology(withAlias, 'f')));
});

test('lint with the editor cache (parse entries and the RTT model kept across versions) = lint from scratch', () => {
  const key = (r) => JSON.stringify(r.findings.map((f) => [f.ruleId, f.severity, f.loc.start, f.loc.end, f.message, f.data]));
  for (const text of sources) {
    const cache = new core.TopologyCache();
    core.lintTopology('f', text, { cache });
    core.prefillTopologyCache(cache, Infinity);
    const lines = text.split('\n');
    // each line edited in turn: names and lists (the model is kept) and coordinates (it is rebuilt)
    for (let i = 0; i < lines.length; i += 2) {
      const edited = [...lines];
      edited[i] = edited[i].replace(/\d/, (d) => String((Number(d) + 5) % 10)).replace(/name: (\w)/, 'name: z$1');
      const t = edited.join('\n');
      assert.equal(key(core.lintTopology('f', t, { cache })), key(core.lintTopology('f', t)), `line ${i + 1}: ${lines[i]}`);
    }
  }
});

test('the RTT model of the previous version hands everything over while no site moves and no link changes', () => {
  const text = sources.find((t) => t.includes('follow-the-sun-web')) ?? sources[0];
  const cache = new core.TopologyCache();
  core.lintTopology('f', text, { cache });
  const first = cache.rtt.model;
  core.lintTopology('f', text.replace('name: follow-the-sun-web', 'name: web-renamed'), { cache });
  const renamed = cache.rtt.model.carried;
  assert.ok(renamed.pairsBefore > 0);
  assert.equal(renamed.pairs, renamed.pairsBefore);
  assert.equal(renamed.searches, renamed.searchesBefore);
  core.lintTopology('f', text.replace('lat: 50.0994', 'lat: 50.0995'), { cache });
  assert.notEqual(cache.rtt.model, first);
  assert.ok(cache.rtt.model.carried.pairs < cache.rtt.model.carried.pairsBefore);
});

test('re-cutting only the chunk an edit touched gives the chunks of a full cut (random character edits)', () => {
  const pieces = [
    '\n',
    ' ',
    '  ',
    '    ',
    '#',
    '- ',
    ': ',
    'x',
    '1',
    '&a ',
    '*a',
    '\t',
    '---',
    'lat: 1.5',
    '\n  s9:\n    region: aws:eu-west-1\n',
    '\n  - name: y\n',
  ];
  let reused = 0;
  fc.assert(
    fc.property(
      fc.nat(sources.length - 1),
      fc.array(fc.record({ at: fc.nat(100000), del: fc.nat(12), ins: fc.array(fc.constantFrom(...pieces), { maxLength: 3 }), line: fc.boolean() }), {
        minLength: 1,
        maxLength: 8,
      }),
      (which, edits) => {
        let text = sources[which];
        let chunks = core.splitChunks(text);
        for (const e of edits) {
          // half the edits land inside a line, the others at a line start
          let at = e.at % (text.length + 1);
          if (e.line) at = text.lastIndexOf('\n', at - 1) + 1;
          const next = text.slice(0, at) + e.ins.join('') + text.slice(Math.min(text.length, at + e.del));
          const full = core.splitChunks(next);
          const re = chunks ? core.resplit(text, chunks, next) : undefined;
          if (re) {
            reused++;
            assert.deepEqual(re, full, JSON.stringify({ at, e }));
          }
          text = next;
          chunks = re ?? full;
        }
      },
    ),
    { numRuns: 1500, seed: 21 },
  );
  // the fast path is taken often enough for this test to mean something
  assert.ok(reused > 500, `re-cut ${reused} times`);
});
