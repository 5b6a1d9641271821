// What a rule is: metadata beside one check(). Rules never format for a protocol and never read files.

import type { Design, Element, Fix, Finding, Loc, Related, Severity, Site, SiteRef } from '../design';
import type { LimitUnit, Provenance } from '../limits';
import type { PairRtt, RttModel } from '../rtt';

/** Every rule option is a number (a limit, a count, a factor); `.dci-lint.yaml` values of another type are reported and ignored. */
export type OptionValue = number;

export interface RuleOption {
  default: number;
  /** `integer`: counts and bytes; `number`: everything else */
  type: 'number' | 'integer';
  unit: LimitUnit;
  /** inclusive bounds of a valid value */
  minimum: number;
  maximum: number;
  description: string;
  /** what the default says and whose claim it is (vendor document and link, or DCI Lint heuristic and why) */
  source: string;
  provenance: Provenance;
}

/** Judged a pair against a limit: error (no network can, or measured over), warning (a realistic route cannot), ok. */
export type Verdict = 'error' | 'warning' | 'ok';

/** The limit a rule applied to one pair, with where it comes from. */
export interface AppliedLimit {
  value: number;
  unit: 'ms' | 'km';
  /** what it is the limit of: "vSAN witness", "Dell VPLEX Metro" */
  label: string;
  /** one line: what the limit says and its provenance */
  source: string;
  provenance: Provenance;
  ruleId: string;
  /** the rule option that sets it, when one does */
  option?: string;
}

/**
 * One evaluated pair of a design element: the rule that judged it, the limit it applied and the verdict.
 * Rules record every pair they judge (not only the failing ones); the language server's hovers, inlay
 * hints and code lenses print these rows and never re-derive a limit.
 */
export interface LimitRow {
  ruleId: string;
  element: Element;
  from: string;
  to: string;
  pair: PairRtt;
  role?: 'witness';
  limit: AppliedLimit;
  verdict: Verdict;
}

export interface RuleMeta {
  id: string;
  summary: string;
  defaultSeverity: Severity;
  /** Severity comes from physics (error: the lower bound already breaks the limit; warning: the estimate does). */
  graded: boolean;
  /**
   * The verdict cannot depend on where any site is (a name, a key, a number as written): its errors are not
   * capped when a site was placed from its name (`lint.ts`). Default false.
   */
  placementIndependent?: boolean;
  fixable: boolean;
  options: Record<string, RuleOption>;
}

export interface Report {
  /** defaults to the rule's default severity */
  severity?: Severity;
  message: string;
  loc: Loc;
  data?: Record<string, unknown>;
  related?: Related[];
  fixes?: Fix[];
}

export interface RuleContext {
  ruleId: string;
  design: Design;
  rtt: RttModel;
  /** the rule's options: defaults merged with configuration */
  options: Record<string, OptionValue>;
  report(report: Report): void;
  /** records an evaluated pair (see LimitRow); the rule id is added */
  row(row: Omit<LimitRow, 'ruleId'>): void;
  site(ref: SiteRef | string): Site | undefined;
  pair(a: string, b: string): PairRtt | undefined;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export function docsUrl(id: string): string {
  return `https://github.com/dci-lint/dci-lint/blob/main/docs/rules/${id}.md`;
}

export type { Finding };
