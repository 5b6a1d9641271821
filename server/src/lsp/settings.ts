// `dciLint.*` settings as the client sends them, with defaults, and the ESLint-style
// `rules.customizations` (last matching entry wins; `*` globs, `!` negates).

import type { Finding, Severity } from '../core';

export type CustomSeverity = Severity | 'off' | 'default';

export interface Customization {
  rule: string;
  severity: CustomSeverity;
}

export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  customizations: Customization[];
  inlayHints: boolean;
  codeLens: boolean;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType', customizations: [], inlayHints: true, codeLens: false };

const SEVERITIES: readonly string[] = ['off', 'default', 'hint', 'info', 'warning', 'error'];

/** Accepts whatever the client sent (a `dciLint` section, or nothing) and never throws. */
export function normalizeSettings(raw: unknown): Settings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  const rules = obj(s.rules);
  const customizations: Customization[] = [];
  if (Array.isArray(rules.customizations)) {
    for (const c of rules.customizations) {
      const o = obj(c);
      const severity = o.severity === 'warn' ? 'warning' : o.severity;
      if (typeof o.rule === 'string' && typeof severity === 'string' && SEVERITIES.includes(severity))
        customizations.push({ rule: o.rule, severity: severity as CustomSeverity });
    }
  }
  return {
    enable: s.enable !== false,
    run: s.run === 'onSave' ? 'onSave' : 'onType',
    customizations,
    inlayHints: obj(s.inlayHints).enable !== false,
    codeLens: obj(s.codeLens).enable === true,
  };
}

function globMatches(pattern: string, ruleId: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return re.test(ruleId);
}

function customizationMatches(c: Customization, ruleId: string): boolean {
  const negated = c.rule.startsWith('!');
  const hit = globMatches(negated ? c.rule.slice(1) : c.rule, ruleId);
  return negated ? !hit : hit;
}

/** Applies the editor's customizations on top of what `.dci-lint.yaml` decided. */
export function customize(findings: Finding[], customizations: Customization[]): Finding[] {
  if (customizations.length === 0) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    let severity: CustomSeverity = 'default';
    for (const c of customizations) if (customizationMatches(c, f.ruleId)) severity = c.severity;
    if (severity === 'off') continue;
    out.push(severity === 'default' ? f : { ...f, severity });
  }
  return out;
}
