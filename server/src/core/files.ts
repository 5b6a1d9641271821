// Which files are ours, and what they are: the ONE definition used by the CLI's discovery
// (cli/files.ts), the language server (lsp/workspace.ts) and the VS Code client's watchers and
// activation (client/src/extension.ts, package.json; a test checks both against this module).
// Pure: names (and, for YAML and JSON, the text) in, kinds out. Imports nothing, so the client can
// bundle it.
//
// Terraform's own rules (developer.hashicorp.com/terraform/language/files, .../files/override,
// .../values/variables#variable-definitions-tfvars-files, .../syntax/json):
// - a module is the `.tf` and `.tf.json` files of ONE folder (sub-folders are other modules);
// - `override.tf`, `*_override.tf` and their `.tf.json` forms are override files, merged after the others;
// - `terraform.tfvars(.json)` and `*.auto.tfvars(.json)` are loaded by themselves (root module only),
//   other `*.tfvars(.json)` only with `-var-file`;
// - `terraform show -json` output (a plan) is any JSON with `format_version` and `planned_values`.

export type FileKind =
  /** `.tf` / `.tf.json`: a file of a Terraform module */
  | 'terraform'
  /** `.tfvars` / `.tfvars.json` */
  | 'terraform-vars'
  /** `*.dci.yaml` / `*.dci.yml`, or YAML with `dci: 1` */
  | 'topology'
  /** `.dci-lint.yaml` / `.dci-lint.yml` */
  | 'config'
  /** `terraform show -json` output */
  | 'plan';

export const CONFIG_NAMES = ['.dci-lint.yaml', '.dci-lint.yml'];

/** Globs (VS Code / micromatch syntax) of every file whose change can change a finding. */
export const WATCH_GLOBS = [
  '**/*.tf',
  '**/*.tf.json',
  '**/*.tfvars',
  '**/*.tfvars.json',
  '**/*plan*.json',
  '**/*.dci.yaml',
  '**/*.dci.yml',
  '**/.dci-lint.yaml',
  '**/.dci-lint.yml',
];

/**
 * Globs of documents the editor sends to the language server besides YAML/Terraform/HCL by language:
 * module files by name, and JSON plans by their usual names (`plan.json`, `tfplan.json`; the server
 * decides by the shape, `isPlanJson`).
 */
export const DOCUMENT_PATTERNS = ['**/*.tf', '**/*.tf.json', '**/*.tfvars', '**/*.tfvars.json', '**/*plan*.json'];

/** Globs of files that make a workspace ours (the extension's `workspaceContains:` activation events). */
export const ACTIVATION_GLOBS = ['**/*.dci.yaml', '**/*.dci.yml', '**/*.tf', '**/*.tf.json', '**/.dci-lint.yaml', '**/.dci-lint.yml'];

/** Folders that never hold files to lint. */
export const SKIP_DIRS = ['node_modules', '.git', '.terraform', 'dist', '.hg', '.svn'];

/**
 * The files the editor's Lint Workspace asks the server about (VS Code glob syntax): every name the CLI
 * lints in a folder (cli/files.ts) — YAML, Terraform configuration and variable files in both syntaxes,
 * and JSON (a plan, decided by its head and shape) — outside SKIP_DIRS. The server decides each file's
 * kind as for an open document (`fileKind`), so the editor's count is the CLI's over the same folder.
 */
export const WORKSPACE_LINT_GLOB = '**/*.{yaml,yml,tf,tfvars,json}';
export const WORKSPACE_LINT_EXCLUDE = `**/{${SKIP_DIRS.join(',')}}/**`;

/**
 * How much of a `.json` file the CLI reads in a folder to decide whether it may be a plan (a plan names
 * `format_version` first), and the largest plan it reads (bytes); Lint Workspace asks the same.
 */
export const PLAN_HEAD_BYTES = 4096;
export const MAX_PLAN_BYTES = 256 * 1024 * 1024;

/** Whether the head of a `.json` file (its first PLAN_HEAD_BYTES) may be a plan's. */
export function mayBePlanHead(head: string): boolean {
  return /"format_version"/.test(head);
}

/** The last path segment of a path or URI (`/` or `\` separated). */
export function baseName(file: string): string {
  const clean = file.replace(/[?#].*$/, '');
  return clean.slice(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1);
}

/** `.tf` or `.tf.json`: a configuration file of a Terraform module. */
export function isTerraformConfigFile(file: string): boolean {
  return /\.tf(\.json)?$/i.test(baseName(file));
}

/** `.tfvars` or `.tfvars.json`. */
export function isVarFile(file: string): boolean {
  return /\.tfvars(\.json)?$/i.test(baseName(file));
}

/** Any file of a Terraform module folder: configuration or variable values. */
export function isModuleFile(file: string): boolean {
  return isTerraformConfigFile(file) || isVarFile(file);
}

/** `override.tf`, `*_override.tf`, `override.tf.json`, `*_override.tf.json`. */
export function isOverrideFile(file: string): boolean {
  return /^(?:override|.*_override)\.tf(?:\.json)?$/i.test(baseName(file));
}

/** Terraform's JSON syntax (`.tf.json`, `.tfvars.json`). */
export function isJsonSyntax(file: string): boolean {
  return /\.json$/i.test(baseName(file));
}

/** Terraform's order of automatic variable files: terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) by name; else undefined. */
export function autoLoadRank(file: string): number | undefined {
  const name = baseName(file);
  if (name === 'terraform.tfvars') return 0;
  if (name === 'terraform.tfvars.json') return 1;
  if (/\.auto\.tfvars(\.json)?$/.test(name)) return 2;
  return undefined;
}

/**
 * A `dci: 1` line at column 0 (after a byte order mark on the first line): what marks other YAML as a
 * topology. Linear: no nested repetition, blanks are `[ \t]` (`\s` crossed lines).
 */
export const DCI_MARK = /^\uFEFF?dci[ \t]*:[ \t]*(?:1|'1'|"1")[ \t]*(?:#[^\n]*)?\r?$/m;

export function isTopologyName(file: string): boolean {
  return /\.dci\.ya?ml$/i.test(baseName(file));
}

export function isConfigName(file: string): boolean {
  return CONFIG_NAMES.includes(baseName(file));
}

/** `terraform show -json` output: an object with `format_version` and `planned_values`. */
export function isPlanJson(text: string): boolean {
  if (!/"format_version"/.test(text.slice(0, 4096)) || !text.includes('"planned_values"')) return false;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) && 'format_version' in v && 'planned_values' in v;
  } catch {
    return false;
  }
}

/**
 * What a file is for DCI Lint, from its name, and for names that do not decide it (other YAML, other
 * JSON) from its text; `undefined`: not ours. `text` may be only the head of the file for YAML.
 */
export function fileKind(file: string, text?: string): FileKind | undefined {
  const name = baseName(file);
  if (isModuleFile(name)) return isVarFile(name) ? 'terraform-vars' : 'terraform';
  if (isConfigName(name)) return 'config';
  if (isTopologyName(name)) return 'topology';
  if (/\.ya?ml$/i.test(name) || !/\.[^.]+$/.test(name)) return text !== undefined && DCI_MARK.test(text) ? 'topology' : undefined;
  if (/\.json$/i.test(name)) return text !== undefined && isPlanJson(text) ? 'plan' : undefined;
  return undefined;
}
