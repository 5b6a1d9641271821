// Fuzzing the core: mutated and random topology YAML, `.dci-lint.yaml` and Terraform modules. Properties:
// nothing throws, every location lies inside its file, the same input gives the same findings (and for
// Terraform, an incremental reparse after an edit gives what a fresh parse gives).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { core, DIST } from './helpers/dist.mjs';
import { applyAll, canonical, hclCorpus, mutationsArb, rangeProblems, SEED, show, yamlCorpus } from './helpers/mutate.mjs';

const YAML = yamlCorpus();
const HCL = hclCorpus();
export const RUNS = { yaml: 1000, random: 2000, config: 400, hcl: 400 };

function lintYaml(file, text, options = {}) {
  const r = core.lintTopology(file, text, options);
  const problems = rangeProblems(r.findings, new Map([[file, text]]));
  assert.deepEqual(problems, [], `ranges of ${show(text)}`);
  return r;
}

test('the corpus is there', () => {
  assert.ok(YAML.length >= 30, `${YAML.length} topology fixtures`);
  assert.ok(HCL.length >= 3, `${HCL.length} Terraform modules`);
});

test(`mutated topology YAML: no exception, ranges inside, deterministic (${RUNS.yaml} runs)`, { timeout: 60_000 }, () => {
  fc.assert(
    fc.property(fc.constantFrom(...YAML), mutationsArb, (doc, ms) => {
      const text = applyAll(doc.text, ms);
      const a = lintYaml('fuzz.dci.yaml', text);
      const b = lintYaml('fuzz.dci.yaml', text);
      assert.equal(canonical(a.findings), canonical(b.findings), `deterministic on ${show(text)}`);
    }),
    { numRuns: RUNS.yaml, seed: SEED },
  );
});

test(`mutated topology YAML through the editor's incremental parse cache = the full parse (${RUNS.yaml} runs)`, { timeout: 60_000 }, () => {
  fc.assert(
    fc.property(fc.constantFrom(...YAML), mutationsArb, mutationsArb, (doc, ms, more) => {
      // Edit after edit in one cache, as typing does: pristine, mutated, mutated further.
      const cache = new core.TopologyCache();
      const first = applyAll(doc.text, ms);
      const second = applyAll(first, more);
      for (const text of [doc.text, first, second]) {
        const incremental = core.lintTopology('inc.dci.yaml', text, {
          cache,
        });
        const full = core.lintTopology('inc.dci.yaml', text, {});
        assert.equal(canonical(incremental.findings), canonical(full.findings), `incremental != full on ${show(text)}`);
      }
    }),
    { numRuns: RUNS.yaml, seed: SEED },
  );
});

test(`random text and random YAML-ish token soup (${RUNS.random} runs)`, { timeout: 30_000 }, () => {
  const token = fc.constantFrom(
    'dci: 1\n',
    'sites:\n',
    '  a: {location: [1, 2]}\n',
    '  - ',
    'links:\n',
    'between: [a, b]',
    '[',
    ']',
    '{',
    '}',
    ':',
    ',',
    '\n',
    '  ',
    '&x ',
    '*x',
    '!!map',
    '- ',
    '"',
    "'",
    '#',
    '---\n',
    '...\n',
    '? ',
    '|',
    '>',
    '%YAML 1.2\n',
    '<<: *x\n',
    '\t',
    '😀',
    '\uD800',
  );
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.array(token, { maxLength: 80 }).map((t) => t.join('')),
      ),
      (text) => {
        lintYaml('rand.dci.yaml', text);
      },
    ),
    { numRuns: RUNS.random, seed: SEED },
  );
});

test(`mutated .dci-lint.yaml: parseConfig never throws, findings inside the file (${RUNS.config} runs)`, { timeout: 30_000 }, () => {
  const base = [
    'rules:\n  vmotion-rtt: warning\n  sync-replication-rtt:\n    severity: error\n    genericMs: 5\nassumptions:\n  fiber_route_factor: 1.4\n  equipment_ms: 0.5\nfiles:\n  - "designs/**/*.yaml"\nmax_file_bytes: 4000000\n',
    'rules:\n  nope: off\n  bandwidth-delay:\n    wat: 3\n',
  ];
  fc.assert(
    fc.property(fc.constantFrom(...base), mutationsArb, (text0, ms) => {
      const text = applyAll(text0, ms);
      const { config, findings } = core.parseConfig(text, '.dci-lint.yaml');
      assert.deepEqual(rangeProblems(findings, new Map([['.dci-lint.yaml', text]])), [], show(text));
      assert.ok(Number.isFinite(config.maxFileBytes) && config.maxFileBytes >= 1024, `max_file_bytes ${config.maxFileBytes} from ${show(text)}`);
      for (const v of Object.values(config.assumptions)) assert.ok(Number.isFinite(v), `assumption ${v} from ${show(text)}`);
      // The config it yields is usable: linting with it never throws either.
      lintYaml('with-config.dci.yaml', YAML[0].text, { config });
    }),
    { numRuns: RUNS.config, seed: SEED },
  );
});

// --- Terraform ----------------------------------------------------------------------------------

before(async () => {
  await core.initTerraform(DIST);
});

let key = 0;

test(`mutated Terraform modules: no exception, ranges inside, deterministic, incremental = fresh (${RUNS.hcl} runs)`, { timeout: 90_000 }, () => {
  fc.assert(
    fc.property(fc.constantFrom(...HCL), fc.nat(), mutationsArb, (mod, which, ms) => {
      const target = which % mod.files.length;
      const files = mod.files.map((f, i) => (i === target ? { file: f.file, text: applyAll(f.text, ms) } : f));
      const texts = new Map(files.map((f) => [f.file, f.text]));
      // Same keys as the pristine module: the parser reparses incrementally from the cached tree.
      core.lintTerraformModule(mod.files, {});
      const incremental = core.lintTerraformModule(files, {});
      assert.deepEqual(rangeProblems(incremental.findings, texts), [], `ranges on ${show(files[target].text)}`);
      const again = core.lintTerraformModule(files, {});
      assert.equal(canonical(again.findings), canonical(incremental.findings), 'deterministic');
      // Fresh keys: no cached tree, a parse from scratch.
      const k = `fresh${key++}/`;
      const fresh = core.lintTerraformModule(
        files.map((f) => ({ file: k + f.file, text: f.text })),
        {},
      );
      for (const f of files) core.forgetTerraformFile(k + f.file);
      assert.equal(
        canonical(fresh.findings, (f) => f.slice(k.length)),
        canonical(incremental.findings),
        `incremental reparse differs from a fresh parse after mutating ${files[target].file}: ${show(files[target].text)}`,
      );
    }),
    { numRuns: RUNS.hcl, seed: SEED },
  );
});

test('Terraform: random bytes and token soup in a .tf file', { timeout: 30_000 }, () => {
  const token = fc.constantFrom(
    'resource "a" "b" {\n',
    '}\n',
    '{',
    '}',
    '"',
    '${',
    '%{',
    '}}',
    'var.x',
    'local.y',
    '= ',
    '[',
    ']',
    '(',
    ')',
    ',',
    '<<EOF\n',
    'EOF\n',
    '#',
    '//',
    '/*',
    '*/',
    '\n',
    'for x in y : ',
    '?',
    ':',
    '...',
    '😀',
    '\uD800',
    '\u0000',
  );
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.array(token, { maxLength: 80 }).map((t) => t.join('')),
      ),
      (text) => {
        const r = core.lintTerraformModule([{ file: 'rand/main.tf', text }], {});
        assert.deepEqual(rangeProblems(r.findings, new Map([['rand/main.tf', text]])), [], show(text));
      },
    ),
    { numRuns: 2000, seed: SEED },
  );
});
