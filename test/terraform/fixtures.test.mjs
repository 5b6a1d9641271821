// Every folder under test/fixtures/terraform is one Terraform root module: its `.tf`/`.tfvars` files (and
// those of the local modules it calls, in sub-folders) carry the expected findings inline (see
// test/helpers/expectations.mjs); JSON files, which cannot hold comments, carry them in `FILE.expect`
// beside them (`LINE:COL-ENDCOL severity rule` per line, 1-based, end column exclusive). A
// `topology.dci.yaml` beside them is passed as the workspace topology. A file without expectations must
// lint clean.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actualFrom, compare } from '../helpers/expectations.mjs';
import { loadModule, expectationsOf } from '../helpers/terraform.mjs';

export { loadModule };

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '../../dist');
const core = createRequire(import.meta.url)(join(dist, 'core.js'));
const root = join(here, '../fixtures/terraform');

before(async () => {
  await core.initTerraform(dist);
});

for (const name of readdirSync(root).sort().filter((n) => !n.startsWith('plan-'))) {
  test(`terraform fixture ${name}`, () => {
    const { files, topology, modules, moduleManifest } = loadModule(join(root, name));
    assert.ok(files.length > 0, 'a fixture folder holds at least one .tf file');
    const { findings } = core.lintTerraformModule(files, { topology, modules, moduleManifest });
    const all = [...files, ...Object.values(modules).flat()];
    const problems = [];
    for (const f of all) {
      const { missing, extra, ok } = compare(expectationsOf(f), actualFrom(findings, f.text, f.file));
      if (!ok) problems.push(`${name}/${f.file.split('/').pop()}: missing [${missing.join('; ')}] extra [${extra.join('; ')}]`);
    }
    const stray = findings.filter((f) => !f.suppressed && !all.some((x) => x.file === f.loc.file));
    assert.deepEqual(stray, [], 'findings outside the module files');
    assert.deepEqual(problems, [], `\n${problems.join('\n')}\n${findings.map((f) => `  ${f.loc.file.split('/').pop()}@${f.loc.start} ${f.severity} ${f.ruleId}: ${f.message}`).join('\n')}`);
  });
}
