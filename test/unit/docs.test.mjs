// The docs are part of the product: every rule in the registry has a page with the same summary, the
// sections an architect expects, every option default with its source exactly as in the code, an
// example that really fires the rule (with the finding it really prints) and a "use instead" that
// really does not. docs/rtt-model.md and docs/configuration.md are checked against the same code.
//
// After a deliberate change to a message or to the RTT model, refresh the printed findings with
//   DOCS_UPDATE=1 node --test test/unit/docs.test.mjs
// and review the diff of docs/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const core = require('../../dist/core.js');
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rulesDir = join(root, 'docs', 'rules');
const UPDATE = process.env.DOCS_UPDATE === '1';

const SECTIONS = ['What it does', 'Why is this bad', 'Severity', 'Options', 'Example', 'Use instead', 'Quick fixes', 'Sources'];

/** `## Heading` -> its body (up to the next `## `). */
function sections(md) {
  const out = new Map();
  const parts = md.split(/^## /m);
  for (const part of parts.slice(1)) {
    const nl = part.indexOf('\n');
    out.set(part.slice(0, nl).trim(), part.slice(nl + 1));
  }
  return out;
}

/** Fenced blocks of a language in a piece of markdown: { lang, body }. */
function fences(md, lang) {
  const out = [];
  const re = /^```([\w-]*)\n([\s\S]*?)^```$/gm;
  for (let m; (m = re.exec(md)); ) if (lang === undefined || m[1] === lang) out.push({ lang: m[1], body: m[2] });
  return out;
}

/** The first yaml block of a section that is a topology (`dci: 1`), not a `.dci-lint.yaml` snippet. */
function topologyBlock(md) {
  return fences(md ?? '', 'yaml').find((f) => /^dci: 1$/m.test(f.body));
}

/** Table rows whose first cell is a backticked name: name -> cells (trimmed, backticks kept). */
function tableRows(md) {
  const rows = new Map();
  for (const line of md.split('\n')) {
    const m = /^\|\s*`([^`]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (m) rows.set(m[1], m[2].split('|').map((c) => c.trim()));
  }
  return rows;
}

/** The findings of one rule as the docs print them: "line:col severity rule: message", then its fixes. */
function render(findings, text, ruleId) {
  const index = new core.LineIndex(text);
  const lines = [];
  for (const f of findings.filter((x) => x.ruleId === ruleId)) {
    const p = index.position(f.loc.start);
    lines.push(`${p.line + 1}:${p.character + 1} ${f.severity} ${f.ruleId}: ${f.message}`);
    for (const fix of f.fixes) lines.push(`  quick fix: ${fix.title}`);
  }
  return lines.join('\n');
}

/** The page with the Example's ```text block set to `output` (added after the yaml block if absent). */
function withExampleOutput(md, output, lang = 'yaml') {
  const start = md.indexOf('\n## Example\n');
  const end = md.indexOf('\n## ', start + 1);
  const block = '```text\n' + output + '\n```';
  let sec = md.slice(start, end);
  if (/^```text\n[\s\S]*?^```$/m.test(sec)) sec = sec.replace(/^```text\n[\s\S]*?^```$/m, () => block);
  else sec = sec.replace(new RegExp('^```' + lang + '\\n[\\s\\S]*?^```$', 'm'), (m) => `${m}\n\n${block}`);
  return md.slice(0, start) + sec + md.slice(end);
}

function lint(text) {
  return core.lintTopology('example.dci.yaml', text, {}).findings;
}

const pages = new Map();
for (const rule of core.RULES) {
  const file = join(rulesDir, `${rule.meta.id}.md`);
  pages.set(rule.meta.id, existsSync(file) ? readFileSync(file, 'utf8') : undefined);
}

test('every page in docs/rules belongs to a rule in the registry', () => {
  const ids = new Set(core.RULES.map((r) => r.meta.id));
  const stray = readdirSync(rulesDir).filter((n) => n.endsWith('.md') && !ids.has(n.slice(0, -3)));
  assert.deepEqual(stray, []);
});

for (const rule of core.RULES) {
  const { id, summary, options, graded, fixable } = rule.meta;
  test(`docs/rules/${id}.md`, async (t) => {
    const md = pages.get(id);
    assert.ok(md, `docs/rules/${id}.md is missing`);
    const lines = md.split('\n');
    assert.equal(lines[0], `# ${id}`, 'the title is the rule id');
    assert.equal(lines.find((l, i) => i > 0 && l.trim() !== ''), summary, 'the first line under the title is the summary from the rule meta');
    const s = sections(md);

    await t.test('has every section, in order', () => {
      const present = [...s.keys()].filter((k) => SECTIONS.includes(k));
      assert.deepEqual(present, SECTIONS);
    });

    await t.test('lists every option with its default and source, and no other', () => {
      const body = s.get('Options') ?? '';
      const rows = tableRows(body);
      for (const [name, o] of Object.entries(options)) {
        const row = rows.get(name);
        assert.ok(row, `option ${name} is not in the table`);
        assert.equal(row[0], String(o.default), `default of ${name}`);
        assert.equal(row[1], o.source, `source of ${name}`);
      }
      assert.deepEqual([...rows.keys()].filter((k) => !(k in options)), [], 'rows for options the rule does not have');
      if (Object.keys(options).length === 0) assert.match(body, /\bNone\b/);
    });

    await t.test('every other table row that names an option states its default', () => {
      // e.g. "| `vplex-metro` | 10 ms | `vplex-metroMs` |": the figure must be the option's default.
      for (const line of md.split('\n').filter((l) => l.startsWith('|'))) {
        const cells = line.split('|').slice(1, -1).map((c) => c.trim());
        const named = Object.keys(options).filter((k) => cells.includes(`\`${k}\``));
        if (named.length !== 1 || cells[0] === `\`${named[0]}\``) continue;
        for (const c of cells) {
          const m = /^(\d+(?:\.\d+)?) (ms|km|Mbps)$/.exec(c);
          if (m) assert.equal(Number(m[1]), Number(options[named[0]].default), line);
        }
      }
    });

    await t.test('says how severity is decided', () => {
      const body = s.get('Severity') ?? '';
      assert.match(body, new RegExp(`\\b${rule.meta.defaultSeverity}\\b`), 'names the default severity');
      if (graded) {
        assert.match(body, /lower\s+bound/i);
        assert.match(body, /9\.79\s+µs/);
        assert.match(body, /measure/i);
      }
    });

    await t.test('quick fixes section matches fixable', () => {
      const body = s.get('Quick fixes') ?? '';
      assert.match(body, /Disable `?[\w-]+`? for this line/);
      if (!fixable) assert.match(body, /no fix of its own/i);
    });

    const example = topologyBlock(s.get('Example'));
    if (!example) {
      // Terraform-only rules show HCL: the example goes through the Terraform front end.
      await t.test('the HCL example fires the rule and prints what the page shows; "use instead" does not', async () => {
        const hcl = fences(s.get('Example') ?? '', 'hcl')[0];
        const good = fences(s.get('Use instead') ?? '', 'hcl')[0];
        assert.ok(hcl && good, 'Example and Use instead each have an hcl block');
        await core.initTerraform(join(root, 'dist'));
        const tf = (text) => core.lintTerraformModule([{ file: 'main.tf', text }], {}).findings;
        const actual = render(tf(hcl.body), hcl.body, id);
        assert.ok(actual.length > 0, `the example does not fire ${id}`);
        if (UPDATE) return writeFileSync(join(rulesDir, `${id}.md`), withExampleOutput(md, actual, 'hcl'));
        assert.equal(fences(s.get('Example') ?? '', 'text')[0]?.body.trimEnd(), actual, 'the finding shown is the finding printed (DOCS_UPDATE=1 to refresh)');
        assert.deepEqual(tf(good.body).filter((f) => f.ruleId === id || f.severity === 'error').map((f) => f.message), []);
      });
      return;
    }

    await t.test('the example fires the rule and prints what the page shows', () => {
      const findings = lint(example.body);
      const actual = render(findings, example.body, id);
      assert.ok(actual.length > 0, `the example does not fire ${id}:\n${findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n')}`);
      const shown = fences(s.get('Example') ?? '', 'text')[0];
      if (UPDATE) {
        writeFileSync(join(rulesDir, `${id}.md`), withExampleOutput(md, actual));
        return;
      }
      assert.ok(shown, 'the Example shows the finding in a ```text block');
      assert.equal(shown.body.trimEnd(), actual, 'the finding shown is the finding printed (DOCS_UPDATE=1 to refresh)');
    });

    await t.test('"use instead" is clean', () => {
      const good = topologyBlock(s.get('Use instead'));
      assert.ok(good, 'Use instead has a yaml block');
      const findings = lint(good.body);
      assert.deepEqual(
        findings.filter((f) => f.ruleId === id || f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`),
        [],
      );
    });
  });
}

test('docs/rtt-model.md states the model the code runs', async (t) => {
  const md = readFileSync(join(root, 'docs', 'rtt-model.md'), 'utf8');
  const rows = tableRows(md);
  const camel = (k) => k.replace(/_(\w)/g, (_, c) => c.toUpperCase());

  await t.test('assumption defaults', () => {
    const keys = ['fiber_route_factor', 'equipment_ms', 'fiber_index'];
    for (const k of keys) {
      assert.ok(rows.get(k), `assumption ${k} is in a table`);
      assert.equal(rows.get(k)[0], String(core.DEFAULT_ASSUMPTIONS[camel(k)]), `default of ${k}`);
    }
    assert.deepEqual(Object.keys(core.DEFAULT_ASSUMPTIONS).sort(), keys.map(camel).sort(), 'the page covers every assumption');
    // the cloud figures are fitted: their keys only replace the calibrated model when set
    for (const k of ['cloud_route_factor', 'cloud_overhead_ms']) assert.equal(rows.get(k)?.[0], 'calibrated', `${k} is documented as an override`);
  });

  await t.test('media', () => {
    for (const [name, m] of Object.entries(core.MEDIUM)) {
      const row = rows.get(name);
      assert.ok(row, `medium ${name} is in the table`);
      assert.deepEqual(row.slice(0, 5), [String(m.index), String(m.routeFactor), String(m.fixedMs), String(m.floorMs), m.source], `medium ${name}`);
    }
  });

  await t.test('worked examples are what the model computes', () => {
    const table = md.split('\n').filter((l) => /^\| [^|`-][^|]* \| (-?\d|(aws|azure|gcp|oci):)/.test(l));
    assert.ok(table.length >= 4, 'a table of worked pairs');
    for (const line of table) {
      const [a, aLoc, b, bLoc, km, lbMs, estMs, band] = line.split('|').slice(1, -1).map((c) => c.trim());
      const place = (loc) => (loc.includes(':') ? `region: ${loc}` : `location: [${loc}]`);
      const yaml = `dci: 1\nsites:\n  a:\n    ${place(aLoc)}\n  b:\n    ${place(bLoc)}\n`;
      const { designs, findings } = core.lintTopology('pair.dci.yaml', yaml, {});
      assert.deepEqual(findings, [], yaml);
      const pair = new core.RttModel(designs[0]).pair('a', 'b');
      assert.equal(Math.round(pair.distanceKm).toLocaleString('en-US'), km, `${a}-${b} distance`);
      assert.equal(pair.lowerBoundMs.toFixed(1), lbMs, `${a}-${b} lower bound`);
      assert.equal(pair.rttMs.toFixed(1), estMs, `${a}-${b} estimate`);
      assert.equal(`${pair.estimateLowMs.toFixed(1)}-${pair.estimateHighMs.toFixed(1)}`, band, `${a}-${b} p10-p90 band`);
    }
  });
});

test('docs/configuration.md matches the configuration code', async (t) => {
  const md = readFileSync(join(root, 'docs', 'configuration.md'), 'utf8');
  const schema = JSON.parse(readFileSync(join(root, 'schemas', 'config.schema.json'), 'utf8'));

  await t.test('the example configuration is valid', () => {
    const example = fences(md, 'yaml')[0];
    assert.ok(example, 'a yaml example');
    const { config, findings } = core.parseConfig(example.body, '.dci-lint.yaml');
    assert.deepEqual(findings.map((f) => f.message), []);
    assert.ok(Object.keys(config.rules).length > 0);
  });

  await t.test('every top-level key, assumption and level is documented', () => {
    for (const k of Object.keys(schema.properties)) assert.ok(md.includes(`\`${k}\``), `top-level key ${k}`);
    for (const k of Object.keys(schema.properties.assumptions.properties)) assert.ok(md.includes(`\`${k}\``), `assumption ${k}`);
    for (const level of core.LEVELS) assert.ok(md.includes(`\`${level}\``), `level ${level}`);
    assert.ok(md.includes(core.DEFAULT_MAX_FILE_BYTES.toLocaleString('en-US')), 'the max_file_bytes default');
  });

  await t.test('the level table is what a configured level does', () => {
    // Each row: a rule, the severity its docs example gets from physics, a configured level, what is reported.
    const rows = md.split('\n').filter((l) => /^\| (graded|not graded) \(`[\w-]+`\) \|/.test(l));
    assert.ok(rows.length >= 6, 'a table of level examples');
    for (const row of rows) {
      const [kind, natural, level, reported] = row.split('|').slice(1, -1).map((c) => c.replace(/`/g, '').trim());
      const ruleId = /\(([\w-]+)\)/.exec(kind)[1];
      assert.equal(core.RULES_BY_ID.get(ruleId).meta.graded, kind.startsWith('graded'), `${ruleId} graded`);
      const example = topologyBlock(sections(pages.get(ruleId)).get('Example')).body;
      const own = (config) => core.lintTopology('example.dci.yaml', example, { config }).findings.filter((f) => f.ruleId === ruleId);
      assert.ok(own(undefined).some((f) => f.severity === natural), `${ruleId}'s example yields a ${natural}`);
      const text = level === '(none)' ? '{}' : `rules:\n  ${ruleId}: ${level}\n`;
      const { config, findings } = core.parseConfig(text, '.dci-lint.yaml');
      assert.deepEqual(findings, []);
      const got = own(config).map((f) => f.severity);
      if (reported === 'dropped') assert.deepEqual(got, [], row);
      else assert.ok(got.length > 0 && got.every((sev) => sev === reported), `${row}: got ${got.join(', ')}`);
    }
  });
});
