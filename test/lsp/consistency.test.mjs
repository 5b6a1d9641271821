// One answer everywhere: over every topology fixture and example, the limit the hover shows for each pair
// is the limit the rule applied to it, and every finding's limit appears in the hover of its element.
// (Before, lsp/rows.ts re-derived the limits: a two-node vSAN witness was 500 ms in the rule and 200 ms
// in the hover.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { LspClient, ROOT, positionAt, uriOf } from './client.mjs';

const core = createRequire(import.meta.url)(join(ROOT, 'dist/core.js'));

function topologies(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? topologies(join(dir, e.name)) : /\.dci\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const files = [...topologies(join(ROOT, 'test/fixtures/rules')), ...topologies(join(ROOT, 'examples')), join(ROOT, 'test/lsp/fixtures/metro.dci.yaml')].map((f) => relative(ROOT, f));


/** The hover's table: "a ↔ b" or "a → b" (role) -> the limit cells of its rows. */
function hoverLimits(markdown) {
  const out = new Map();
  const lines = markdown.split('\n').filter((l) => l.startsWith('|'));
  const header = lines[0]?.split('|').map((c) => c.trim());
  const at = header?.indexOf('limit') ?? -1;
  if (at < 0) return out;
  for (const line of lines.slice(2)) {
    const cells = line.split('|').map((c) => c.trim());
    const key = cells[1];
    out.set(key, [...(out.get(key) ?? []), cells[at]]);
  }
  return out;
}

test('the hover shows, for every pair, the limits the rules applied (every fixture and example)', async () => {
  const c = new LspClient();
  let checkedRows = 0;
  let checkedFindings = 0;
  try {
    await c.initialize();
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const { rows, designs, findings } = core.lintTopology(uriOf(file), text);
      if (rows.length === 0) continue;
      const { uri } = c.openFile(file);
      await c.diagnosticsFor(uri, 1);
      const elements = new Set(rows.map((r) => r.element));
      for (const element of elements) {
        const h = await c.request('textDocument/hover', { textDocument: { uri }, position: positionAt(text, element.loc.start) });
        assert.ok(h, `${file}: no hover on ${element.name}`);
        const shown = hoverLimits(h.contents.value);
        const isMigration = designs.some((d) => d.migrations.includes(element));
        for (const r of rows.filter((x) => x.element === element)) {
          const key = `${r.from} ${isMigration ? '→' : '↔'} ${r.to}${r.role ? ` (${r.role})` : ''}`;
          const cells = shown.get(key);
          assert.ok(cells, `${file} ${element.name}: the hover has no row ${key}\n${h.contents.value}`);
          const want = r.limit.unit === 'km' ? `${Math.round(r.limit.value).toLocaleString('en-US')} km` : `${r.limit.value} ms`;
          assert.ok(
            cells.some((cell) => (r.limit.unit === 'km' ? cell === want : Number(cell.replace(/ ms$/, '')) === Number(r.limit.value.toPrecision(3)) || cell === want)),
            `${file} ${element.name} ${key}: the rule applied ${want} (${r.ruleId}), the hover shows ${cells.join(', ')}`,
          );
          checkedRows++;
        }
        // Every finding of a limit on this element is one of its rows.
        for (const f of findings.filter((x) => x.data?.limit && Array.isArray(x.data.sites) && (x.data.limitMs !== undefined || x.data.limitKm !== undefined))) {
          const owner = rows.find((r) => r.element === element && f.data.sites.includes(r.from) && f.data.sites.includes(r.to) && r.ruleId === f.ruleId);
          if (!owner || f.loc.start < element.loc.start || f.loc.end > element.loc.end) continue;
          assert.equal(f.data.limitMs ?? f.data.limitKm, f.data.limit.value);
          assert.ok(
            rows.some((r) => r.element === element && r.limit.value === f.data.limit.value && r.limit.unit === f.data.limit.unit),
            `${file}: finding "${f.message}" has a limit no row of ${element.name} has`,
          );
          checkedFindings++;
        }
      }
    }
  } finally {
    c.kill();
  }
  assert.ok(checkedRows > 100, `checked ${checkedRows} rows`);
  assert.ok(checkedFindings > 20, `checked ${checkedFindings} findings`);
});

test('a two-node vSAN witness: the rule and the hover both apply 500 ms', () => {
  const text = readFileSync(join(ROOT, 'test/fixtures/rules/vsan-stretched-rtt/clean.dci.yaml'), 'utf8');
  const { rows } = core.lintTopology('x.dci.yaml', text);
  const witness = rows.filter((r) => r.element.name === 'robo-2node' && r.role === 'witness');
  assert.ok(witness.length > 0);
  for (const r of witness) assert.equal(r.limit.value, 500);
});

test('the hover of a finding against a heuristic says so, and why it is a warning', async () => {
  const c = new LspClient();
  try {
    await c.initialize();
    const { uri, text } = c.openFile('test/fixtures/rules/sync-replication-rtt/limits-fires.dci.yaml');
    const srdf = (await c.diagnosticsFor(uri, 1)).diagnostics.find((d) => d.message.includes('srdf'));
    assert.equal(srdf.severity, 2);
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: srdf.range.start });
    const v = h.contents.value;
    assert.ok(v.includes('It is a warning, not an error, because the 200 km limit is a DCI Lint heuristic (no vendor text states it), even though a straight cable would already be 250 km.'), v);
    assert.match(v, /Limit source: SRDF\/S: about 200 km \(unconfirmed\) \[DCI Lint heuristic: /);
    assert.match(v, /\| srdf-a ↔ srdf-b \| 250 km \| [\d.]+ ms \| ≈ [\d.]+ ms, 80% between [\d.]+ and [\d.]+ \| 200 km \| ⚠ too far even in a straight line \(heuristic limit\) \|/);
    assert.match(v, /Limit 200 km \(Dell SRDF\/S, DCI Lint heuristic, rule/);
    assert.ok(text.includes('srdf'));
  } finally {
    c.kill();
  }
});

test('every finding of a judged pair has the severity of its row (every fixture and example, inferred placements included)', () => {
  let checked = 0;
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const { rows, findings } = core.lintTopology(file, text);
    for (const f of findings) {
      const d = f.data ?? {};
      if (!d.limit || !Array.isArray(d.sites) || d.sites.length !== 2 || (f.severity !== 'error' && f.severity !== 'warning')) continue;
      const row = rows.find(
        (r) => r.ruleId === f.ruleId && r.limit.value === d.limit.value && r.limit.unit === d.limit.unit && d.sites.includes(r.from) && d.sites.includes(r.to),
      );
      if (!row) continue; // timers: not a pair limit
      assert.equal(row.verdict, f.severity, `${file}: ${f.message}`);
      checked++;
    }
  }
  assert.ok(checked > 40, `checked ${checked}`);
});
