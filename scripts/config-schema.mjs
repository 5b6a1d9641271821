// Writes schemas/config.schema.json from the rule metadata (run after `node build.mjs`).
// test/unit/config.test.mjs fails when the file and the code disagree.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const core = createRequire(import.meta.url)('../dist/core.js');
writeFileSync(new URL('../schemas/config.schema.json', import.meta.url), `${JSON.stringify(core.configSchema(), null, 2)}\n`);
