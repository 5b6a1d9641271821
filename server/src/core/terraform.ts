// Terraform entry point of the core. STUB: replaced by the Terraform work (issue 4).
// Contract: all `.tf` (and `*.tfvars`) files of one module folder in, findings for each file out.
import type { LintOptions, LintResult } from './lint';
import type { Design } from './design';

export interface TerraformFile {
  file: string;
  text: string;
}

export interface TerraformOptions extends LintOptions {
  /** an optional topology design of the workspace that maps names (vCenter, datacenter, tags) to sites */
  topology?: Design;
}

/** Loads the tree-sitter runtime and HCL grammar from `wasmDir` (the folder of the bundle). Idempotent. */
export async function initTerraform(_wasmDir: string): Promise<void> {}

export function lintTerraformModule(_files: TerraformFile[], _options: TerraformOptions = {}): LintResult {
  return { findings: [], designs: [] };
}
