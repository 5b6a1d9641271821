// The VS Code client: starts the language server over IPC and adds what only an editor has: the
// language status item, the map and RTT matrix views, Lint Workspace, New Design, the rule documentation
// picker, and the Output channel. Linting itself lives in the server.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { newDesign, showDocumentation } from './authoring';
import { WorkspaceLint } from './lintWorkspace';
import { Status } from './status';
import { traceChannel } from './trace';
import { DesignView } from './views';
// Which files are ours: the core's one definition (pure, no imports), as the CLI and the server use it.
import { DOCUMENT_PATTERNS, WATCH_GLOBS } from '../../server/src/core/files';

let client: LanguageClient | undefined;
/** true while a stop or restart was asked for (a stop then is not a crash) */
let stopping = false;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('DCI Lint', { log: true });
  // The protocol trace follows `dciLint.trace.server` alone (see trace.ts).
  const trace = traceChannel(output);
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '');
  output.appendLine(`[client] DCI Lint ${version} activating (VS Code ${vscode.version})`);
  const status = new Status();
  const workspaceLint = new WorkspaceLint(() => client, output);
  const map = new DesignView('map', () => client, output);
  const matrix = new DesignView('matrix', () => client, output);
  context.subscriptions.push(output, trace, status, workspaceLint, map, matrix);

  context.subscriptions.push(
    vscode.commands.registerCommand('dciLint.showDocumentation', (ruleId?: unknown, url?: unknown) => showDocumentation(context.extensionPath, ruleId, url)),
    vscode.commands.registerCommand('dciLint.restartServer', async () => {
      output.appendLine('[client] restarting the server');
      // A fresh client: one that gave up after crashes (or died while starting) cannot always be restarted.
      const old = client;
      client = undefined;
      stopping = true;
      if (old) await Promise.race([old.dispose(2000).catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
      stopping = false;
      await startClient();
    }),
    vscode.commands.registerCommand('dciLint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('dciLint.lintWorkspace', () => workspaceLint.run()),
    vscode.commands.registerCommand('dciLint.showMap', async (uri?: unknown) => map.show(await docOf(uri))),
    vscode.commands.registerCommand('dciLint.showMatrix', async (uri?: unknown) => matrix.show(await docOf(uri))),
    vscode.commands.registerCommand('dciLint.newDesign', () => newDesign()),
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
    traceOutputChannel: trace,
    middleware: {
      // The status item spins while the server analyses.
      provideDiagnostics: (document, previousResultId, token, next) => status.analysing(async () => next(document, previousResultId, token)),
    },
  };
  async function startClient(): Promise<void> {
    const c = new LanguageClient('dciLint', 'DCI Lint', serverOptions, clientOptions);
    client = c;
    status.setState('starting');
    c.onDidChangeState((e) => {
      if (client !== c) return; // a client being replaced
      if (e.newState === State.Running) {
        status.setState('running');
        status.setVersion(c.initializeResult?.serverInfo?.version ?? '');
        void map.refresh();
        void matrix.refresh();
      } else if (e.newState === State.Starting) {
        status.setState(e.oldState === State.Stopped && status.current !== 'starting' ? 'restarting' : 'starting');
      } else if (e.newState === State.Stopped) {
        // Stopped without being asked to: the server died and the client gave up restarting it.
        if (stopping) status.setState('stopped');
        else {
          status.setState('crashed', 'the server stopped; see the Output channel');
          output.appendLine('[client] the DCI Lint server stopped unexpectedly: no findings are shown until it restarts (DCI Lint: Restart Server).');
        }
      }
    });
    try {
      await c.start();
    } catch (e) {
      if (client === c) status.setState('crashed', (e as Error)?.message);
      output.appendLine(`[client] the server did not start: ${(e as Error)?.stack ?? String(e)}`);
    }
  }
  await startClient();
}

/** The document of a command's resource argument (editor title, explorer), opened if need be. */
async function docOf(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (!(uri instanceof vscode.Uri)) return undefined;
  try {
    return await vscode.workspace.openTextDocument(uri);
  } catch {
    return undefined;
  }
}

export async function deactivate(): Promise<void> {
  stopping = true;
  await client?.stop();
  client = undefined;
}
