// Typed rule options: the schema of .dci-lint.yaml is generated from the rule metadata and kept in sync;
// a value of the wrong type or out of bounds is a configuration finding and the rule keeps its default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const core = createRequire(import.meta.url)('../../dist/core.js');
const schemaFile = new URL('../../schemas/config.schema.json', import.meta.url);

test('schemas/config.schema.json is the schema generated from the rule metadata (node scripts/config-schema.mjs)', () => {
  assert.equal(readFileSync(schemaFile, 'utf8'), `${JSON.stringify(core.configSchema(), null, 2)}\n`);
});

test('every option is typed, bounded, and carries its provenance', () => {
  for (const rule of core.RULES)
    for (const [key, o] of Object.entries(rule.meta.options)) {
      const where = `${rule.meta.id}.${key}`;
      assert.ok(['number', 'integer'].includes(o.type), where);
      assert.ok(o.minimum <= o.default && o.default <= o.maximum, `${where}: default inside its bounds`);
      assert.ok(['vendor', 'heuristic'].includes(o.provenance.kind), `${where}: vendor or heuristic`);
      if (o.provenance.kind === 'vendor') {
        assert.match(o.provenance.url, /^https:\/\//, `${where}: a vendor limit names its link`);
        assert.ok(o.source.includes(o.provenance.document) && o.source.includes(o.provenance.url), `${where}: the source shows document and link`);
      } else assert.match(o.source, /\[DCI Lint heuristic: .{20,}\]$/, `${where}: a heuristic says why`);
    }
});

const DESIGN = `dci: 1
sites:
  fra1: { location: [50.0994, 8.6270] }
  nyc1: { location: [40.7614, -74.0048] }
migrations:
  - { name: m, method: vmotion, path: [fra1, nyc1] }
`;

function vmotionLimit(config) {
  const f = core.lintTopology('d.dci.yaml', DESIGN, { config }).findings.find((x) => x.ruleId === 'vmotion-rtt');
  return f?.data.limitMs;
}

for (const [value, problem] of [
  ['"abc"', 'a number in ms from 0 to 1000000000; got "abc"'],
  ['true', 'a number in ms from 0 to 1000000000; got true'],
  ['-5', 'a number in ms from 0 to 1000000000; got -5'],
  ['[1, 2]', 'a number in ms from 0 to 1000000000; got [1,2]'],
]) {
  test(`vsphere6Ms: ${value} is a configuration error at the value, and the rule keeps its default`, () => {
    const text = `rules:\n  vmotion-rtt: { vsphere6Ms: ${value} }\n`;
    const { config, findings } = core.parseConfig(text, '.dci-lint.yaml');
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity, f.message, text.slice(f.loc.start, f.loc.end)]),
      [['config', 'error', `Option \`vsphere6Ms\` of rule \`vmotion-rtt\` must be ${problem}: the rule keeps its default 150 ms.`, value]],
    );
    assert.deepEqual(config.rules['vmotion-rtt'].options, {});
    // Before, a string turned the limit into NaN and the rule silently passed everything.
    assert.equal(vmotionLimit(config), undefined, 'fra1-nyc1 is about 91 ms: within the default 150 ms');
    const stricter = core.parseConfig('rules:\n  vmotion-rtt: { vsphere6Ms: 50 }\n', '.dci-lint.yaml').config;
    assert.equal(vmotionLimit(stricter), 50);
  });
}

test('integer options refuse fractions; a wrong severity is reported too', () => {
  const text = 'rules:\n  vsan-stretched-rtt: { maxHostsPerSite: 15.5, severity: loud }\n';
  const { config, findings } = core.parseConfig(text, '.dci-lint.yaml');
  assert.deepEqual(
    findings.map((f) => f.message),
    [
      'Option `maxHostsPerSite` of rule `vsan-stretched-rtt` must be an integer from 1 to 1000000000; got 15.5: the rule keeps its default 15.',
      '`severity` of rule `vsan-stretched-rtt` must be one of off, hint, info, warning, error; got "loud": the rule keeps its own severity.',
    ],
  );
  assert.deepEqual(config.rules['vsan-stretched-rtt'], { options: {} });
});

test('a configured limit is labelled configured, not vendor', () => {
  const config = core.parseConfig('rules:\n  vmotion-rtt: { vsphere6Ms: 50 }\n', '.dci-lint.yaml').config;
  const f = core.lintTopology('d.dci.yaml', DESIGN, { config }).findings.find((x) => x.ruleId === 'vmotion-rtt');
  assert.deepEqual(f.data.limit.provenance, { kind: 'configured', option: 'vsphere6Ms', default: 150 });
  const plain = core.lintTopology('d.dci.yaml', DESIGN.replace('vmotion,', 'vmotion, platform: { version: "5.1" },'), {}).findings.find((x) => x.ruleId === 'vmotion-rtt');
  assert.equal(plain.data.limit.provenance.kind, 'vendor');
  assert.match(plain.data.limitSource, /knowledge\.broadcom\.com\/external\/article\/310156/);
});
