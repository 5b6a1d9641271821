// Terraform fixture helpers: a folder's module files, the module tree it calls, and the expectations
// of a file (inline for HCL, FILE.expect beside a JSON file).
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readExpectations } from './expectations.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const core = createRequire(import.meta.url)(join(here, '../../dist/core.js'));

export function readFolder(dir) {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir)
    .filter((f) => core.isModuleFile(f))
    .sort()
    .map((f) => ({ file: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
}

export function loadModule(dir) {
  const files = readFolder(dir);
  const topoFile = join(dir, 'topology.dci.yaml');
  const topology = existsSync(topoFile) ? core.lintTopology(topoFile, readFileSync(topoFile, 'utf8')).designs[0] : undefined;
  const manifestFile = join(dir, '.terraform/modules/modules.json');
  const moduleManifest = existsSync(manifestFile) ? core.parseModuleManifest(readFileSync(manifestFile, 'utf8'), dir) : {};
  const modules = core.collectModuleTree(files, readFolder, moduleManifest);
  return { files, topology, modules, moduleManifest };
}

export function expectationsOf(f) {
  if (!/\.json$/.test(f.file)) return readExpectations(f.text);
  if (!existsSync(`${f.file}.expect`)) return [];
  return readFileSync(`${f.file}.expect`, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const m = /^(\d+):(\d+)-(\d+)\s+(error|warning|info|hint)\s+([a-z0-9-]+)\s*$/.exec(l.trim());
      if (!m) throw new Error(`${f.file}.expect: bad line ${l}`);
      return { line: +m[1], column: +m[2], endColumn: +m[3], severity: m[4], ruleId: m[5] };
    });
}

