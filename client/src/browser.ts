// The web extension's client (vscode.dev, github.dev): starts the language server in a web worker
// (dist/server.web.js, the desktop server built for the browser) and keeps it fed with the workspace's
// topology, Terraform and configuration files (`dciLint/files`), which a worker cannot read itself.
// The server sees `file:` URIs only: the client converts the workspace's own scheme (vscode-vfs, ...)
// both ways, so paths, configuration lookup and Terraform modules work as on the desktop.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { FILES_NOTIFICATION } from '../../server/src/lsp/protocol';

let client: LanguageClient | undefined;

/** Everything the server may read besides open documents (file kinds as the desktop client watches them). */
const WORKSPACE_FILES = '**/{*.tf,*.tfvars,*.tf.json,*.tfvars.json,*.dci.yaml,*.dci.yml,.dci-lint.yaml,.dci-lint.yml}';
const EXCLUDE = '**/{node_modules,.terraform,.git}/**';
const MAX_FILES = 5000;

const toServer = (uri: vscode.Uri): string =>
  uri.scheme === 'file' ? uri.toString() : vscode.Uri.from({ scheme: 'file', path: `/${uri.scheme}/${uri.authority}${uri.path}` }).toString();
const fromServer = (value: string): vscode.Uri => {
  const uri = vscode.Uri.parse(value);
  const m = /^\/([^/]+)\/([^/]*)(\/.*)$/.exec(uri.path);
  return uri.scheme === 'file' && m && m[1] !== 'file' && vscode.workspace.workspaceFolders?.some((f) => f.uri.scheme === m[1])
    ? vscode.Uri.from({ scheme: m[1]!, authority: m[2]!, path: m[3]! })
    : uri;
};

async function sendFiles(uris: readonly vscode.Uri[], deleted: readonly vscode.Uri[] = []): Promise<void> {
  const set: Array<{ uri: string; text: string }> = [];
  const decoder = new TextDecoder();
  for (const uri of uris) {
    try {
      set.push({ uri: toServer(uri), text: decoder.decode(await vscode.workspace.fs.readFile(uri)) });
    } catch {
      // gone between the search and the read: the next change event says so
    }
  }
  await client?.sendNotification(FILES_NOTIFICATION, { set, deleted: deleted.map(toServer) });
  // The server re-lints what depends on changed files when told through the standard notification.
  const changes = [...set.map((f) => ({ uri: f.uri, type: 2 })), ...deleted.map((u) => ({ uri: toServer(u), type: 3 }))];
  if (changes.length) await client?.sendNotification('workspace/didChangeWatchedFiles', { changes });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('DCI Lint', { log: true });
  context.subscriptions.push(output);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'yaml' }, { language: 'terraform' }, { language: 'hcl' }, { pattern: '**/*.{tf,tfvars,tf.json,tfvars.json}' }],
    outputChannel: output,
    uriConverters: { code2Protocol: toServer, protocol2Code: fromServer },
  };
  // Worker is the browser's (no DOM types in this Node-typed project).
  const WorkerCtor = (globalThis as unknown as { Worker: new (url: string) => never }).Worker;
  const worker = new WorkerCtor(vscode.Uri.joinPath(context.extensionUri, 'dist/server.web.js').toString(true));
  client = new LanguageClient('dciLint', 'DCI Lint', clientOptions, worker);
  await client.start();
  await sendFiles(await vscode.workspace.findFiles(WORKSPACE_FILES, EXCLUDE, MAX_FILES));
  const watcher = vscode.workspace.createFileSystemWatcher(WORKSPACE_FILES);
  watcher.onDidCreate((u) => void sendFiles([u]));
  watcher.onDidChange((u) => void sendFiles([u]));
  watcher.onDidDelete((u) => void sendFiles([], [u]));
  context.subscriptions.push(
    watcher,
    vscode.commands.registerCommand('dciLint.restartServer', async () => {
      await client?.stop();
      await client?.start();
      await sendFiles(await vscode.workspace.findFiles(WORKSPACE_FILES, EXCLUDE, MAX_FILES));
    }),
    vscode.commands.registerCommand('dciLint.showOutput', () => output.show()),
    // Desktop-only commands (they read the extension's files or the disk): say so instead of failing.
    ...['dciLint.lintWorkspace', 'dciLint.showMap', 'dciLint.showMatrix', 'dciLint.newDesign', 'dciLint.showDocumentation'].map((id) =>
      vscode.commands.registerCommand(id, () =>
        vscode.window.showInformationMessage(
          'DCI Lint: this command needs the desktop extension (VS Code, or a remote/code-server window); the web extension shows findings and hovers.',
        ),
      ),
    ),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
