// Runs the rules over designs, applies configuration (severity, thresholds) and suppressions.

import type { Design, Finding, Severity, Site } from './design';
import { applyPlacementConfig } from './placement';
import { defaultConfig, type Config, type Level } from './config';
import { isTopologyFile, MAX_NESTING, parseTopology, sameNesting, tooDeepAt } from './parse/yaml';
import { parseTopologyIncremental, WHOLE_PARSE_MIN_CHARS, type TopologyCache } from './parse/incremental';
import { resolveAssumptions, RttModel } from './rtt';
import { RULES, RULES_BY_ID } from './rules';
import type { LimitRow, OptionValue, Report, RuleContext } from './rules/types';
import { markSuppressed, yamlComments, type CommentRange } from './suppress';
import { throwIfCancelled } from './cancel';

export interface LintOptions {
  config?: Config;
  /** --rule ID=level, applied over the configuration */
  ruleOverrides?: Record<string, Level>;
  /** false: suppression comments are ignored (--no-inline-suppressions) */
  inlineSuppressions?: boolean;
  /** One per open document in an editor: the next version re-parses only the entries that changed. */
  cache?: TopologyCache;
  /**
   * Polled after the parse, between parse entries (an incremental parse) and between rules: true stops the
   * analysis with AnalysisCancelled (core/cancel.ts): a newer version of the document was typed. The
   * language server's analysis worker passes a flag in shared memory; the CLI passes nothing.
   */
  isCancelled?: () => boolean;
}

export interface LintResult {
  findings: Finding[];
  designs: Design[];
  /** every pair the rules judged against a limit (LimitRow): hovers and inlay hints print these */
  rows: LimitRow[];
}

function levelOf(ruleId: string, options: LintOptions): Level | undefined {
  return options.ruleOverrides?.[ruleId] ?? options.config?.rules[ruleId]?.severity;
}

/**
 * A configured level replaces the severity, as in ESLint: `vmotion-rtt: warning` makes every vmotion-rtt
 * finding a warning. Without one, the rule's own severity stands (from physics, for graded rules).
 */
export function applyLevel(natural: Severity, level: Level | undefined): Severity | undefined {
  if (level === 'off') return undefined;
  return level ?? natural;
}

export function ruleOptions(ruleId: string, config: Config | undefined): Record<string, OptionValue> {
  const rule = RULES_BY_ID.get(ruleId);
  const out: Record<string, OptionValue> = {};
  if (!rule) return out;
  for (const [k, o] of Object.entries(rule.meta.options)) out[k] = o.default;
  Object.assign(out, config?.rules[ruleId]?.options ?? {});
  return out;
}

/** Runs every enabled rule on one design. */
export function checkDesign(design: Design, options: LintOptions = {}, rtt?: RttModel): Finding[] {
  return evaluateDesign(design, options, rtt).findings;
}

/** Runs every enabled rule on one design: its findings, and the rows (pair, limit, verdict) the rules judged. */
export function evaluateDesign(design: Design, options: LintOptions = {}, rtt?: RttModel): { findings: Finding[]; rows: LimitRow[] } {
  const findings: Finding[] = [];
  const rows: LimitRow[] = [];
  const model = rtt ?? new RttModel(design, resolveAssumptions(design, options.config?.assumptions));
  const inferred = inferredSites(design);
  for (const rule of RULES) {
    const id = rule.meta.id;
    if (levelOf(id, options) === 'off') continue;
    throwIfCancelled(options.isCancelled);
    const ctx: RuleContext = {
      ruleId: id,
      design,
      rtt: model,
      options: ruleOptions(id, options.config),
      site: (ref) => design.sites.get(typeof ref === 'string' ? ref : ref.id),
      pair: (a, b) => model.pair(a, b),
      row: (r) => {
        // A pair with a site placed from its name is at most a warning, as its findings are (capInferred).
        const capped = r.verdict === 'error' && (inferred.has(r.from) || inferred.has(r.to));
        rows.push({ ...r, ruleId: id, verdict: capped ? 'warning' : r.verdict });
      },
      report: (r: Report) => {
        const f: Finding = {
          ruleId: id,
          severity: r.severity ?? rule.meta.defaultSeverity,
          message: r.message,
          loc: r.loc,
          data: r.data ?? {},
          related: r.related ?? [],
          fixes: r.fixes ?? [],
        };
        findings.push(inferred.size > 0 && f.severity === 'error' && !rule.meta.placementIndependent ? capInferred(f, inferred) : f);
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      // A rule bug must not take the others down; say so where the user sees it.
      findings.push({
        ruleId: 'internal',
        severity: 'error',
        message: `Rule ${id} failed: ${(e as Error).message}. Please report this.`,
        loc: { file: design.file, start: 0, end: 0 },
        data: {},
        related: [],
        fixes: [],
      });
    }
  }
  return { findings, rows };
}

/** Sites placed from a token of their id or name, by id. */
function inferredSites(design: Design): Map<string, Site> {
  const out = new Map<string, Site>();
  for (const site of design.sites.values()) if (site.placement?.inferred) out.set(site.id, site);
  return out;
}

/**
 * An error needs a placement the user stated: "no network can do this" is not said of a site DCI Lint
 * placed from its name. A finding depends on an inferred site when its data names the site (`site`,
 * `sites`, `path`, `activeSite`, ... any string or list of strings) or a related location is the site's
 * id; then it is at most a warning, and says why. Applies to every rule, present and future.
 */
function capInferred(f: Finding, inferred: ReadonlyMap<string, Site>): Finding {
  const hit = new Set<string>();
  for (const v of Object.values(f.data)) {
    if (typeof v === 'string' && inferred.has(v)) hit.add(v);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string' && inferred.has(x)) hit.add(x);
  }
  for (const rel of f.related)
    for (const site of inferred.values())
      if (rel.loc.file === site.idLoc.file && rel.loc.start === site.idLoc.start && rel.loc.end === site.idLoc.end) hit.add(site.id);
  if (hit.size === 0) return f;
  const ids = [...hit];
  const how = ids.map((id) => `\`${id}\` from \`${inferred.get(id)!.placement!.inferred!.token}\``).join(', ');
  return {
    ...f,
    severity: 'warning',
    message: `${f.message} (At most a warning: ${ids.length > 1 ? 'these sites were' : 'the site was'} placed from a name, ${how}; pin the location to make this an error.)`,
    data: { ...f.data, inferredSites: ids },
  };
}

/**
 * The longest message a finding carries (characters). The rules' own run to ~560 (a vMotion path and its
 * figures); what a design's text brings into one (a name, a key, a list pasted where a key was) is cut
 * here, whatever its source: a 55,000-character message filled an editor's hover and Problems panel.
 */
export const MAX_MESSAGE_CHARS = 2_000;

function cutMessage(message: string): string {
  return `${message.slice(0, MAX_MESSAGE_CHARS - 60)}… (${(message.length - MAX_MESSAGE_CHARS + 60).toLocaleString('en-US')} more characters)`;
}

/**
 * Configuration levels, then suppression comments, then a stable order. `comments(file, text)`: where the
 * real comments of each text are (YAML by default; HCL passes tree-sitter's), the only places a
 * directive counts.
 */
export function finish(
  findings: Finding[],
  texts: ReadonlyMap<string, string>,
  options: LintOptions,
  comments: (file: string, text: string) => CommentRange[] = (_file, text) => yamlComments(text),
): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const level = levelOf(f.ruleId, options);
    const severity = applyLevel(f.severity, level);
    if (!severity) continue;
    const configured = level !== undefined && severity !== f.severity ? { configuredSeverity: true } : {};
    out.push(f.message.length > MAX_MESSAGE_CHARS ? { ...f, severity, message: cutMessage(f.message), ...configured } : { ...f, severity, ...configured });
  }
  if (options.inlineSuppressions !== false) for (const [file, text] of texts) markSuppressed(out, text, file, (t) => comments(file, t));
  return dedupeFindings(out);
}

/**
 * `findings` in a stable order (file, start, end, rule), the first of each set with the same rule, location
 * and message kept: what `finish` returns, and how the findings of several analyses are merged (a module
 * linted in the context of each root module that calls it says a finding they share once). Sorts in place.
 */
export function dedupeFindings(findings: Finding[]): Finding[] {
  findings.sort((a, b) =>
    a.loc.file < b.loc.file
      ? -1
      : a.loc.file > b.loc.file
        ? 1
        : a.loc.start - b.loc.start || a.loc.end - b.loc.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  return dedupe(findings);
}

/**
 * The first of each set of findings with the same rule, location and message, in order. `findings` is
 * sorted by file, start, end and rule: equal ones are neighbours but for their messages, so each is
 * compared with the kept findings of its run only (no key string per finding on every version).
 */
function dedupe(findings: Finding[]): Finding[] {
  const out: Finding[] = [];
  let run = 0;
  for (const f of findings) {
    const head = out[run];
    if (!head || head.ruleId !== f.ruleId || head.loc.file !== f.loc.file || head.loc.start !== f.loc.start || head.loc.end !== f.loc.end) run = out.length;
    let seen = false;
    for (let k = run; k < out.length && !seen; k++) seen = out[k]!.message === f.message;
    if (!seen) out.push(f);
  }
  return out;
}

function tooDeepFinding(file: string, offset: number, length: number): Finding {
  return {
    ruleId: 'syntax',
    severity: 'error',
    message: `Nesting deeper than ${MAX_NESTING} levels here: the document is not analysed (a topology nests fewer than ten).`,
    loc: { file, start: offset, end: Math.min(offset + 1, length) },
    data: { maxNesting: MAX_NESTING },
    related: [],
    fixes: [],
  };
}

export function sizeCapFinding(file: string, bytes: number, capBytes: number): Finding {
  return {
    ruleId: 'syntax',
    severity: 'warning',
    message: `The file is ${(bytes / 1e6).toFixed(1)} MB, above the ${(capBytes / 1e6).toFixed(1)} MB analysis cap (max_file_bytes in .dci-lint.yaml): it is not analysed.`,
    loc: { file, start: 0, end: 0 },
    data: { bytes, capBytes },
    related: [],
    fixes: [],
  };
}

/** Lints one topology YAML text. */
export function lintTopology(file: string, text: string, options: LintOptions = {}): LintResult {
  const cap = (options.config ?? defaultConfig()).maxFileBytes;
  if (text.length > cap) return { findings: [sizeCapFinding(file, text.length, cap)], designs: [], rows: [] };
  // An edit that cannot change the nesting of a text that passed (a digit typed in a value) needs no scan.
  const shallow = options.cache?.shallowText;
  const deepAt = shallow !== undefined && sameNesting(shallow, text) ? -1 : tooDeepAt(text);
  if (deepAt >= 0) return { findings: [tooDeepFinding(file, deepAt, text.length)], designs: [], rows: [] };
  if (options.cache) options.cache.shallowText = text;
  // An empty cache (an open) of a large text parses it whole and leaves the entries to prefillTopologyCache.
  const whole = !options.cache || (options.cache.empty && text.length >= WHOLE_PARSE_MIN_CHARS);
  const parsed = whole ? parseTopology(text, file) : parseTopologyIncremental(text, file, options.cache!, options.isCancelled);
  if (options.cache && whole) options.cache.pending = { text, file, next: 0 };
  throwIfCancelled(options.isCancelled);
  const findings = [...parsed.findings];
  const rows: LimitRow[] = [];
  // A loop, not push(...spread): a design with pairwise findings over hundreds of sites yields more than
  // the ~120,000 arguments a call can take (RangeError: Maximum call stack size exceeded).
  // `places:` and `placement.infer_from_names` re-place a copy: the parse (and its cache) stays config-free.
  const designs = parsed.designs.map((d) => applyPlacementConfig(d, options.config?.placement));
  for (const design of designs) {
    let rtt: RttModel | undefined;
    if (options.cache && designs.length === 1) {
      // The model of the previous version hands over what the edit left valid: per-site data and link
      // figures of unmoved sites, path searches that never reached a changed site, and their pairs.
      const assumptions = resolveAssumptions(design, options.config?.assumptions);
      rtt = new RttModel(design, assumptions, { previous: options.cache.rtt?.model });
      options.cache.rtt = { model: rtt };
    }
    const evaluated = evaluateDesign(design, options, rtt);
    for (const f of evaluated.findings) findings.push(f);
    for (const r of evaluated.rows) rows.push(r);
  }
  return { findings: finish(findings, new Map([[file, text]]), options), designs, rows };
}

export { isTopologyFile };
