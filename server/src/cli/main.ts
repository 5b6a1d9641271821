// `dci-lint`: the same core as the language server, for CI pipelines. See spec/cli.md.
// Exit codes as ESLint: 0 clean, 1 findings at or above --fail-on (or over --max-warnings), 2 usage/config error or crash.

import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { LEVELS, RULES_BY_ID, SEVERITY_RANK, type Level, type Severity } from '../core';
import { lintFiles, type LintRun } from './lint';
import { formatJson } from './formatters/json';
import { formatStylish } from './formatters/stylish';
import { formatSarif } from './formatters/sarif';
import { formatGithub } from './formatters/github';
import { runRtt } from './rtt';
import { runMatrix, runMatrixWorker } from './matrix';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runMap } from './map';
import { runRules } from './rules';
import { VERSION } from './version';

import { UsageError } from './errors';

const HELP = `dci-lint ${VERSION}: check multi-site designs against physics and vendor limits

Usage:
  dci-lint [paths...]            files or folders (searched for *.tf and topology YAML)
    --format stylish|json|sarif|github   output format (default stylish)
    --config FILE                configuration (default: nearest .dci-lint.yaml upward)
    --max-warnings N             exit 1 if more warnings than N
    --fail-on error|warning|info lowest severity that fails the run (default error)
    --rule ID=off|info|warning|error   override a rule (repeatable)
    --no-inline-suppressions     ignore dci-lint-ignore comments
    --quiet                      report errors only
  dci-lint rtt A B [--json]      A, B: "lat,lon", provider:region, a place ("Frankfurt am Main, DE") or an IATA code
  dci-lint matrix FILE|FOLDER [--format table|json|csv]
  dci-lint map FILE|FOLDER [-o map.svg] [--width PX] [--height PX]
                                 the design on a world map, judged pairs coloured by verdict
  dci-lint rules [--json]
  dci-lint --help | --version

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or configuration error.`;

async function main(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'rtt') return runRtt(rest);
  if (sub === 'matrix') return runMatrix(rest);
  if (sub === 'map') return runMap(rest);
  if (sub === 'rules') return runRules(rest);
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'stylish' },
      config: { type: 'string' },
      'max-warnings': { type: 'string' },
      'fail-on': { type: 'string', default: 'error' },
      rule: { type: 'string', multiple: true },
      'no-inline-suppressions': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  if (values.help) return (print(HELP), 0);
  if (values.version) return (print(VERSION), 0);
  const format = values.format!;
  if (!['stylish', 'json', 'sarif', 'github'].includes(format)) throw new UsageError(`Unknown --format ${format}: use stylish, json, sarif or github.`);
  const failOn = values['fail-on']!;
  if (!['error', 'warning', 'info'].includes(failOn)) throw new UsageError(`Unknown --fail-on ${failOn}: use error, warning or info.`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings needs a whole number, got ${values['max-warnings']}.`);
  }
  const ruleOverrides: Record<string, Level> = {};
  for (const spec of values.rule ?? []) {
    const m = /^([a-z0-9-]+)=([a-z]+)$/.exec(spec);
    if (!m || !(LEVELS as readonly string[]).includes(m[2]!)) throw new UsageError(`--rule takes ID=off|info|warning|error, got ${spec}.`);
    if (!RULES_BY_ID.has(m[1]!)) throw new UsageError(`Unknown rule ${m[1]} in --rule (see \`dci-lint rules\`).`);
    ruleOverrides[m[1]!] = m[2] as Level;
  }

  const run: LintRun = await lintFiles(positionals.length ? positionals : ['.'], {
    configFile: values.config,
    ruleOverrides,
    inlineSuppressions: !values['no-inline-suppressions'],
  });
  if (run.configErrors.length > 0) {
    for (const e of run.configErrors) process.stderr.write(`${e}\n`);
    return 2;
  }
  if (run.missing.length > 0) throw new UsageError(`No such file or folder: ${run.missing.join(', ')}`);
  if (run.reports.length === 0)
    throw new UsageError(`No topology (*.dci.yaml, or YAML with \`dci: 1\`) or Terraform files found in ${positionals.join(' ') || '.'}.`);

  // Every path in the output is relative to the working directory, related locations too: absolute
  // paths are not portable between runners and leak the runner's folders.
  const rel = (file: string) => relative(process.cwd(), file).replace(/\\/g, '/') || file;
  let reports = run.reports.map((r) => ({
    ...r,
    file: rel(r.file),
    findings: r.findings.map((f) => (f.related.length > 0 ? { ...f, related: f.related.map((x) => ({ ...x, file: rel(x.file) })) } : f)),
  }));
  if (values.quiet) reports = reports.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error'), warningCount: 0, infoCount: 0 }));
  const text =
    format === 'json'
      ? formatJson(reports)
      : format === 'sarif'
        ? formatSarif(reports, VERSION)
        : format === 'github'
          ? formatGithub(reports)
          : formatStylish(reports);
  if (text) print(text);

  const active = reports.flatMap((r) => r.findings.filter((f) => !f.suppressed));
  const failing = active.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn as Severity]);
  const warnings = active.filter((f) => f.severity === 'warning').length;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    process.stderr.write(`dci-lint found too many warnings (maximum: ${maxWarnings}).\n`);
    return 1;
  }
  return failing ? 1 : 0;
}

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

const matrixWorker = !isMainThread && (workerData as { dciLintMatrix?: boolean } | undefined)?.dciLintMatrix === true;
// The same bundle runs the worker threads of `matrix`.
if (matrixWorker) runMatrixWorker(parentPort!);
else
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
        process.stderr.write(`dci-lint: ${(e as Error).message}\nRun \`dci-lint --help\` for usage.\n`);
      } else {
        process.stderr.write(`dci-lint crashed: ${(e as Error).stack ?? String(e)}\nPlease report this with the input that caused it.\n`);
      }
      process.exitCode = 2;
    },
  );
