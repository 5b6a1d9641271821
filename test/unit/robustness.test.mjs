// Issue 11 in the core: input kinds that broke peers' tools (yaml-language-server, vscode-yaml, tflint,
// terraform-ls, the `yaml` library). Each test failed on the code before the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';

const DIST = process.env.DCI_LINT_DIST ? path.resolve(process.env.DCI_LINT_DIST) : new URL('../../dist', import.meta.url).pathname;
const core = createRequire(import.meta.url)(path.join(DIST, 'core.js'));

const SITES = 'sites:\n  fra: {location: [50.11, 8.68]}\n  syd: {location: [-33.87, 151.21]}\n';
const FAR = `${SITES}migrations:\n  - {method: vmotion, path: [fra, syd]}\n`;
const active = (r) => r.findings.filter((f) => !f.suppressed);
const ids = (r) => active(r).map((f) => f.ruleId);
const at = (text, f) => text.slice(f.loc.start, f.loc.end);

test('kind 1: `dci: 1` after a byte order mark marks a topology; ranges are offsets in the text as given', () => {
  assert.equal(core.isTopologyFile('x.yaml', '\uFEFFdci: 1\nsites: {}\n'), true);
  assert.equal(core.isTopologyFile('x.yaml', '\uFEFFdci: 2\n'), false);
  const plain = core.lintTopology('x.dci.yaml', `dci: 1\n${FAR}`);
  const bom = core.lintTopology('x.dci.yaml', `\uFEFFdci: 1\n${FAR}`);
  assert.deepEqual(ids(bom), ids(plain));
  assert.deepEqual(
    bom.findings.map((f) => f.loc.start),
    plain.findings.map((f) => f.loc.start + 1),
  );
  assert.equal(core.stripBom('\uFEFFdci: 1'), 'dci: 1');
});

test('kind 2: merge keys: the merged element is linted, no `<<` or "needs method" noise, findings at the element', () => {
  const text = `dci: 1\n${SITES}migrations:\n  - &live\n    method: vmotion\n    path: [fra, fra]\n  - <<: *live\n    path: [fra, syd]\n`;
  const r = core.lintTopology('x.dci.yaml', text);
  assert.deepEqual(ids(r), ['vmotion-rtt']);
  assert.equal(at(text, r.findings[0]), 'fra, syd');
  assert.equal(r.designs[0].migrations[1].method, 'vmotion');
  // A merged key's location is the element's `<<` value, not the anchor elsewhere in the file.
  const m = r.designs[0].migrations[1];
  assert.equal(text.slice(m.at.method.start, m.at.method.end), '*live');
  // A schema error in a merged value points at the `<<` of the element that uses it.
  const bad = `dci: 1\n${SITES}defaults: &d {method: teleport}\nmigrations:\n  - <<: *d\n    path: [fra, syd]\n`;
  const schema = core.lintTopology('x.dci.yaml', bad).findings.filter((f) => f.ruleId === 'schema');
  const enumError = schema.find((f) => /must be one of/.test(f.message));
  assert.ok(enumError, schema.map((f) => f.message).join(' | '));
  assert.equal(at(bad, enumError), '*d');
});

test('kind 2: merge keys in sites, in a sequence of sources (first wins) and under an explicit key (explicit wins)', () => {
  const text = `dci: 1\nsites:\n  fra: {location: [50.11, 8.68]}\n  syd: {<<: [{location: [-33.87, 151.21]}, {location: [0, 1]}]}\nmigrations:\n  - {<<: {method: cold}, method: vmotion, path: [fra, syd]}\n`;
  const r = core.lintTopology('x.dci.yaml', text);
  assert.deepEqual(ids(r), ['vmotion-rtt']);
  assert.equal(r.designs[0].sites.get('syd').placement.latDeg, -33.87);
  const cache = new core.TopologyCache();
  assert.deepEqual(ids(core.lintTopology('x.dci.yaml', text, { cache })), ['vmotion-rtt']);
  // A `<<` among the entries of `sites` merges into the map: the editor's incremental parse (found by
  // its property test) must not take it for a site called `Symbol(<<)`.
  const level = `dci: 1\nsites:\n  fra1:\n    location: [50.11, 8.68]\n  <<: {syd1: {location: [-33.87, 151.21]}}\nmigrations:\n  - {method: vmotion, path: [fra1, syd1]}\n`;
  const locs = (r) => r.findings.map((f) => `${f.ruleId} ${f.loc.start}-${f.loc.end} ${f.message}`);
  assert.deepEqual(locs(core.lintTopology('x.dci.yaml', level, { cache: new core.TopologyCache() })), locs(core.lintTopology('x.dci.yaml', level)));
  assert.deepEqual(ids(core.lintTopology('x.dci.yaml', level)), ['vmotion-rtt']);
});

test('kind 3: a repeated key is a `syntax` error on the repeated key, and the last value is the one linted', () => {
  const text = `dci: 1\n${SITES}migrations:\n  - method: cold\n    path: [fra, syd]\n    method: vmotion\n`;
  for (const options of [{}, { cache: new core.TopologyCache() }]) {
    const r = core.lintTopology('x.dci.yaml', text, options);
    assert.deepEqual(ids(r).sort(), ['syntax', 'vmotion-rtt']);
    const dup = r.findings.find((f) => f.ruleId === 'syntax');
    assert.equal(dup.loc.start, text.lastIndexOf('method'));
    assert.equal(dup.related[0].loc.start, text.indexOf('method: cold'));
    assert.match(dup.message, /Duplicate key `method`/);
  }
  // Site ids stay with duplicate-site (one finding, not two).
  const sites = `dci: 1\nsites:\n  fra: {location: [50.11, 8.68]}\n  fra: {location: [50.11, 8.68]}\n`;
  assert.deepEqual(ids(core.lintTopology('x.dci.yaml', sites)), ['duplicate-site']);
  // And in .dci-lint.yaml.
  const cfg = core.parseConfig('rules:\n  vmotion-rtt: off\n  vmotion-rtt: warning\n', 'c');
  assert.equal(cfg.config.rules['vmotion-rtt'].severity, 'warning');
  assert.ok(cfg.findings.some((f) => /Duplicate key `vmotion-rtt`/.test(f.message)));
});

test('kind 4: a directive counts only in a real comment, never in a block scalar or a string', () => {
  const lint = (head) => ids(core.lintTopology('x.dci.yaml', `dci: 1\n${head}\n${FAR}`));
  assert.deepEqual(lint('name: |\n  # dci-lint-ignore-file: vmotion-rtt'), ['vmotion-rtt']);
  assert.deepEqual(lint('name: "# dci-lint-ignore-file: vmotion-rtt"'), ['vmotion-rtt']);
  assert.deepEqual(lint("name: 'x # dci-lint-ignore-file'"), ['vmotion-rtt']);
  assert.deepEqual(lint('# dci-lint-ignore-file: vmotion-rtt'), []);
  assert.deepEqual(lint('name: x # dci-lint-ignore-file: vmotion-rtt -- measured 3 ms'), []);
  assert.deepEqual(lint('# dci-lint-ignore-file: schema'), ['vmotion-rtt']);
  // On the line itself and the line above, as before.
  const text = `dci: 1\n${SITES}migrations:\n  # dci-lint-ignore: vmotion-rtt -- measured\n  - {method: vmotion, path: [fra, syd]}\n`;
  assert.deepEqual(ids(core.lintTopology('x.dci.yaml', text)), []);
  assert.deepEqual(core.parseDirective('# dci-lint-ignore:  a , b -- why'), { file: false, ids: new Set(['a', 'b']) });
  assert.equal(core.parseDirective('# dci-lint-ignored'), undefined);
});

test('kind 4: in HCL only comment nodes carry directives (`#`, `//`, `/* */`), not heredocs or strings', async () => {
  await core.initTerraform(DIST);
  const res = 'resource "azurerm_resource_group" "x" {\n  location = "nowhere"\n}\n';
  const lint = (head) => ids(core.lintTerraformModule([{ file: `m${Math.random()}/main.tf`, text: head + res }], {}));
  assert.deepEqual(lint('locals {\n  x = <<EOT\n# dci-lint-ignore-file\nEOT\n}\n'), ['unknown-region']);
  assert.deepEqual(lint('locals {\n  x = "# dci-lint-ignore-file"\n}\n'), ['unknown-region']);
  assert.deepEqual(lint('# dci-lint-ignore-file\n'), []);
  assert.deepEqual(lint('// dci-lint-ignore-file: unknown-region\n'), []);
  assert.deepEqual(lint('/* dci-lint-ignore-file: unknown-region */\n'), []);
});

test('kind 9: in a stream with a `dci: 1` document, the others (a ConfigMap) are left alone', () => {
  const stream = `dci: 1\n${FAR}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n- a list\n`;
  for (const file of ['x.dci.yaml', 'x.yaml']) assert.deepEqual(ids(core.lintTopology(file, stream)), ['vmotion-rtt']);
  // A stream where no document says `dci: 1` (a *.dci.yaml of several designs): every mapping is a design.
  const designs = `${FAR}---\nsites: {a: {location: [1, 2]}}\ncolour: blue\n`;
  assert.ok(ids(core.lintTopology('x.dci.yaml', designs)).includes('schema'));
});

// Found by a tester in VS Code: a site block pasted inside the `links:` list of a 500-site design made a
// list a mapping's key. The warning printed that key whole (55,000 characters over 1,829 lines) and
// underlined the whole document, a syntax error spanned 2,000 lines, and yaml warned on stderr.
test('a block pasted at the wrong indentation: short messages, one-line ranges, nothing on stderr', () => {
  const links = Array.from({ length: 300 }, (_, i) => `  - between: [s${i}, s${i + 1}]\n    medium: fiber`).join('\n');
  const sites = Array.from({ length: 301 }, (_, i) => `  s${i}: { location: [${(40 + i * 0.01).toFixed(2)}, 8.5] }`).join('\n');
  const text = `dci: 1\nsites:\n${sites}\nlinks:\n  - between: [s0, s1]\n  mia1:\n    location: [25.76, -80.19]\n${links}\n`;
  const warnings = [];
  const onWarning = (w) => warnings.push(w.message);
  process.on('warning', onWarning);
  let result;
  try {
    result = core.lintTopology('x.dci.yaml', text);
  } finally {
    process.off('warning', onWarning);
  }
  const lines = new core.LineIndex(text);
  const line = (offset) => lines.position(offset).line;
  const own = result.findings.filter((f) => f.ruleId === 'syntax' || f.ruleId === 'schema');
  assert.ok(own.length >= 3, JSON.stringify(own.map((f) => f.message)));
  for (const f of own) {
    assert.equal(line(f.loc.end), line(f.loc.start), `${f.message}: spans lines ${line(f.loc.start) + 1}-${line(f.loc.end) + 1}`);
    assert.ok(f.message.length <= 200, `${f.message.length} characters: ${f.message.slice(0, 100)}`);
  }
  const listKey = own.find((f) => /^Unknown key `\[ \{ between:/.test(f.message));
  assert.ok(listKey, own.map((f) => f.message).join('\n'));
  // on the first line of the pasted list (the third `- between` of the section: the first after mia1)
  assert.equal(text.slice(listKey.loc.start, listKey.loc.start + 17), '- between: [s0, s');
  assert.match(listKey.message, /…` in the document; it is ignored\.$/);
  assert.deepEqual(warnings, []);
});

test('no finding carries a message longer than MAX_MESSAGE_CHARS, whatever the design puts in it', () => {
  const name = 'svc'.repeat(3000);
  const text = `dci: 1\nsites:\n  a: { location: [50.1, 8.6] }\nservices:\n  - name: ${name}\n    sites: [a]\n    depends_on: [{ service: nothere }]\n`;
  const f = core.lintTopology('x.dci.yaml', text).findings.find((x) => x.ruleId === 'cross-site-dependency');
  assert.ok(f, 'the dependency on a missing service is reported');
  assert.equal(f.message.length <= core.MAX_MESSAGE_CHARS + 40, true, `${f.message.length} characters`);
  assert.match(f.message, /^Service svcsvc.*… \([\d,]+ more characters\)$/);
});
