// The CLI's lint run: discover files, load configuration, run the core, collect reports.
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  dedupeFindings,
  defaultConfig,
  initTerraform,
  isVarFile,
  lintTerraformModule,
  lintTerraformPlan,
  lintTopology,
  parseTopology,
  type Config,
  type Design,
  type Finding,
  type Level,
  type LimitRow,
} from '../core';
import { discover, findConfig, loadConfigFile, loadTerraformModule, readText } from './files';
import type { FileReport } from './formatters/types';
import { toReports } from './report';
import { LineIndex } from '../core';

export interface LintRun {
  reports: FileReport[];
  configErrors: string[];
  missing: string[];
  /** every design read (topology files, then Terraform modules), with the configuration that applied and its findings; empty unless `keepDesigns` */
  designs: Array<{ design: Design; config: Config; findings: Finding[]; rows: LimitRow[] }>;
}

export interface RunOptions {
  configFile?: string | undefined;
  ruleOverrides: Record<string, Level>;
  inlineSuppressions: boolean;
  /** keep every design in `LintRun.designs` (`map` draws them); a lint run keeps none, so a large run holds only its reports */
  keepDesigns?: boolean;
}

export async function lintFiles(paths: string[], opts: RunOptions): Promise<LintRun> {
  const configErrors: string[] = [];
  // The nearest configuration of each folder, looked up once per folder (not once per file).
  const configPaths = new Map<string, string | undefined>();
  const nearestConfig = (file: string): string | undefined => {
    const dir = dirname(resolve(file));
    if (!configPaths.has(dir)) configPaths.set(dir, findConfig(file));
    return configPaths.get(dir);
  };
  const configFor = (file: string): Config => {
    const path = opts.configFile ?? nearestConfig(file);
    if (!path) return defaultConfig();
    let loaded;
    try {
      loaded = loadConfigFile(path);
    } catch (e) {
      configErrors.push(`${path}: cannot read configuration: ${(e as Error).message}`);
      return defaultConfig();
    }
    const errors = loaded.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      const idx = new LineIndex(readText(path));
      for (const f of errors) {
        const p = idx.position(f.loc.start);
        const line = `${path}:${p.line + 1}:${p.character + 1}: ${f.message}`;
        if (!configErrors.includes(line)) configErrors.push(line);
      }
    }
    return loaded.config ?? defaultConfig();
  };
  const rootConfig = opts.configFile ? configFor(resolve(opts.configFile)) : undefined;
  const found = discover(paths, rootConfig?.files ?? configFor(resolve(paths[0] ?? '.', 'x')).files);
  const texts = new Map<string, string>();
  const findings: Finding[] = [];
  const files: string[] = [];
  const designs: LintRun['designs'] = [];
  const reports: FileReport[] = [];
  // A topology beside a Terraform module names its sites (vCenters, datacenters, host-name tokens), and
  // findings of a module may point into it. Without Terraform, topology files are reported as they are
  // linted (their findings point into their own text), so neither texts nor findings pile up in a large run.
  const topologyByDir = new Map<string, Design>();
  const needTopology = found.terraform.size > 0 || found.plans.length > 0;
  for (const file of found.topology) {
    const abs = resolve(file);
    const text = readText(abs);
    const config = configFor(abs);
    const result = lintTopology(abs, text, { config, ruleOverrides: opts.ruleOverrides, inlineSuppressions: opts.inlineSuppressions });
    if (!needTopology && result.findings.every((f) => f.loc.file === abs && f.related.every((r) => r.loc.file === abs))) {
      for (const r of toReports(result.findings, new Map([[abs, text]]), [abs])) reports.push(r);
    } else {
      texts.set(abs, text);
      files.push(abs);
      // Loops, not push(...spread): a file can have more findings than a call can take arguments.
      for (const f of result.findings) findings.push(f);
    }
    if (opts.keepDesigns) for (const design of result.designs) designs.push({ design, config, findings: result.findings, rows: result.rows });
    if (needTopology && result.designs[0] && !topologyByDir.has(dirname(abs))) topologyByDir.set(dirname(abs), result.designs[0]);
  }
  if (found.terraform.size > 0 || found.plans.length > 0) {
    await initTerraform(__dirname);
    // Every folder with module files is a root module, except those another root calls as a local
    // module: their resources are linted in the caller's context (with its arguments), not alone.
    const roots = new Map<string, ReturnType<typeof loadTerraformModule>>();
    for (const dir of found.terraform.keys()) roots.set(resolve(dir), loadTerraformModule(resolve(dir)));
    const called = new Set<string>();
    for (const [dir, m] of roots) for (const child of Object.keys(m.modules)) if (child !== dir) called.add(child);
    // A plan beside its configuration is the better input (every value resolved): the folder is linted once, through the plan.
    const planDirs = new Set(found.plans.map((p) => dirname(resolve(p))));
    for (const [dir, { files: tfFiles, modules, moduleManifest }] of roots) {
      if (called.has(dir) || planDirs.has(dir)) continue;
      for (const f of [...tfFiles, ...Object.values(modules).flat()]) {
        texts.set(f.file, f.text);
        if (!isVarFile(f.file) && !files.includes(f.file)) files.push(f.file);
      }
      const config = configFor(resolve(dir, 'main.tf'));
      const topology = topologyByDir.get(dir) ?? siblingTopology(dir);
      const options = {
        config,
        ruleOverrides: opts.ruleOverrides,
        inlineSuppressions: opts.inlineSuppressions,
        modules,
        moduleManifest,
        ...(topology ? { topology } : {}),
      };
      const result = lintTerraformModule(tfFiles, options);
      for (const f of result.findings) findings.push(f);
      if (opts.keepDesigns) for (const design of result.designs) designs.push({ design, config, findings: result.findings, rows: result.rows });
    }
    for (const plan of found.plans) {
      const abs = resolve(plan);
      const text = readText(abs);
      texts.set(abs, text);
      files.push(abs);
      // The configuration beside the plan (if any) locates findings at their .tf lines.
      const { files: tfFiles, modules } = loadTerraformModule(dirname(abs));
      for (const f of [...tfFiles, ...Object.values(modules).flat()]) texts.set(f.file, f.text);
      const config = configFor(abs);
      const topology = topologyByDir.get(dirname(abs)) ?? siblingTopology(dirname(abs));
      const options = { config, ruleOverrides: opts.ruleOverrides, inlineSuppressions: opts.inlineSuppressions, ...(topology ? { topology } : {}) };
      const result = lintTerraformPlan({ file: abs, text }, { ...options, configuration: tfFiles, modules });
      for (const f of result.findings) {
        findings.push(f);
        if (!files.includes(f.loc.file) && texts.has(f.loc.file)) files.push(f.loc.file);
      }
      if (opts.keepDesigns) for (const design of result.designs) designs.push({ design, config, findings: result.findings, rows: result.rows });
    }
  }
  // a module linted in the context of each root that calls it: a finding they share is said once
  for (const r of toReports(dedupeFindings(findings), texts, files)) reports.push(r);
  reports.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { reports, configErrors, missing: found.missing, designs };
}

/** A `*.dci.yaml` in the module's folder that was not among the linted paths (the server does the same). */
export function siblingTopology(dir: string): Design | undefined {
  for (const name of readdirSync(dir).sort()) {
    if (!/\.dci\.ya?ml$/i.test(name)) continue;
    const design = parseTopology(readText(join(dir, name)), join(dir, name)).designs[0];
    if (design) return design;
  }
  return undefined;
}
