// "Lint Workspace": every topology and Terraform file of the workspace into the Problems panel, with
// progress and cancel. The server lints each file exactly as an open one (`dciLint/lintFiles`); files
// that are open keep the language client's own diagnostics, so nothing is listed twice.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageclient/node';
import { LINT_FILES_REQUEST, TRUNCATED_CODE, type TruncationTotals } from '../../server/src/lsp/protocol';
import { WORKSPACE_LINT_EXCLUDE, WORKSPACE_LINT_GLOB } from '../../server/src/core/files';

const BATCH = 10;
/** The most files one Lint Workspace looks at (VS Code's findFiles needs a bound). */
const MAX_FILES = 40000;

export class WorkspaceLint implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('dci-lint-workspace');
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly output: vscode.OutputChannel,
  ) {
    // An opened file gets live diagnostics from the server: drop the workspace run's copy.
    this.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => this.collection.delete(d.uri)));
  }

  async run(): Promise<void> {
    const client = this.client();
    if (!client?.isRunning()) {
      void vscode.window.showWarningMessage('DCI Lint: the language server is not running.', 'Restart Server').then((a) => {
        if (a) void vscode.commands.executeCommand('dciLint.restartServer');
      });
      return;
    }
    // every name the CLI lints in a folder, outside the folders it skips: the server decides each file's kind
    const files = (await vscode.workspace.findFiles(WORKSPACE_LINT_GLOB, WORKSPACE_LINT_EXCLUDE, MAX_FILES)).sort((a, b) => (a.fsPath < b.fsPath ? -1 : 1));
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const t0 = Date.now();
    let linted = 0;
    let problems = 0;
    const done = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'DCI Lint: linting the workspace', cancellable: true },
      async (progress, token) => {
        this.collection.clear();
        for (let i = 0; i < files.length; i += BATCH) {
          if (token.isCancellationRequested) return false;
          const batch = files.slice(i, i + BATCH);
          progress.report({ message: `${i} of ${files.length} files`, increment: (batch.length / Math.max(1, files.length)) * 100 });
          const answer = await client.sendRequest<Array<{ uri: string; kind: string; diagnostics: LspDiagnostic[] }>>(
            LINT_FILES_REQUEST,
            { uris: batch.map((u) => u.toString()) },
            token,
          );
          for (const r of answer ?? []) {
            linted++;
            // a file over the editor's 1,000: its note carries every finding's count (what the CLI reports)
            const note = r.diagnostics.find((d) => d.code === TRUNCATED_CODE) as (LspDiagnostic & { data?: { truncated?: TruncationTotals } }) | undefined;
            problems += note?.data?.truncated?.problems ?? r.diagnostics.length;
            if (open.has(r.uri)) continue;
            const diagnostics = await client.protocol2CodeConverter.asDiagnostics(r.diagnostics);
            if (diagnostics.length) this.collection.set(vscode.Uri.parse(r.uri), diagnostics);
          }
        }
        return true;
      },
    );
    const text = `${done ? 'Linted' : 'Cancelled after'} ${linted} topology, Terraform and plan files of ${files.length} YAML, Terraform and JSON files: ${problems} problems in ${((Date.now() - t0) / 1000).toFixed(1)} s.`;
    this.output.appendLine(`[lint workspace] ${text}`);
    void vscode.window.showInformationMessage(`DCI Lint: ${text}`, 'Show Problems').then((a) => {
      if (a) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
