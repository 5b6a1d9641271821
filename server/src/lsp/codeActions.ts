// Code actions in ESLint's order: the rule's fixes, disable for this line, disable for this file,
// show documentation; and `source.fixAll.dci-lint` applying every preferred fix.

import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { disableFileFix, disableLineFix, docsUrl, RULES_BY_ID, type Finding, type Fix, type TextEdit as CoreEdit } from '../core';
import { findingKey, indexFor, rangeOf, SOURCE, toDiagnostic } from './diagnostics';
import type { Analysis } from './workspace';

export const FIX_ALL_KIND = 'source.fixAll.dci-lint';
export const SHOW_DOCS_COMMAND = 'dciLint.showDocumentation';

function toWorkspaceEdit(a: Analysis, edits: CoreEdit[]): WorkspaceEdit | undefined {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) {
    const idx = indexFor(a, e.file);
    if (!idx) return undefined;
    (changes[e.file] ??= []).push({ range: rangeOf(idx, e.start, e.end), newText: e.newText });
  }
  return { changes };
}

/** Does a requested kind (`only`) cover this action kind? `source` covers `source.fixAll.dci-lint`. */
function wanted(kind: string, only: string[] | undefined): boolean {
  if (!only || only.length === 0) return kind === CodeActionKind.QuickFix;
  return only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

function findingFor(a: Analysis, d: Diagnostic): Finding | undefined {
  if (d.source !== SOURCE) return undefined;
  const key = (d.data as { key?: string } | undefined)?.key;
  if (key) {
    const f = a.findings.find((x) => findingKey(x) === key);
    if (f) return f;
  }
  // A client that drops `data`: match on code and range.
  return a.findings.find((f) => {
    if (f.ruleId !== d.code) return false;
    const r = toDiagnostic(a, f).range;
    return (
      r.start.line === d.range.start.line &&
      r.start.character === d.range.start.character &&
      r.end.line === d.range.end.line &&
      r.end.character === d.range.end.character
    );
  });
}

function action(a: Analysis, fix: Fix, diagnostics: Diagnostic[], kind: string = CodeActionKind.QuickFix): CodeAction | undefined {
  const edit = toWorkspaceEdit(a, fix.edits);
  if (!edit) return undefined;
  const ca: CodeAction = { title: fix.title, kind, edit };
  if (diagnostics.length > 0) ca.diagnostics = diagnostics;
  if (fix.preferred) ca.isPreferred = true;
  return ca;
}

/** Preferred fixes of every finding, without overlapping edits (the first one in the file wins). */
export function fixAll(a: Analysis): CodeAction | undefined {
  const edits: CoreEdit[] = [];
  const taken: Array<[number, number]> = [];
  for (const f of a.findings) {
    const fix = f.fixes.find((x) => x.preferred);
    if (!fix || fix.edits.some((e) => e.file !== a.uri)) continue;
    if (fix.edits.some((e) => taken.some(([s, t]) => e.start < t && s < e.end) || edits.some((x) => x.start === e.start && x.end === e.end))) continue;
    for (const e of fix.edits) {
      edits.push(e);
      taken.push([e.start, e.end]);
    }
  }
  if (edits.length === 0) return undefined;
  return action(a, { title: 'Fix all auto-fixable DCI Lint problems', edits }, [], FIX_ALL_KIND);
}

/** Two findings with the same fix (two hops of one migration): one action for both diagnostics. */
function merge(actions: CodeAction[]): CodeAction[] {
  const byKey = new Map<string, CodeAction>();
  for (const a of actions) {
    const key = `${a.title}|${JSON.stringify(a.edit)}`;
    const seen = byKey.get(key);
    if (seen) seen.diagnostics = [...(seen.diagnostics ?? []), ...(a.diagnostics ?? [])];
    else byKey.set(key, a);
  }
  return [...byKey.values()];
}

export function codeActions(a: Analysis, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  const out: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix, only)) {
    const fixes: CodeAction[] = [];
    const disableLine: CodeAction[] = [];
    const disableFile: CodeAction[] = [];
    const docs: CodeAction[] = [];
    const seenRules = new Set<string>();
    for (const d of params.context.diagnostics) {
      const f = findingFor(a, d);
      if (!f) continue;
      for (const fix of f.fixes) {
        const ca = action(a, fix, [d]);
        if (ca) fixes.push(ca);
      }
      // Only rule findings can be suppressed or documented (not `config` problems of .dci-lint.yaml).
      if (!RULES_BY_ID.has(f.ruleId)) continue;
      const line = action(a, disableLineFix(f, a.text), [d]);
      if (line) disableLine.push(line);
      if (seenRules.has(f.ruleId)) continue;
      seenRules.add(f.ruleId);
      const file = action(a, disableFileFix(f), [d]);
      if (file) disableFile.push(file);
      docs.push({
        title: `Show documentation for ${f.ruleId}`,
        kind: CodeActionKind.QuickFix,
        command: { title: `Show documentation for ${f.ruleId}`, command: SHOW_DOCS_COMMAND, arguments: [f.ruleId, docsUrl(f.ruleId)] },
      });
    }
    out.push(...merge(fixes), ...merge(disableLine), ...disableFile, ...docs);
  }
  if (only && wanted(FIX_ALL_KIND, only)) {
    const all = fixAll(a);
    if (all) out.push(all);
  }
  return out;
}
