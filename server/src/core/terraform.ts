// Terraform entry point of the core: the `.tf` and `*.tfvars` files of one module folder in, findings out.
//
//   await initTerraform(wasmDir);            // once, async: loads tree-sitter.wasm and tree-sitter-terraform.wasm
//                                            // from wasmDir (the folder of the bundle: `__dirname` in dist/)
//   const { findings, designs } = lintTerraformModule(
//     [{ file: 'main.tf', text }, { file: 'terraform.tfvars', text }],   // every .tf/.tfvars of ONE folder
//     { config, topology },                  // topology: a parsed workspace topology Design (names -> sites)
//   );                                       // sync; never throws; findings carry their own `loc.file`
//
// - Group files per folder (Terraform module = folder); pass the `.tf`, `.tfvars` and `.tfvars.json` files;
//   terraform.tfvars and *.auto.tfvars are applied as Terraform does, other *.tfvars only when listed in
//   `options.varFiles` (like -var-file), `options.vars` acts like -var.
// - Parse trees are cached per `file` key: calling again with a changed text reparses incrementally (the
//   edit is found by diffing the texts), so the server just passes the current text of every file.
//   `forgetTerraformFile(file)` frees a closed/deleted file's tree.
// - `options.topology` (a Design from lintTopology/parseTopology) places on-premises things that
//   Terraform does not locate: a vCenter/HCX host name, datacenter, tag, fault domain or NSX location
//   whose name (or a `.`/`-` token of it) equals a topology site id or name takes that site's location.
//   Without one, `places:` of `options.config` pins names, else a city or IATA code in a name places
//   the thing (inferred: rule inferred-location; dependent findings at most warnings). docs/terraform-placement.md
// - `syntax` findings word tree-sitter's errors for HCL (missing `}`, unterminated string, block header
//   without `{`); every block that still parses gets its findings.
// - Before initTerraform has resolved, lintTerraformModule returns one `syntax` finding saying so.
//
// What becomes the Design (parse/terraform/providers/, one file per provider family listed in registry.ts;
// sources in docs/reference/terraform-providers.md):
//   sites        hcx_location (lat/long; 0,0 = unset), vmc_sddc.region (EU_CENTRAL_1 or eu-central-1),
//                azurerm_* location ("West Europe" = westeurope), google_* region/zone/location (zone ->
//                region), aws provider/resource region, azapi location, ExpressRoute peering_location,
//                topology names; what cannot be placed gets `unresolved` (rule unresolved-location, info)
//   migrations   hcx_service_mesh service VMOTION / RAV (live), BULK_MIGRATION (cold), between the two
//                ends of its hcx_site_pairing (remote end via hcx_vmc.cloud_url -> vmc_sddc, or AVS
//                hcx_cloud_manager_endpoint, or another hcx provider's URL, or topology names)
//   segments     NETWORK_EXTENSION service and hcx_l2_extension (gateway at the source unless mon = true);
//                nsxt_policy_segment on a gateway with locale_service at several NSX sites
//   clusters     vsphere_compute_cluster.vsan_stretched_cluster, vmc_sddc MultiAZ, GCVE STRETCHED,
//                azapi AVS DualZone (all kind vsan-stretched)
// Provider source addresses: old and new (hashicorp/vsphere + vmware/vsphere, adeleporte/hcx + vmware/hcx);
// a local name bound to another source is not read.
import type { LintOptions, LintResult } from './lint';
import { evaluateDesign, finish, sizeCapFinding } from './lint';
import type { Design, Finding } from './design';
import { defaultConfig } from './config';
import { forgetHclFile, hclComments, hclReady, initHcl, parseHcl, type HclFile } from './parse/terraform/hcl';
import { parseTerraformJson } from './parse/terraform/json';
import { buildModule, type Module, type ModuleCall, type Resource } from './parse/terraform/module';
import type { Range } from './parse/terraform/ast';
import { Evaluator, type ModuleLoader } from './parse/terraform/eval';
import { extractDesign } from './parse/terraform/extract';
import { planModule } from './parse/terraform/plan';
import { isJsonSyntax, isModuleFile, isTerraformConfigFile } from './files';

export interface TerraformFile {
  file: string;
  text: string;
}

export interface TerraformOptions extends LintOptions {
  /** an optional topology design of the workspace that maps names (vCenter, datacenter, tags) to sites */
  topology?: Design;
  /** `*.tfvars` files (file keys as passed) to apply after the automatic ones, like `-var-file`, in order */
  varFiles?: string[];
  /** variable values, like `-var name=value`; they win over every file */
  vars?: Record<string, string | number | boolean>;
  /**
   * The files of local child modules, by folder key: `moduleDir(callerFile, source)` of each
   * `module { source = "./..." }` call (collectModuleTree builds it with the caller's file reader).
   * A call whose folder is not here is one `unresolved-location` info naming it.
   */
  modules?: Record<string, TerraformFile[]>;
  /**
   * Where `terraform init` put the modules that are not local (registry, git): module key (`dns`,
   * `mesh.l2`, as in `.terraform/modules/modules.json`) -> folder key, whose files are in `modules`.
   * See `parseModuleManifest`.
   */
  moduleManifest?: Record<string, string>;
}

/**
 * `.terraform/modules/modules.json` (written by `terraform init`) -> module key -> folder key: each
 * `Dir` (relative to the root module folder) joined to `rootDir` (a path or URI of the root folder, no
 * trailing separator). Not JSON, or not the manifest: empty.
 */
export function parseModuleManifest(text: string, rootDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return out;
  }
  const list = (v as { Modules?: unknown } | null)?.Modules;
  if (!Array.isArray(list)) return out;
  for (const m of list as Array<{ Key?: unknown; Dir?: unknown }>) {
    if (typeof m?.Key !== 'string' || m.Key === '' || typeof m.Dir !== 'string') continue;
    const dir = moduleDir(`${rootDir}/x`, /^\.\.?[\\/]/.test(m.Dir) ? m.Dir : `./${m.Dir}`);
    if (dir) out[m.Key] = dir;
  }
  return out;
}

/** `module.a["x"].module.b.` + `c` -> `a.b.c`, the key of a module in Terraform's manifest. */
function moduleKey(prefix: string, name: string): string {
  return [...[...prefix.matchAll(/module\.([\w-]+)/g)].map((x) => x[1]!), name].join('.');
}

/** Loads the tree-sitter runtime and HCL grammar from `wasmDir` (the folder of the bundle). Idempotent. */
export async function initTerraform(wasmDir: string): Promise<void> {
  await initHcl(wasmDir);
}

/** A file of a Terraform module: `.tf`, `.tf.json`, `.tfvars`, `.tfvars.json` (core/files.ts). */
export function isTerraformFile(file: string): boolean {
  return isModuleFile(file);
}

/** Frees the cached parse tree of a file. */
export function forgetTerraformFile(file: string): void {
  forgetHclFile(file);
}

/** A local module source (`./x`, `../x`) resolved against the folder of the calling file's key (a path or a URI); else undefined. */
export function moduleDir(callerFile: string, source: string): string | undefined {
  if (!/^\.\.?(\/|\\|$)/.test(source)) return undefined;
  const auth = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(callerFile)?.[0] ?? '';
  const rest = callerFile.slice(auth.length);
  const sep = rest.includes('/') ? '/' : rest.includes('\\') ? '\\' : '/';
  const parts = rest.split(/[\\/]/);
  parts.pop(); // the file name
  for (const seg of source.split(/[\\/]/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length > 1) parts.pop();
    } else parts.push(seg);
  }
  return auth + parts.join(sep);
}

/** The folder keys of the local modules these files call (`./modules/x` resolved), in order. */
export function localModuleDirs(files: TerraformFile[]): string[] {
  if (!hclReady()) return [];
  const out: string[] = [];
  for (const f of files) {
    if (!isTerraformConfigFile(f.file)) continue;
    let p: HclFile;
    try {
      p = parseFile(f.file, f.text);
    } catch {
      continue;
    }
    for (const b of p.body.blocks) {
      if (b.type !== 'module') continue;
      const src = b.body.attributes.find((a) => a.name === 'source');
      const v =
        src?.expr.k === 'lit'
          ? src.expr.value
          : src?.expr.k === 'template' && src.expr.parts.every((x) => typeof x === 'string')
            ? src.expr.parts.join('')
            : undefined;
      const dir = typeof v === 'string' ? moduleDir(f.file, v) : undefined;
      if (dir && !out.includes(dir)) out.push(dir);
    }
  }
  return out;
}

/**
 * The files of every local module the root module calls, nested modules too: `read(dirKey)` returns a
 * folder's module files (`.tf`, `.tf.json`; undefined when it is not there). The core does no IO; the CLI
 * and the server pass their own readers; `manifest` (parseModuleManifest) adds the folders `terraform init`
 * downloaded registry and git modules to. At most 64 folders.
 */
export function collectModuleTree(
  rootFiles: TerraformFile[],
  read: (dir: string) => TerraformFile[] | undefined,
  manifest: Record<string, string> = {},
): Record<string, TerraformFile[]> {
  const out: Record<string, TerraformFile[]> = {};
  const queue = [...localModuleDirs(rootFiles), ...Object.values(manifest)];
  const seen = new Set<string>();
  while (queue.length > 0 && seen.size < 64) {
    const dir = queue.shift()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const files = read(dir);
    if (!files || files.length === 0) continue;
    out[dir] = files;
    for (const d of localModuleDirs(files)) if (!seen.has(d)) queue.push(d);
  }
  return out;
}

function parseFile(file: string, text: string): HclFile {
  return isJsonSyntax(file) ? parseTerraformJson(file, text) : parseHcl(file, text);
}

function internalFinding(file: string, e: unknown): Finding {
  return {
    ruleId: 'internal',
    severity: 'error',
    message: `Reading the Terraform module failed: ${(e as Error).message}. Please report this.`,
    loc: { file, start: 0, end: 0 },
    data: {},
    related: [],
    fixes: [],
  };
}

export function lintTerraformModule(files: TerraformFile[], options: TerraformOptions = {}): LintResult {
  const tf = files.filter((f) => isTerraformFile(f.file));
  if (tf.length === 0) return { findings: [], designs: [], rows: [] };
  if (!hclReady()) {
    const f = tf[0]!;
    return {
      findings: [
        {
          ruleId: 'syntax',
          severity: 'error',
          message: 'Terraform support is not initialised (initTerraform has not completed); the file is not analysed.',
          loc: { file: f.file, start: 0, end: 0 },
          data: {},
          related: [],
          fixes: [],
        },
      ],
      designs: [],
      rows: [],
    };
  }
  const cap = (options.config ?? defaultConfig()).maxFileBytes;
  const findings: Finding[] = [];
  const texts = new Map<string, string>();
  const parseAll = (list: TerraformFile[]): HclFile[] => {
    const parsed: HclFile[] = [];
    for (const f of list) {
      if (!isTerraformFile(f.file)) continue;
      texts.set(f.file, f.text);
      if (f.text.length > cap) {
        findings.push(sizeCapFinding(f.file, f.text.length, cap));
        continue;
      }
      try {
        const p = parseFile(f.file, f.text);
        parsed.push(p);
        for (const x of p.findings) findings.push(x);
      } catch (e) {
        findings.push({
          ruleId: 'syntax',
          severity: 'error',
          message: `The ${isJsonSyntax(f.file) ? 'JSON' : 'HCL'} parser failed on this file: ${(e as Error).message}`,
          loc: { file: f.file, start: 0, end: 0 },
          data: {},
          related: [],
          fixes: [],
        });
      }
    }
    return parsed;
  };
  const parsed = parseAll(tf);
  /** modules `terraform init` fetched (registry, git), by folder key: the call that brought each in */
  const fetchedCalls = new Map<string, ModuleCall>();
  const designFile = tf.find((f) => isTerraformConfigFile(f.file))?.file ?? tf[0]!.file;
  let design: Design;
  let resources: Resource[] = [];
  try {
    const module = buildModule(parsed, options.varFiles ? { varFiles: options.varFiles } : {});
    const children = new Map<string, Module | undefined>();
    const loader: ModuleLoader = (call, from) => {
      const local = call.source === undefined ? undefined : moduleDir(call.file, call.source);
      const dir = local ?? options.moduleManifest?.[moduleKey(from.prefix, call.name)];
      if (dir === undefined || !options.modules?.[dir]) return undefined;
      // fetched: found through the manifest, or a local path inside a fetched module (`./modules/x` of a registry module)
      if ((local === undefined || FETCHED_DIR.test(dir)) && !fetchedCalls.has(dir)) fetchedCalls.set(dir, call);
      if (!children.has(dir)) children.set(dir, buildModule(parseAll(options.modules[dir]!), { child: true }));
      const m = children.get(dir);
      return m ? { module: m, dir } : undefined;
    };
    const ev = new Evaluator(module, options.vars ?? {}, loader);
    const expanded = ev.expandAll();
    resources = expanded.resources;
    // The extractor sees one module: every instance of the tree, the root's providers, every declared source.
    const flat: Module = { ...module, resources: new Map(), byType: new Map(), sources: new Map(module.sources) };
    for (const r of resources) {
      if (flat.resources.has(r.addr)) continue;
      flat.resources.set(r.addr, r);
      const list = flat.byType.get(r.type) ?? [];
      list.push(r);
      flat.byType.set(r.type, list);
    }
    for (const m of children.values()) if (m) for (const [k, v] of m.sources) if (!flat.sources.has(k)) flat.sources.set(k, v);
    for (const miss of expanded.missing) findings.push(missingModule(miss.call, miss.prefix, miss.reason));
    design = extractDesign(flat, ev, texts, designFile, options.topology, options.config?.placement);
  } catch (e) {
    // A bug here must not take the editor down: say so where the user sees it.
    findings.push(internalFinding(designFile, e));
    return { findings: finish(findings, texts, options, hclComments), designs: [], rows: [] };
  }
  const evaluated = evaluateDesign(design, options);
  for (const x of evaluated.findings) findings.push(x); // no spread: see lintTopology
  addAddresses(findings, resources);
  const located = fetchedCalls.size > 0 ? atModuleCalls(findings, fetchedCalls, options.modules ?? {}) : findings;
  return { findings: finish(located, texts, options, hclComments), designs: [design], rows: evaluated.rows };
}

/** A folder key inside `.terraform/` (where `terraform init` puts the modules it fetches). */
const FETCHED_DIR = /(^|[\\/])\.terraform([\\/]|$)/;

/**
 * Findings located in a module `terraform init` fetched (under `.terraform/modules`: code the user does not
 * edit, and which no editor opens) are located at the `source` of the call that brought the module in,
 * the call's own module likewise up to the user's files; where the finding was in the module becomes the
 * first related location. Fixes that would edit the fetched module are dropped (`terraform init` writes
 * it again). CLI and editor alike: the editor shows a finding in the file it is located in only.
 */
function atModuleCalls(findings: Finding[], calls: ReadonlyMap<string, ModuleCall>, modules: Record<string, TerraformFile[]>): Finding[] {
  const callOfFile = new Map<string, ModuleCall>();
  for (const [dir, call] of calls) for (const f of modules[dir] ?? []) callOfFile.set(f.file, call);
  return findings.map((f) => {
    let call = callOfFile.get(f.loc.file);
    if (!call) return f;
    const related: Finding['related'] = [];
    let loc = f.loc;
    // a fetched module that calls another: up the chain (bounded: a manifest cannot make a cycle of calls, but a hand-written one could)
    for (let hops = 0; call && hops < 16; hops++) {
      related.push({ loc, message: `in module ${call.name}${call.source !== undefined ? ` (${call.source})` : ''}, as terraform init fetched it` });
      const src = call.block.body.attributes.find((a) => a.name === 'source');
      const at: Range = src?.range ?? call.block.header;
      loc = { file: at.file ?? call.file, start: at.start, end: at.end };
      call = callOfFile.get(loc.file);
    }
    const fetched = (file: string) => callOfFile.has(file);
    return {
      ...f,
      loc,
      related: [...related, ...f.related],
      fixes: f.fixes.filter((x) => !x.edits.some((e) => fetched(e.file))),
    };
  });
}

function missingModule(call: ModuleCall, prefix: string, reason: string): Finding {
  const src = call.block.body.attributes.find((a) => a.name === 'source');
  const at: Range = src?.range ?? call.block.header;
  return {
    ruleId: 'unresolved-location',
    severity: 'info',
    message: `Module ${prefix}module.${call.name} is not linted: ${reason}. Its resources are not checked; lint a folder that holds the module's files, or the output of \`terraform show -json\` (every module resolved).`,
    loc: { file: at.file ?? call.file, start: at.start, end: at.end },
    data: { module: `${prefix}module.${call.name}`, ...(call.source !== undefined ? { source: call.source } : {}) },
    related: [],
    fixes: [],
  };
}

/**
 * `data.address`: the resource instance a finding is about (the one whose block holds it; among the
 * instances of one block, the one its message or its element's name names). A finding on an instance of
 * `count`/`for_each` names the instance first when the message does not already.
 */
export function addAddresses(findings: Finding[], resources: Resource[]): void {
  // Where each instance is written: its block, and what an override file merged into it.
  const byFile = new Map<string, Array<{ r: Resource; start: number; end: number }>>();
  const add = (r: Resource, file: string, range: { start: number; end: number }) => {
    const list = byFile.get(file) ?? [];
    list.push({ r, start: range.start, end: range.end });
    byFile.set(file, list);
  };
  for (const r of resources) {
    add(r, r.block.range.file ?? r.file, r.block.range);
    for (const x of [...r.block.body.attributes, ...r.block.body.blocks]) if (x.range.file && x.range.file !== r.file) add(r, x.range.file, x.range);
  }
  for (const x of findings) {
    if (x.data['address'] !== undefined) continue;
    const holders = (byFile.get(x.loc.file) ?? []).filter((h) => h.start <= x.loc.start && x.loc.end <= h.end).map((h) => h.r);
    if (holders.length === 0) continue;
    const names = ['migration', 'segment', 'cluster', 'replication', 'site'].map((k) => x.data[k]).filter((v): v is string => typeof v === 'string');
    const hay = [x.message, ...names].join('\n');
    const named = holders.filter((r) => hay.includes(r.addr)).sort((a, b) => b.addr.length - a.addr.length)[0];
    const r = named ?? holders[0]!;
    x.data['address'] = r.addr;
    if (r.key !== undefined && !x.message.includes(r.addr)) x.message = `${r.addr}: ${x.message}`;
  }
}

export interface PlanOptions extends TerraformOptions {
  /** the `.tf` / `.tf.json` files beside the plan: findings point at their lines instead of the plan JSON */
  configuration?: TerraformFile[];
}

/**
 * Lints `terraform show -json PLANFILE` output (core/files.ts `isPlanJson` detects it): every value as
 * Terraform resolved it, every module and instance expanded. Findings carry `data.address`; with the
 * configuration beside the plan (`options.configuration`, `options.modules`), they point at the `.tf`
 * lines, else at the resource in the plan. Sync; never throws.
 */
export function lintTerraformPlan(plan: TerraformFile, options: PlanOptions = {}): LintResult {
  const texts = new Map<string, string>([[plan.file, plan.text]]);
  const findings: Finding[] = [];
  const cap = (options.config ?? defaultConfig()).maxFileBytes * 8; // plans are verbose JSON
  if (plan.text.length > cap)
    return { findings: finish([sizeCapFinding(plan.file, plan.text.length, cap)], texts, options, hclComments), designs: [], rows: [] };
  const fail = (message: string): LintResult => ({
    findings: finish(
      [{ ruleId: 'syntax', severity: 'error', message, loc: { file: plan.file, start: 0, end: 0 }, data: {}, related: [], fixes: [] }],
      texts,
      options,
      hclComments,
    ),
    designs: [],
    rows: [],
  });
  if (!hclReady()) return fail('Terraform support is not initialised (initTerraform has not completed); the plan is not analysed.');
  let design: Design;
  let resources: Resource[] = [];
  try {
    // The configuration beside the plan, per module address, to point at .tf lines.
    const parse = (list: TerraformFile[] | undefined): HclFile[] =>
      (list ?? [])
        .filter((f) => isTerraformConfigFile(f.file) && f.text.length <= cap)
        .map((f) => {
          texts.set(f.file, f.text);
          try {
            return parseFile(f.file, f.text);
          } catch {
            return undefined;
          }
        })
        .filter((x): x is HclFile => !!x);
    const root = parse(options.configuration);
    const modules = new Map<string, HclFile[]>();
    if (root.length > 0) {
      let cfg: unknown;
      try {
        cfg = (JSON.parse(plan.text) as { configuration?: unknown }).configuration;
      } catch {
        cfg = undefined;
      }
      const visit = (mod: unknown, path: string, files: HclFile[], depth: number) => {
        const calls = (mod as { module_calls?: Record<string, { source?: unknown; module?: unknown }> } | undefined)?.module_calls;
        if (!calls || typeof calls !== 'object' || depth > 16) return;
        for (const [name, call] of Object.entries(calls)) {
          const src = typeof call?.source === 'string' ? call.source : undefined;
          const from = files[0]?.file;
          const dir = src && from ? moduleDir(from, src) : undefined;
          const child = dir ? parse(options.modules?.[dir]) : [];
          const p = `${path ? `${path}.` : ''}module.${name}`;
          if (child.length) modules.set(p, child);
          visit(call?.module, p, child, depth + 1);
        }
      };
      visit((cfg as { root_module?: unknown } | undefined)?.root_module, '', root, 0);
    }
    const built = planModule({ file: plan.file, text: plan.text, configuration: { root, modules } });
    if ('error' in built) return fail(`Not a Terraform plan: ${built.error}.`);
    resources = built.resources;
    const file = root[0]?.file ?? plan.file;
    design = extractDesign(built.module, new Evaluator(built.module), texts, file, options.topology, options.config?.placement);
  } catch (e) {
    findings.push(internalFinding(plan.file, e));
    return { findings: finish(findings, texts, options, hclComments), designs: [], rows: [] };
  }
  const evaluated = evaluateDesign(design, options);
  for (const x of evaluated.findings) findings.push(x);
  addAddresses(findings, resources);
  return { findings: finish(findings, texts, options, hclComments), designs: [design], rows: evaluated.rows };
}
