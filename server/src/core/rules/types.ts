// What a rule is: metadata beside one check(). Rules never format for a protocol and never read files.

import type { Design, Fix, Finding, Loc, Related, Severity, Site, SiteRef } from '../design';
import type { PairRtt, RttModel } from '../rtt';

export type OptionValue = number | string | boolean;

export interface RuleOption {
  default: OptionValue;
  description: string;
  /** where the default comes from (vendor document, physics) */
  source: string;
}

export interface RuleMeta {
  id: string;
  summary: string;
  defaultSeverity: Severity;
  /** Severity comes from physics (error: the lower bound already breaks the limit; warning: the estimate does). */
  graded: boolean;
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
  design: Design;
  rtt: RttModel;
  /** the rule's options: defaults merged with configuration */
  options: Record<string, OptionValue>;
  report(report: Report): void;
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
