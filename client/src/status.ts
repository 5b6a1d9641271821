// The language status item (the `{}` beside the language mode, as vscode-eslint's): whether the server
// runs, is analysing, has crashed (with a restart action) or is disabled, and the problems of the file.

import * as vscode from 'vscode';
import { TRUNCATED_CODE, type TruncationTotals } from '../../server/src/lsp/protocol';
import { count } from './text';

export type ServerState = 'starting' | 'running' | 'restarting' | 'crashed' | 'stopped';

/** Files the item shows for: topology YAML by name, and Terraform. */
export const STATUS_SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml', pattern: '**/*.dci.{yaml,yml}' },
  { scheme: 'untitled', language: 'yaml' },
  { language: 'terraform' },
  { language: 'hcl', pattern: '**/*.{tf,tfvars}' },
  { pattern: '**/*.tf' },
];

export class Status implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private state: ServerState = 'starting';
  private busy = 0;
  private crashes = 0;
  private version = '';
  private lastError = '';
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('dciLint.status', STATUS_SELECTOR);
    this.item.name = 'DCI Lint';
    this.subscriptions.push(
      vscode.languages.onDidChangeDiagnostics(() => this.render()),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dciLint.enable')) this.render();
      }),
    );
    this.render();
  }

  setVersion(version: string): void {
    this.version = version;
    this.render();
  }

  setState(state: ServerState, error?: string): void {
    if (state === 'restarting') this.crashes++;
    if (state === 'running' && this.state !== 'restarting') this.crashes = 0;
    if (error) this.lastError = error;
    this.state = state;
    if (state !== 'running') this.busy = 0;
    this.render();
  }

  get current(): ServerState {
    return this.state;
  }

  /** Wraps one analysis (a diagnostics pull) so the item spins while it runs. */
  async analysing<T>(work: () => Promise<T>): Promise<T> {
    this.busy++;
    if (this.busy === 1) this.render();
    try {
      return await work();
    } finally {
      this.busy = Math.max(0, this.busy - 1);
      if (this.busy === 0) this.render();
    }
  }

  /**
   * The problems of the active file: counted from its diagnostics, or, when the server left some out (more
   * than the editor shows), the totals its note carries; `shown` then says how many are listed.
   */
  private problems(): { errors: number; warnings: number; others: number; shown?: number } | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) return undefined;
    let errors = 0;
    let warnings = 0;
    let others = 0;
    let shown = 0;
    let totals: TruncationTotals | undefined;
    for (const d of vscode.languages.getDiagnostics(doc.uri)) {
      if (d.source !== 'dci-lint') continue;
      if (d.code === TRUNCATED_CODE) {
        totals = (d as vscode.Diagnostic & { data?: { truncated?: TruncationTotals } }).data?.truncated;
        continue;
      }
      shown++;
      if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
      else others++;
    }
    if (totals) return { errors: totals.errors, warnings: totals.warnings, others: totals.info, shown };
    return { errors, warnings, others };
  }

  private render(): void {
    const item = this.item;
    const doc = vscode.window.activeTextEditor?.document;
    const enabled = vscode.workspace.getConfiguration('dciLint', doc?.uri).get<boolean>('enable', true);
    item.busy = false;
    item.severity = vscode.LanguageStatusSeverity.Information;
    item.command = { title: 'Show Output', command: 'dciLint.showOutput' };
    const v = this.version ? ` ${this.version}` : '';
    if (!enabled) {
      item.text = '$(circle-slash) DCI Lint: disabled';
      item.detail = 'dciLint.enable is off for this file';
      item.command = { title: 'Enable', command: 'workbench.action.openSettings', arguments: ['dciLint.enable'] };
      return;
    }
    switch (this.state) {
      case 'starting':
        item.busy = true;
        item.text = 'DCI Lint: starting';
        item.detail = '';
        return;
      case 'restarting':
        item.busy = true;
        item.severity = vscode.LanguageStatusSeverity.Warning;
        item.text = '$(warning) DCI Lint: restarting';
        item.detail = `the server crashed (${this.crashes} time${this.crashes === 1 ? '' : 's'})`;
        return;
      case 'crashed':
        item.severity = vscode.LanguageStatusSeverity.Error;
        item.text = '$(error) DCI Lint: crashed';
        item.detail = `no findings are computed${this.lastError ? `: ${this.lastError}` : ''}`;
        item.command = { title: 'Restart', command: 'dciLint.restartServer' };
        return;
      case 'stopped':
        item.severity = vscode.LanguageStatusSeverity.Warning;
        item.text = 'DCI Lint: stopped';
        item.detail = '';
        item.command = { title: 'Restart', command: 'dciLint.restartServer' };
        return;
      case 'running': {
        if (this.busy > 0) {
          item.busy = true;
          item.text = 'DCI Lint: analysing';
          item.detail = `server${v}`;
          return;
        }
        const p = this.problems();
        const total = p ? p.errors + p.warnings + p.others : 0;
        item.text = p ? (total === 0 ? '$(check) DCI Lint: no problems' : `DCI Lint: ${count(total, 'problem')}`) : 'DCI Lint: running';
        const listed = p?.shown !== undefined ? ` (${p.shown.toLocaleString('en-US')} listed)` : '';
        // No server version beside the counts: the popup is as wide as the window's right edge allows, and a
        // longer line pushed the "Show Problems" link past it (seen at 1,600 px with a 500-site design).
        item.detail =
          p && total > 0
            ? `${count(p.errors, 'error')}, ${count(p.warnings, 'warning')}, ${p.others.toLocaleString('en-US')} info${listed}`
            : `server${v} running`;
        // Findings are the Problems panel's business: Error severity (which VS Code pins in the status
        // bar) is kept for a server that is down, so a crash never looks like a clean design.
        if (total > 0) item.command = { title: 'Show Problems', command: 'workbench.actions.view.problems' };
        return;
      }
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
