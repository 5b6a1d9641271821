#!/usr/bin/env node
// Scaffolds a new rule so that no piece can be forgotten (ARCHITECTURE.md, "Recipe: add a rule"):
//
//   node scripts/new-rule.mjs my-rule-id [--root DIR]
//
// writes server/src/core/rules/my-rule-id.ts, its line in server/src/core/rules/index.ts,
// docs/rules/my-rule-id.md with every section test/unit/docs.test.mjs requires, and
// test/fixtures/rules/my-rule-id/{fires,clean}.dci.yaml. `--root DIR` writes into a copy of the
// repository at DIR instead (test/unit/new-rule.test.mjs does). The skeleton compiles but reports
// nothing, so the fixture and docs tests fail until the check, the fixtures and the page are written:
// that is the point. Refuses an id that is not kebab-case or a rule that exists; writes nothing then.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `my-rule-id` -> `myRuleId`, the rule's export name. */
export function camel(id) {
  return id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
}

function ruleFile(id) {
  return `// ${id}: TODO one line on what it checks and why; the full story is docs/rules/${id}.md.

import type { Rule } from './types';

export const ${camel(id)}: Rule = {
  meta: {
    id: '${id}',
    summary: 'TODO: one sentence, also the first line of docs/rules/${id}.md.',
    defaultSeverity: 'warning',
    // true only when severity comes from physics (lower bound: error, estimate: warning)
    graded: false,
    fixable: false,
    // name: limitOption(LIMIT, 'what it limits') from ./physics, with LIMIT a row of core/limits.ts and its source
    options: {},
  },
  check(ctx) {
    // TODO: read ctx.design; ctx.pair(a, b) gives the RTT of two sites; ctx.report({ message, loc, data })
    // each finding with its figures in the message and as numbers in data; ctx.row(...) each pair
    // judged against a limit, so the editor's hover shows the same verdict.
    for (const element of ctx.design.clusters) if (element.kind === 'TODO') ctx.report({ message: 'TODO', loc: element.loc });
  },
};
`;
}

/** A placeholder design for the docs page's Example and Use instead. */
const TODO_DESIGN = '```yaml\ndci: 1\nsites:\n  TODO:\n    region: aws:eu-central-1\n```\n';

function docsPage(id) {
  return `# ${id}

TODO: one sentence, also the first line of docs/rules/${id}.md.

## What it does

TODO: what the rule reports, and where the finding points.

## Why is this bad

TODO: what breaks in production, in the reader's terms.

## Severity

Always **warning** (not graded). A level set in \`.dci-lint.yaml\` replaces it.

## Options

None.

## Example

${TODO_DESIGN}
\`\`\`text
TODO: DOCS_UPDATE=1 node --test test/unit/docs.test.mjs prints the finding here
\`\`\`

## Use instead

${TODO_DESIGN}
## Quick fixes

This rule has no fix of its own. The editor offers:

- **Disable \`${id}\` for this line** and **Disable \`${id}\` for this file**.
- **Show documentation for ${id}**: opens this page.

## Sources

- TODO: the vendor document (title and link) or "DCI Lint heuristic" and why.
`;
}

function firesFixture(id) {
  return `# TODO: a design that fires ${id}. Under each line a finding points at, a marker line: a comment
# with carets under the finding's columns, the severity, the rule id and optionally a colon and a
# substring of the message (node scripts/annotate.mjs FILE proposes them).
dci: 1
sites:
  fra:
    region: aws:eu-central-1
#   ^^^^^^^^^^^^^^^^^^^^^^^^ warning ${id}
`;
}

function cleanFixture(id) {
  return `# TODO: the nearest design that must not fire ${id} (false alarms are bugs).
dci: 1
sites:
  fra:
    region: aws:eu-central-1
`;
}

/** The registry with the rule imported (imports sorted by path) and listed last in RULES. */
export function addToRegistry(source, id) {
  const name = camel(id);
  const lines = source.split('\n');
  const importLine = `import { ${name} } from './${id}';`;
  const imports = lines.map((l, i) => [l, i]).filter(([l]) => /^import .* from '\.\/[\w-]+';$/.test(l));
  if (imports.length === 0) throw new Error('rules/index.ts: no import lines found');
  const after = imports.filter(([l]) => /from '\.\/([\w-]+)'/.exec(l)[1] < id).pop();
  const at = after ? after[1] + 1 : imports[0][1];
  lines.splice(at, 0, importLine);
  const start = lines.findIndex((l) => /^export const RULES\b/.test(l));
  const end = lines.findIndex((l, i) => i > start && l === '];');
  if (start < 0 || end < 0) throw new Error('rules/index.ts: the RULES array was not found');
  lines.splice(end, 0, `  ${name},`);
  return lines.join('\n');
}

/** Writes every piece of a new rule under `root`; returns the paths written, relative to it. */
export function scaffold(id, root) {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) throw new Error(`${id}: a rule id is kebab-case (vmotion-rtt)`);
  const files = {
    [`server/src/core/rules/${id}.ts`]: ruleFile(id),
    [`docs/rules/${id}.md`]: docsPage(id),
    [`test/fixtures/rules/${id}/fires.dci.yaml`]: firesFixture(id),
    [`test/fixtures/rules/${id}/clean.dci.yaml`]: cleanFixture(id),
  };
  const registry = join(root, 'server/src/core/rules/index.ts');
  const existing = Object.keys(files).filter((f) => existsSync(join(root, f)));
  if (existing.length) throw new Error(`${id} exists already: ${existing.join(', ')}`);
  const updated = addToRegistry(readFileSync(registry, 'utf8'), id);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  writeFileSync(registry, updated);
  return [...Object.keys(files), relative(root, registry)];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const r = args.indexOf('--root');
  const root = r >= 0 ? args.splice(r, 2)[1] : join(dirname(fileURLToPath(import.meta.url)), '..');
  const [id] = args;
  if (!id || !root) {
    console.error('usage: node scripts/new-rule.mjs <rule-id> [--root DIR]');
    process.exit(2);
  }
  try {
    for (const f of scaffold(id, root)) console.log(`wrote ${f}`);
    console.log(`Next: write the check, the fixtures and the page (ARCHITECTURE.md, "Recipe: add a rule"), then
  node build.mjs && node scripts/config-schema.mjs
  node --test test/unit/fixtures.test.mjs test/unit/docs.test.mjs test/unit/config.test.mjs`);
  } catch (e) {
    console.error(`new-rule: ${e.message}`);
    process.exit(1);
  }
}
