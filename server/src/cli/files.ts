// File discovery and configuration lookup for the CLI: the only place (with the server) that reads files.

import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  collectModuleTree,
  CONFIG_NAMES,
  fileKind,
  isModuleFile,
  parseConfig,
  parseModuleManifest,
  SKIP_DIRS as SKIP,
  mayBePlanHead,
  MAX_PLAN_BYTES,
  PLAN_HEAD_BYTES,
  stripBom,
  type Config,
  type Finding,
  type TerraformFile,
} from '../core';

const SKIP_DIRS = new Set(SKIP);
export { CONFIG_NAMES };

/**
 * A file's text as UTF-8, without a leading byte order mark: editors do not show or count it, so a finding
 * on line 1 has the column the editor shows. Every file the CLI reads goes through here.
 */
export function readText(path: string): string {
  return stripBom(readFileSync(path, 'utf8'));
}

export interface Discovered {
  topology: string[];
  /** Terraform module folders -> their .tf / .tf.json / .tfvars / .tfvars.json files */
  terraform: Map<string, string[]>;
  /** `terraform show -json` outputs */
  plans: string[];
  missing: string[];
}

export function isYaml(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/** A file of a Terraform module (core/files.ts decides). */
export function isTerraform(path: string): boolean {
  return isModuleFile(path);
}

/** The module files of one folder (absolute paths, sorted), as the core takes them; undefined when the folder is not there. */
export function readModuleFolder(dir: string): TerraformFile[] | undefined {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  return names
    .filter((n) => isModuleFile(n))
    .sort()
    .map((n) => resolve(dir, n))
    .filter((p) => statSync(p).isFile())
    .map((p) => ({ file: p, text: readText(p) }));
}

/**
 * A Terraform root module folder, ready for `lintTerraformModule(files, { modules })`: its own files and
 * those of every local module it calls (nested too). The CLI's lint and `matrix` on a folder use it.
 */
export function loadTerraformModule(dir: string): { files: TerraformFile[]; modules: Record<string, TerraformFile[]>; moduleManifest: Record<string, string> } {
  const files = readModuleFolder(dir) ?? [];
  // Registry and git modules downloaded by `terraform init`.
  const manifestFile = join(dir, '.terraform', 'modules', 'modules.json');
  let moduleManifest: Record<string, string> = {};
  try {
    if (existsSync(manifestFile)) moduleManifest = parseModuleManifest(readText(manifestFile), resolve(dir));
  } catch {
    moduleManifest = {};
  }
  return { files, modules: collectModuleTree(files, readModuleFolder, moduleManifest), moduleManifest };
}

/** A glob ("designs/**\/*.yaml") as a regular expression over '/'-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
        i += glob[i + 2] === '/' ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`(^|/)${re}$`);
}

export function discover(paths: string[], extraTopologyGlobs: string[] = []): Discovered {
  const out: Discovered = { topology: [], terraform: new Map(), plans: [], missing: [] };
  const globs = extraTopologyGlobs.map(globToRegExp);
  const seen = new Set<string>();
  const addTf = (file: string) => {
    const dir = dirname(file);
    if (!out.terraform.has(dir)) {
      // A module is every .tf and .tfvars file of its folder.
      const all = readdirSync(dir)
        .filter((n) => isTerraform(n))
        .map((n) => join(dir, n))
        .filter((p) => statSync(p).isFile());
      out.terraform.set(dir, all.sort());
    }
  };
  const visit = (path: string, explicit: boolean) => {
    const abs = resolve(path);
    if (seen.has(abs)) return;
    seen.add(abs);
    let st;
    try {
      st = statSync(abs);
    } catch {
      if (explicit) out.missing.push(path);
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        if (SKIP_DIRS.has(name)) continue;
        visit(join(path, name), false);
      }
      return;
    }
    if (!st.isFile()) return;
    if (isTerraform(abs)) return addTf(path);
    if (/\.json$/i.test(abs)) {
      // a plan (`terraform show -json`): by its shape; in folders only when its head looks like one
      if (!explicit && !mayBePlanHead(readHead(abs, PLAN_HEAD_BYTES))) return;
      if (st.size <= MAX_PLAN_BYTES && fileKind(abs, readText(abs)) === 'plan') out.plans.push(path);
      return;
    }
    if (!isYaml(abs) || CONFIG_NAMES.includes(abs.split(/[\\/]/).pop()!)) return;
    const rel = path.replace(/\\/g, '/');
    if (/\.dci\.ya?ml$/i.test(abs) || globs.some((g) => g.test(rel))) return void out.topology.push(path);
    // Other YAML is left alone unless it marks itself `dci: 1` (read only its head for the check).
    const head = readHead(abs);
    if (fileKind(abs, head) === 'topology') out.topology.push(path);
  };
  for (const p of paths) visit(p, true);
  out.topology.sort();
  out.plans.sort();
  return out;
}

function readHead(path: string, bytes = 65536): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return stripBom(buf.subarray(0, n).toString('utf8'));
  } finally {
    closeSync(fd);
  }
}

export interface LoadedConfig {
  config?: Config;
  findings: Finding[];
  file?: string;
}

const configCache = new Map<string, LoadedConfig>();

export function loadConfigFile(file: string): LoadedConfig {
  const abs = resolve(file);
  const cached = configCache.get(abs);
  if (cached) return cached;
  const text = readText(abs);
  const { config, findings } = parseConfig(text, file);
  const loaded = { config, findings, file };
  configCache.set(abs, loaded);
  return loaded;
}

/** The nearest .dci-lint.yaml upward from `file`. */
export function findConfig(file: string): string | undefined {
  let dir = dirname(resolve(file));
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
