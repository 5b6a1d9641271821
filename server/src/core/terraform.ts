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
// - `syntax` findings word tree-sitter's errors for HCL (missing `}`, unterminated string, block header
//   without `{`); every block that still parses gets its findings.
// - Before initTerraform has resolved, lintTerraformModule returns one `syntax` finding saying so.
//
// What becomes the Design (parse/terraform/providers/, one file per provider family listed in registry.ts;
// sources in shared/reference/terraform-providers.md):
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
import { checkDesign, finish, sizeCapFinding } from './lint';
import type { Design, Finding } from './design';
import { defaultConfig } from './config';
import { forgetHclFile, hclReady, initHcl, parseHcl, type HclFile } from './parse/terraform/hcl';
import { buildModule, isVarFile } from './parse/terraform/module';
import { Evaluator } from './parse/terraform/eval';
import { extractDesign } from './parse/terraform/extract';

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
}

/** Loads the tree-sitter runtime and HCL grammar from `wasmDir` (the folder of the bundle). Idempotent. */
export async function initTerraform(wasmDir: string): Promise<void> {
  await initHcl(wasmDir);
}

export function isTerraformFile(file: string): boolean {
  return /\.tf$/i.test(file) || isVarFile(file);
}

/** Frees the cached parse tree of a file. */
export function forgetTerraformFile(file: string): void {
  forgetHclFile(file);
}

export function lintTerraformModule(files: TerraformFile[], options: TerraformOptions = {}): LintResult {
  const tf = files.filter((f) => isTerraformFile(f.file));
  if (tf.length === 0) return { findings: [], designs: [] };
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
    };
  }
  const cap = (options.config ?? defaultConfig()).maxFileBytes;
  const findings: Finding[] = [];
  const parsed: HclFile[] = [];
  const texts = new Map<string, string>();
  for (const f of tf) {
    texts.set(f.file, f.text);
    if (f.text.length > cap) {
      findings.push(sizeCapFinding(f.file, f.text.length, cap));
      continue;
    }
    try {
      const p = parseHcl(f.file, f.text);
      parsed.push(p);
      for (const x of p.findings) findings.push(x);
    } catch (e) {
      findings.push({
        ruleId: 'syntax',
        severity: 'error',
        message: `The HCL parser failed on this file: ${(e as Error).message}`,
        loc: { file: f.file, start: 0, end: 0 },
        data: {},
        related: [],
        fixes: [],
      });
    }
  }
  const designFile = tf.find((f) => /\.tf$/i.test(f.file))?.file ?? tf[0]!.file;
  let design: Design;
  try {
    const module = buildModule(parsed, options.varFiles ? { varFiles: options.varFiles } : {});
    design = extractDesign(module, new Evaluator(module, options.vars ?? {}), texts, designFile, options.topology);
  } catch (e) {
    // A bug here must not take the editor down: say so where the user sees it.
    findings.push({
      ruleId: 'internal',
      severity: 'error',
      message: `Reading the Terraform module failed: ${(e as Error).message}. Please report this.`,
      loc: { file: designFile, start: 0, end: 0 },
      data: {},
      related: [],
      fixes: [],
    });
    return { findings: finish(findings, texts, options), designs: [] };
  }
  for (const x of checkDesign(design, options)) findings.push(x); // no spread: see lintTopology
  return { findings: finish(findings, texts, options), designs: [design] };
}
