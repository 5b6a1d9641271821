// Wrong types everywhere the schema allows mistakes: every numeric field of a full design given a string,
// a map, a list, a negative, .nan, .inf, 1e308, null; every structural string given a map or a list.
// Each gets a `schema` finding on the value, nothing throws, and no figure in a message becomes NaN or
// Infinity.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { core, DIST } from './helpers/dist.mjs';
import { hclCorpus, rangeProblems } from './helpers/mutate.mjs';

const BASE = `dci: 1
name: wrong types
assumptions:
  fiber_route_factor: 1.5
  equipment_ms: 1
  fiber_index: 1.4682
  cloud_route_factor: 1.54
  cloud_overhead_ms: 3.75
sites:
  fra:
    name: Frankfurt
    location: {lat: 50.11, lon: 8.68}
  dub:
    location: [53.35, -6.26]
  aws:
    region: aws:eu-west-1
links:
  - between: [fra, dub]
    medium: fiber
    route_km: 1500
    rtt_ms: 20
    bandwidth_mbps: 10000
segments:
  - name: vlan10
    vlan: 10
    sites: [fra, dub]
    gateway:
      protocol: vrrp
      active_site: fra
      hello_ms: 1000
      hold_ms: 3000
    bfd:
      interval_ms: 300
      multiplier: 3
    arp:
      retrans_ms: 1000
clusters:
  - name: c1
    kind: vsan-stretched
    sites: [fra, dub]
    witness: aws
    hosts_per_site: 4
    max_rtt_ms: 5
    heartbeat:
      interval_ms: 1000
      threshold: 5
migrations:
  - method: vmotion
    path: [fra, dub]
    concurrent: 2
replication:
  - mode: synchronous
    product: generic
    sites: [fra, dub]
    max_rtt_ms: 5
`;

const NUMERIC =
  /^\s*(?:- )?(fiber_route_factor|equipment_ms|fiber_index|cloud_route_factor|cloud_overhead_ms|route_km|rtt_ms|bandwidth_mbps|vlan|hello_ms|hold_ms|interval_ms|multiplier|retrans_ms|hosts_per_site|max_rtt_ms|threshold|concurrent):\s*/;
const STRUCTURAL =
  /^\s*(?:- )?(sites|between|path|location|region|witness|active_site|gateway|bfd|arp|heartbeat|links|segments|clusters|migrations|replication|assumptions):\s*/;
const WRONG_NUMBERS = ['"12"', '{a: 1}', '[1, 2]', '-5', '.nan', '.inf', '-.inf', '1e308', '-1e308', 'null', '~', 'true'];
const WRONG_STRUCTURE = ['{a: 1}', '[1, [2]]', '12', '.nan', 'null', 'true', '"x"'];
/** replacements the schema accepts (a list for a list, a map for a map, a string for a name) */
const ACCEPTED = new Set(['location [1, [2]]', 'sites {a: 1}', 'region "x"', 'witness "x"', 'active_site "x"', 'region 12', 'witness 12', 'active_site 12']);

/** A NaN or infinite figure anywhere in a finding's data (names and ids are strings, not checked). */
function nonFinite(v) {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (Array.isArray(v)) return v.some(nonFinite);
  if (v && typeof v === 'object') return Object.values(v).some(nonFinite);
  return false;
}

function cases() {
  const lines = BASE.split('\n');
  const out = [];
  lines.forEach((line, i) => {
    for (const [re, values] of [
      [NUMERIC, WRONG_NUMBERS],
      [STRUCTURAL, WRONG_STRUCTURE],
    ]) {
      const m = re.exec(line);
      if (!m) continue;
      // A key whose value is a nested block: replace the whole block.
      let end = i + 1;
      const indent = line.length - line.trimStart().length;
      if (line.trimEnd().endsWith(':'))
        while (end < lines.length && lines[end].trim() !== '' && lines[end].length - lines[end].trimStart().length > indent) end++;
      for (const value of values) {
        if (ACCEPTED.has(`${m[1]} ${value}`)) continue;
        const head = m[0].endsWith(' ') ? m[0] : `${m[0].trimEnd()} `;
        const text = [...lines.slice(0, i), head + value, ...lines.slice(end)].join('\n');
        const at = lines.slice(0, i).join('\n').length + (i > 0 ? 1 : 0) + head.length;
        out.push({ key: m[1], value, text, at, end: at + value.length });
      }
    }
  });
  return out;
}

test('the base design is schema-clean (so every schema finding below comes from the wrong value)', () => {
  const { findings } = core.lintTopology('wrong.dci.yaml', BASE, {});
  assert.deepEqual(
    findings.filter((f) => ['schema', 'syntax', 'internal'].includes(f.ruleId)),
    [],
  );
});

test('wrong types: a schema finding on the value, no crash, no NaN or Infinity in a figure', { timeout: 60_000 }, (t) => {
  const all = cases();
  const missing = [];
  const broken = [];
  for (const c of all) {
    const { findings } = core.lintTopology('wrong.dci.yaml', c.text, {});
    assert.deepEqual(rangeProblems(findings, new Map([['wrong.dci.yaml', c.text]])), [], `${c.key}: ${c.value}`);
    // A string in `location` is a place name now: an unknown one ("x") is an unknown-place finding on it.
    const judges = new Set(['schema', 'invalid-location', 'unknown-place']);
    if (!findings.some((f) => judges.has(f.ruleId) && f.loc.start <= c.end && f.loc.end >= c.at))
      missing.push(`${c.key}: ${c.value}`);
    for (const f of findings) {
      // Names the user typed (`.inf` as a segment name) are quoted in backticks or are element names.
      const prose = f.message.replace(/`[^`]*`/g, '').replace(/(Segment|cluster|Link|link) -?(Infinity|NaN)\b/g, '$1 NAME');
      if (f.ruleId === 'internal' || /\bNaN\b|Infinity/.test(prose) || nonFinite(f.data))
        broken.push(`${c.key}: ${c.value} -> ${f.ruleId}: ${f.message.slice(0, 160)}`);
    }
  }
  t.diagnostic(`${all.length} wrong values`);
  assert.deepEqual(missing, [], 'wrong values without a schema finding');
  assert.deepEqual(broken, [], 'findings with broken figures');
});

test('Terraform: every attribute of every fixture module set to 1e308, -1e308, -1, 0, 1e-320, [], {}, null, true', { timeout: 90_000 }, async (t) => {
  await core.initTerraform(DIST);
  let count = 0;
  const broken = [];
  for (const mod of hclCorpus()) {
    mod.files.forEach((f, fi) => {
      const lines = f.text.split('\n');
      lines.forEach((line, i) => {
        if (!/=\s*(-?[0-9][0-9.e+-]*|"[^"]*")\s*$/.test(line)) return;
        for (const value of ['1e308', '-1e308', '-1', '0', '1e-320', '[]', '{}', 'null', 'true']) {
          const text = [...lines.slice(0, i), line.replace(/=\s*.*$/, `= ${value}`), ...lines.slice(i + 1)].join('\n');
          const files = mod.files.map((g, k) => (k === fi ? { file: g.file, text } : g));
          count++;
          const { findings } = core.lintTerraformModule(files, {});
          const problems = rangeProblems(findings, new Map(files.map((g) => [g.file, g.text])));
          for (const x of findings) if (/\bNaN\b|Infinity/.test(x.message.replace(/`[^`]*`/g, ''))) problems.push(`${x.ruleId}: ${x.message.slice(0, 160)}`);
          if (problems.length > 0) broken.push(`${f.file}: ${line.trim()} -> ${value}: ${problems.join('; ')}`);
        }
      });
    });
  }
  t.diagnostic(`${count} Terraform variants`);
  assert.ok(count > 1000, `${count} variants`);
  assert.deepEqual(broken, []);
});
