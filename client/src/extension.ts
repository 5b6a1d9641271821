// The VS Code client: starts the language server over IPC, passes `dciLint.*` settings, and adds the
// "show documentation" command. Everything else lives in the server.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
// Which files are ours: the core's one definition (pure, no imports), as the CLI and the server use it.
import { DOCUMENT_PATTERNS, WATCH_GLOBS } from '../../server/src/core/files';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('DCI Lint', { log: true });
  context.subscriptions.push(output);

  context.subscriptions.push(
    vscode.commands.registerCommand('dciLint.showDocumentation', async (ruleId?: string, url?: string) => {
      const id = typeof ruleId === 'string' && /^[a-z0-9-]+$/.test(ruleId) ? ruleId : undefined;
      // Prefer the page shipped in the extension (works offline), rendered by the built-in Markdown preview.
      const local = id ? path.join(context.extensionPath, 'docs', 'rules', `${id}.md`) : undefined;
      if (local && fs.existsSync(local)) {
        await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(local));
        return;
      }
      if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
    }),
    vscode.commands.registerCommand('dciLint.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('dciLint.showOutput', () => output.show()),
  );

  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Topology detection (`*.dci.yaml` or `dci: 1`) happens in the server; other YAML gets no findings.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'file', language: 'terraform' },
      { scheme: 'file', language: 'hcl' },
      ...DOCUMENT_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
    ],
    synchronize: {
      fileEvents: WATCH_GLOBS.map((g) => vscode.workspace.createFileSystemWatcher(g)),
    },
    outputChannel: output,
  };
  client = new LanguageClient('dciLint', 'DCI Lint', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
