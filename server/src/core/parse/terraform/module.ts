// One Terraform module: every block of every `.tf` file, variables with their values from `*.tfvars`,
// locals, provider configurations and `required_providers`. Read only; evaluation is in eval.ts.

import type { Block, Body, Expr } from './ast';
import { attr, blocks } from './ast';
import type { HclFile } from './hcl';
import { mergeOverrides } from './merge';

export interface Resource {
  /** `hcx_service_mesh.m` or `data.vsphere_host.esx1` */
  addr: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  block: Block;
  file: string;
  /** provider configuration: `hcx` or `hcx.ams` (a child module's resources: the caller's configuration) */
  provider: string;
  /** the instance key under `count` (a number) or `for_each` (a string) */
  key?: string | number;
  /** the configuration address inside its module, without module path or key: `hcx_l2_extension.vlan` */
  config?: string;
}

/** A `module "name" { source = ... }` call. */
export interface ModuleCall {
  name: string;
  block: Block;
  file: string;
  /** `source` as written (a literal string; Terraform allows nothing else) */
  source?: string;
}

export interface ProviderConfig {
  /** `aws` or `aws.dr` */
  key: string;
  block: Block;
  file: string;
}

export interface VarValue {
  expr: Expr;
  file: string;
  /** where Terraform found it: `default`, `terraform.tfvars`, ... */
  source: string;
}

export interface Module {
  files: HclFile[];
  resources: Map<string, Resource>;
  byType: Map<string, Resource[]>;
  variables: Map<string, { block: Block; file: string; value?: VarValue }>;
  /** variables set only in `*.tfvars` files Terraform does not load by itself (need `-var-file`) */
  optionalVarFiles: Map<string, string[]>;
  locals: Map<string, { expr: Expr; file: string }>;
  providers: Map<string, ProviderConfig>;
  /** local provider name -> source address as written (`vmware/hcx`) */
  sources: Map<string, string>;
  calls: Map<string, ModuleCall>;
  outputs: Map<string, { expr: Expr; file: string }>;
}

/** Where each provider's resources live, and which source addresses are that provider (old and new). */
export const ACCEPTED_SOURCES: Record<string, string[]> = {
  hcx: ['vmware/hcx', 'adeleporte/hcx'],
  vsphere: ['vmware/vsphere', 'hashicorp/vsphere'],
  nsxt: ['vmware/nsxt'],
  vmc: ['vmware/vmc'],
  azurerm: ['hashicorp/azurerm'],
  azapi: ['azure/azapi'],
  google: ['hashicorp/google', 'hashicorp/google-beta'],
  'google-beta': ['hashicorp/google-beta', 'hashicorp/google'],
  aws: ['hashicorp/aws'],
};

export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] ?? file;
}

export { isVarFile } from '../../files';
import { isOverrideFile, isVarFile } from '../../files';

/** Terraform's own order: terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) by name. */
function autoLoadRank(name: string): number | undefined {
  if (name === 'terraform.tfvars') return 0;
  if (name === 'terraform.tfvars.json') return 1;
  if (/\.auto\.tfvars(\.json)?$/.test(name)) return 2;
  return undefined;
}

export interface ModuleOptions {
  /** extra var files, like `-var-file` (file keys as passed in), applied after the automatic ones in this order */
  varFiles?: string[];
  /** a child module: Terraform reads no `*.tfvars` for it (its variables come from the module call) */
  child?: boolean;
}

export function buildModule(files: HclFile[], options: ModuleOptions = {}): Module {
  const m: Module = {
    files,
    resources: new Map(),
    byType: new Map(),
    variables: new Map(),
    optionalVarFiles: new Map(),
    locals: new Map(),
    providers: new Map(),
    sources: new Map(),
    calls: new Map(),
    outputs: new Map(),
  };
  const varFiles: HclFile[] = [];
  const primary: HclFile[] = [];
  const overrides: HclFile[] = [];
  for (const f of files) {
    if (isVarFile(f.file)) {
      if (!options.child) varFiles.push(f);
    } else if (isOverrideFile(f.file)) overrides.push(f);
    else primary.push(f);
  }
  // Override files are merged into the primary blocks, in lexical order of their names (merge.ts).
  overrides.sort((a, b) => (baseName(a.file) < baseName(b.file) ? -1 : baseName(a.file) > baseName(b.file) ? 1 : 0));
  const merged = mergeOverrides(primary, overrides);
  for (const { block, file } of merged) readTopBlock(m, block, file);
  // Values: defaults, then automatic var files in Terraform's order, then the explicit ones.
  const auto = varFiles
    .map((f) => ({ f, rank: autoLoadRank(baseName(f.file)) }))
    .filter((x) => x.rank !== undefined)
    .sort((a, b) => a.rank! - b.rank! || (baseName(a.f.file) < baseName(b.f.file) ? -1 : 1))
    .map((x) => x.f);
  const explicit = (options.varFiles ?? []).map((k) => varFiles.find((f) => f.file === k)).filter((f): f is HclFile => !!f);
  for (const f of [...auto, ...explicit]) assignVars(m, f, baseName(f.file));
  for (const f of varFiles) {
    if (auto.includes(f) || explicit.includes(f)) continue;
    for (const name of varNames(f.body)) {
      const list = m.optionalVarFiles.get(name) ?? [];
      list.push(baseName(f.file));
      m.optionalVarFiles.set(name, list);
    }
  }
  return m;
}

function varNames(body: Body): string[] {
  return body.attributes.map((a) => a.name);
}

function assignVars(m: Module, f: HclFile, source: string): void {
  for (const a of f.body.attributes) {
    const v = m.variables.get(a.name);
    if (v) v.value = { expr: a.expr, file: f.file, source };
  }
}

function readTopBlock(m: Module, b: Block, file: string): void {
  switch (b.type) {
    case 'resource':
    case 'data': {
      if (b.labels.length < 2) return;
      const [type, name] = [b.labels[0]!, b.labels[1]!];
      const mode = b.type === 'data' ? 'data' : 'managed';
      const addr = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
      const r: Resource = { addr, mode, type, name, block: b, file, provider: providerOf(b, type), config: addr };
      if (m.resources.has(addr)) return;
      m.resources.set(addr, r);
      const list = m.byType.get(type) ?? [];
      list.push(r);
      m.byType.set(type, list);
      return;
    }
    case 'variable': {
      if (b.labels.length < 1) return;
      const def = attr(b.body, 'default');
      m.variables.set(b.labels[0]!, { block: b, file, ...(def ? { value: { expr: def.expr, file: def.range.file ?? file, source: 'default' } } : {}) });
      return;
    }
    case 'locals':
      for (const a of b.body.attributes) m.locals.set(a.name, { expr: a.expr, file: a.range.file ?? file });
      return;
    case 'output': {
      const v = attr(b.body, 'value');
      if (b.labels[0] !== undefined && v && !m.outputs.has(b.labels[0])) m.outputs.set(b.labels[0], { expr: v.expr, file: v.range.file ?? file });
      return;
    }
    case 'module': {
      const name = b.labels[0];
      if (name === undefined || m.calls.has(name)) return;
      const src = attr(b.body, 'source');
      const call: ModuleCall = { name, block: b, file };
      if (src?.expr.k === 'lit' && typeof src.expr.value === 'string') call.source = src.expr.value;
      else if (src?.expr.k === 'template' && src.expr.parts.every((p) => typeof p === 'string')) call.source = src.expr.parts.join('');
      m.calls.set(name, call);
      return;
    }
    case 'provider': {
      if (b.labels.length < 1) return;
      const alias = attr(b.body, 'alias');
      const aliasName = alias?.expr.k === 'lit' && typeof alias.expr.value === 'string' ? alias.expr.value : undefined;
      const key = aliasName ? `${b.labels[0]}.${aliasName}` : b.labels[0]!;
      if (!m.providers.has(key)) m.providers.set(key, { key, block: b, file });
      return;
    }
    case 'terraform':
      for (const rp of blocks(b.body, 'required_providers')) {
        for (const a of rp.body.attributes) {
          if (a.expr.k === 'object') {
            for (const e of a.expr.entries) {
              const k = e.key.k === 'var' ? e.key.name : e.key.k === 'lit' ? String(e.key.value) : undefined;
              if (k === 'source' && e.value.k === 'lit' && typeof e.value.value === 'string') m.sources.set(a.name, e.value.value);
            }
          } else if (a.expr.k === 'lit' && typeof a.expr.value === 'string') {
            m.sources.set(a.name, a.expr.value); // very old form: name = "version"; no source
          }
        }
      }
      return;
  }
}

/** `provider = hcx.ams` (a reference, not evaluated), else the type's prefix. */
function providerOf(b: Block, type: string): string {
  const p = attr(b.body, 'provider');
  if (p) {
    const e = p.expr;
    if (e.k === 'var') return e.name;
    if (e.k === 'access' && e.base.k === 'var' && e.steps.length === 1 && e.steps[0]!.k === 'attr') return `${e.base.name}.${e.steps[0]!.name}`;
  }
  return type.split('_')[0]!;
}

/**
 * The provider a resource type belongs to, when its local name is declared with a source we know. The
 * source is recognised by its type name (the last part of the address), so a private registry mirror
 * (`registry.example.com/vmware/hcx`) or the pre-0.13 namespace (`terraform-providers/vmc`) is the same
 * provider as `vmware/hcx`; `unknownSource` says when a local name we would read is bound elsewhere.
 */
export function providerKind(m: Module, localName: string): string | undefined {
  const accepted = ACCEPTED_SOURCES[localName];
  const source = m.sources.get(localName);
  if (source === undefined) return accepted ? localName : undefined;
  const normal = source.toLowerCase().replace(/^registry\.(terraform|opentofu)\.io\//, '');
  for (const [kind, list] of Object.entries(ACCEPTED_SOURCES)) if (list.includes(normal)) return kind === 'google-beta' ? 'google' : kind;
  // A version constraint without a source (Terraform 0.12 style) keeps the implied provider.
  if (!normal.includes('/')) return accepted ? localName : undefined;
  const type = normal.slice(normal.lastIndexOf('/') + 1);
  if (type in ACCEPTED_SOURCES) return type === 'google-beta' ? 'google' : type;
  return undefined;
}

/** The source address of a local provider name we read (`hcx`, `vsphere`, ...) when it is no provider we know. */
export function unknownSource(m: Module, localName: string): string | undefined {
  const source = m.sources.get(localName);
  return source !== undefined && localName in ACCEPTED_SOURCES && providerKind(m, localName) === undefined ? source : undefined;
}
