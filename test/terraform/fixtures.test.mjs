// Every folder under test/fixtures/terraform is one Terraform module: its `.tf`/`.tfvars` files carry the
// expected findings inline (see test/helpers/expectations.mjs); a `topology.dci.yaml` beside them is
// passed as the workspace topology. A file without expectation lines must lint clean.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readExpectations, actualFrom, compare } from '../helpers/expectations.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '../../dist');
const core = createRequire(import.meta.url)(join(dist, 'core.js'));
const root = join(here, '../fixtures/terraform');

export function loadModule(dir) {
  const files = readdirSync(dir)
    .filter((f) => /\.tf$|\.tfvars(\.json)?$/.test(f))
    .sort()
    .map((f) => ({ file: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
  const topoFile = join(dir, 'topology.dci.yaml');
  const topology = existsSync(topoFile) ? core.lintTopology(topoFile, readFileSync(topoFile, 'utf8')).designs[0] : undefined;
  return { files, topology };
}

before(async () => {
  await core.initTerraform(dist);
});

for (const name of readdirSync(root).sort()) {
  test(`terraform fixture ${name}`, () => {
    const { files, topology } = loadModule(join(root, name));
    assert.ok(files.length > 0, 'a fixture folder holds at least one .tf file');
    const { findings } = core.lintTerraformModule(files, { topology });
    const problems = [];
    for (const f of files) {
      const { missing, extra, ok } = compare(readExpectations(f.text), actualFrom(findings, f.text, f.file));
      if (!ok) problems.push(`${name}/${f.file.split('/').pop()}: missing [${missing.join('; ')}] extra [${extra.join('; ')}]`);
    }
    const stray = findings.filter((f) => !f.suppressed && !files.some((x) => x.file === f.loc.file));
    assert.deepEqual(stray, [], 'findings outside the module files');
    assert.deepEqual(problems, [], `\n${problems.join('\n')}\n${findings.map((f) => `  ${f.loc.file.split('/').pop()}@${f.loc.start} ${f.severity} ${f.ruleId}: ${f.message}`).join('\n')}`);
  });
}
