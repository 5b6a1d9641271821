// The DCI Lint language server: connection and document wiring only. Every feature is an adapter in
// lsp/ over the pure core; nothing here knows a rule. Runs over stdio (`--stdio`) or IPC (`--node-ipc`).

import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isModuleFile, LineIndex, type Design } from './core';
import { codeActions, FIX_ALL_KIND, SHOW_DOCS_COMMAND } from './lsp/codeActions';
import { completion } from './lsp/completion';
import { toDiagnostics } from './lsp/diagnostics';
import { documentSymbols } from './lsp/documentSymbols';
import { hover } from './lsp/hover';
import { codeLenses, inlayHints } from './lsp/inlayHints';
import { definition, prepareRename, references, rename } from './lsp/navigation';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './lsp/settings';
import { LintLog } from './lsp/logging';
import { registerViews } from './lsp/views';
import { VERSION } from './cli/version';
import { kindOf, Workspace, type Analysis, type DocKind } from './lsp/workspace';
import { analysisWorkerScript, earlyWorkerStarted } from './lsp/workerStart';
import { codeCacheStatus } from './lsp/codeCacheState';
import { tieringNote } from './lsp/v8TieringState';

/**
 * Typing pauses shorter than this do not trigger a lint (an edit costs a few ms since parsing is
 * incremental): 75 ms, DCI Lint's own figure; `DCI_LINT_DEBOUNCE_MS` overrides it (tests use a long one).
 */
const DEBOUNCE_MS = Number(process.env.DCI_LINT_DEBOUNCE_MS) >= 0 && process.env.DCI_LINT_DEBOUNCE_MS !== '' ? Number(process.env.DCI_LINT_DEBOUNCE_MS) : 75;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (message: string) => connection.console.error(message);
// Large topology documents are analysed in a worker thread running this same bundle (server/src/main.ts).
const workspace = new Workspace(documents, __dirname, log, analysisWorkerScript(__filename));
const lintLog = new LintLog((message) => connection.console.log(message), workspace);

const client = {
  configuration: false,
  pull: false,
  refresh: false,
  inlayRefresh: false,
  codeLensRefresh: false,
  showDocument: false,
  dynamicConfiguration: false,
  workspaceFolders: false,
};
let folderUris: string[] = [];
let globalSettings: Settings = DEFAULT_SETTINGS;
const settingsCache = new Map<string, Promise<Settings>>();
const timers = new Map<string, NodeJS.Timeout>();
const lastChange = new Map<string, number>();
/** pull mode with `run: onSave`: what was computed at the last open or save */
const savedDiagnostics = new Map<string, Diagnostic[]>();
/** the last designs that parsed, so completion still knows the sites while the text is broken */
const lastDesigns = new Map<string, Design[]>();
let shuttingDown = false;

/**
 * Handlers never throw at the client: a bug logs and answers with the fallback. After `shutdown` every
 * request fails with InvalidRequest, as the LSP specification requires.
 */
function guard<P, R>(name: string, fallback: R, fn: (params: P, token: CancellationToken) => R | Promise<R>) {
  return async (params: P, token: CancellationToken): Promise<R> => {
    if (shuttingDown) throw new ResponseError(ErrorCodes.InvalidRequest, `The server is shutting down: no ${name} after shutdown.`);
    try {
      return await fn(params, token);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      log(`${name} failed: ${(e as Error)?.stack ?? String(e)}`);
      return fallback;
    }
  };
}

function settingsFor(uri: string): Promise<Settings> {
  if (!client.configuration) return Promise.resolve(globalSettings);
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'dciLint' }).then(
      (raw) => normalizeSettings(raw),
      () => globalSettings,
    );
    settingsCache.set(uri, s);
  }
  return s;
}

async function analysisOf(uri: string): Promise<Analysis | undefined> {
  const doc = documents.get(uri);
  if (!doc) return undefined;
  const settings = await settingsFor(uri);
  const analysis = await workspace.analyze(doc, settings);
  lintLog.note(analysis);
  if (analysis && analysis.designs.some((d) => d.sites.size > 0)) lastDesigns.set(uri, analysis.designs);
  return analysis;
}

/**
 * The analysis for diagnostics: answered as soon as the findings are known. A design analysed in the
 * worker comes back in two messages (findings, then its model); its diagnostics need only the first, its
 * designs and rows follow in `analysisOf` (which this starts too: the Output line and the map's designs).
 */
async function findingsOf(uri: string): Promise<Analysis | undefined> {
  const doc = documents.get(uri);
  if (!doc) return undefined;
  const settings = await settingsFor(uri);
  // errors are reported through the findings' promise below; this one only logs a complete analysis
  analysisOf(uri).catch(() => undefined);
  return workspace.findingsOf(doc, settings);
}

// --- diagnostics -------------------------------------------------------------------------------

async function validate(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc || shuttingDown) return;
  const version = doc.version;
  let diagnostics: Diagnostic[];
  try {
    diagnostics = toDiagnostics(await findingsOf(uri));
  } catch (e) {
    // A bug must not leave the previous findings standing: say so instead.
    log(`analysis of ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
    diagnostics = [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 1,
        source: 'dci-lint',
        code: 'internal',
        message: `DCI Lint could not analyse this text: ${(e as Error)?.message ?? String(e)}. Please report this.`,
      },
    ];
  }
  // Publish only for the newest text: a newer version has its own run scheduled.
  const now = documents.get(uri);
  if (!now || now.version !== version || shuttingDown) return;
  connection.sendDiagnostics({ uri, version, diagnostics });
}

function schedule(uri: string, delayMs = DEBOUNCE_MS): void {
  clearTimeout(timers.get(uri));
  timers.set(
    uri,
    setTimeout(() => {
      timers.delete(uri);
      validate(uri).catch((e: unknown) => log(`validate ${uri}: ${(e as Error)?.stack ?? String(e)}`));
    }, delayMs),
  );
}

let refreshTimer: NodeJS.Timeout | undefined;
/** Pull mode: ask the client to pull again (other documents depend on what changed). */
function requestRefresh(): void {
  if (!client.refresh) return;
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    if (!shuttingDown) connection.languages.diagnostics.refresh().catch(() => undefined);
  }, DEBOUNCE_MS);
}

/** Documents whose findings depend on `uri`: Terraform files of the same module, and on topology files. */
function dependents(uri: string, kind: DocKind | undefined): string[] {
  if (kind === 'config') return documents.all().map((d) => d.uri);
  if (kind !== 'terraform' && kind !== 'topology') return [];
  // A Terraform file may be in the module tree (root, child modules, a plan's configuration) of any other.
  return documents
    .all()
    .filter((d) => d.uri !== uri && (workspace.kindOfDoc(d) === 'terraform' || workspace.kindOfDoc(d) === 'plan'))
    .map((d) => d.uri);
}

function revalidateAll(): void {
  if (client.pull) requestRefresh();
  else for (const d of documents.all()) schedule(d.uri, 0);
  if (client.inlayRefresh) connection.languages.inlayHint.refresh().catch(() => undefined);
  if (client.codeLensRefresh) connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
}

function onChanged(uri: string, delayMs: number): void {
  if (delayMs > 0) lastChange.set(uri, Date.now());
  const doc = documents.get(uri);
  const kind = doc ? workspace.kindOfDoc(doc) : undefined;
  if (kind === 'config') workspace.invalidate();
  const others = dependents(uri, kind);
  settingsFor(uri)
    .then((s) => {
      if (s.run === 'onSave' && delayMs > 0) return;
      if (!client.pull) {
        schedule(uri, delayMs);
        for (const other of others) schedule(other, delayMs);
      } else if (others.length > 0) requestRefresh();
    })
    .catch(() => undefined);
}

/** Documents just opened, with their version: TextDocuments fires onDidChangeContent for an open too. */
const opening = new Map<string, number>();
documents.onDidOpen((e) => {
  savedDiagnostics.delete(e.document.uri);
  opening.set(e.document.uri, e.document.version);
  onChanged(e.document.uri, 0);
});
documents.onDidChangeContent((e) => {
  // The content event of the open itself: analysed at once (onDidOpen), not after the typing debounce.
  const opened = opening.get(e.document.uri);
  opening.delete(e.document.uri);
  if (opened === e.document.version) return;
  // The analysis of the version typed over stops now rather than when the debounce ends.
  workspace.supersede(e.document.uri);
  onChanged(e.document.uri, DEBOUNCE_MS);
});
documents.onDidSave((e) => {
  const uri = e.document.uri;
  settingsFor(uri)
    .then(async (s) => {
      if (s.run !== 'onSave') return;
      if (client.pull) {
        savedDiagnostics.set(uri, toDiagnostics(await findingsOf(uri)));
        requestRefresh();
      } else schedule(uri, 0);
    })
    .catch(() => undefined);
});
documents.onDidClose((e) => {
  const uri = e.document.uri;
  clearTimeout(timers.get(uri));
  timers.delete(uri);
  workspace.forget(uri);
  savedDiagnostics.delete(uri);
  lastDesigns.delete(uri);
  lastChange.delete(uri);
  opening.delete(uri);
  settingsCache.delete(uri);
  lintLog.forget(uri);
  if (!client.pull) connection.sendDiagnostics({ uri, diagnostics: [] });
  // A `.dci-lint.yaml` closed without saving: its unsaved text no longer applies; every design is
  // judged again by the file on disk.
  if (kindOf(uri, '') === 'config') {
    workspace.invalidate();
    revalidateAll();
    return;
  }
  // Module siblings now read this file from disk.
  const others = dependents(uri, isModuleFile(uri) ? 'terraform' : undefined);
  if (client.pull && others.length > 0) requestRefresh();
  else for (const other of others) schedule(other);
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

connection.languages.diagnostics.on(
  guard('diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] as Diagnostic[] }, async (params, token) => {
    const uri = params.textDocument.uri;
    // Debounce: wait until typing pauses; an outdated request is cancelled by the client.
    for (;;) {
      const quietFor = Date.now() - (lastChange.get(uri) ?? 0);
      if (quietFor >= DEBOUNCE_MS) break;
      await sleep(DEBOUNCE_MS - quietFor);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed.', { retriggerRequest: true });
    }
    const s = await settingsFor(uri);
    let items: Diagnostic[];
    if (s.run === 'onSave') {
      items = savedDiagnostics.get(uri) ?? toDiagnostics(await findingsOf(uri));
      savedDiagnostics.set(uri, items);
    } else items = toDiagnostics(await findingsOf(uri));
    return { kind: DocumentDiagnosticReportKind.Full, items };
  }),
);

// --- lifecycle ---------------------------------------------------------------------------------

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const c = params.capabilities;
  client.configuration = !!c.workspace?.configuration;
  client.dynamicConfiguration = !!c.workspace?.didChangeConfiguration?.dynamicRegistration;
  client.pull = !!c.textDocument?.diagnostic;
  client.refresh = client.pull && !!c.workspace?.diagnostics?.refreshSupport;
  client.inlayRefresh = !!c.workspace?.inlayHint?.refreshSupport;
  client.codeLensRefresh = !!c.workspace?.codeLens?.refreshSupport;
  client.showDocument = !!c.window?.showDocument?.support;
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init?.settings) globalSettings = normalizeSettings(init.settings);
  client.workspaceFolders = !!c.workspace?.workspaceFolders;
  folderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspace.setFolders(folderUris);
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      inlayHintProvider: true,
      codeLensProvider: { resolveProvider: false },
      completionProvider: { triggerCharacters: ['[', ',', ' ', ':'] },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: c.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
      documentSymbolProvider: { label: 'DCI Lint' },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'dci-lint', version: VERSION },
  };
  if (client.pull) result.capabilities.diagnosticProvider = { identifier: 'dci-lint', interFileDependencies: true, workspaceDiagnostics: false };
  return result;
});

connection.onInitialized(() => {
  connection.console.info(
    `DCI Lint language server ${VERSION} (Node ${process.version}, ${client.pull ? 'pull' : 'push'} diagnostics); workspace folders: ${folderUris.join(', ') || 'none'}`,
  );
  // the figure main.ts started the worker with (lsp/workerStart.ts), not computed again
  const aheadMs = earlyWorkerStarted(() =>
    connection.console.log(`The analysis worker stopped: no large design in the first ${(aheadMs ?? 0) / 1000} s; the next one starts it again.`),
  );
  if (aheadMs !== undefined)
    connection.console.log(`The analysis worker started with the server, ahead of the first large design (it stops if none comes within ${aheadMs / 1000} s).`);
  // (a browser has no V8 version to report, nor a launcher to tune it)
  const v8Version = typeof process !== 'undefined' ? process.versions?.v8 : undefined;
  if (v8Version) connection.console.log(tieringNote(v8Version));
  const cache = codeCacheStatus();
  if (cache)
    connection.console.log(
      cache.status === 'off'
        ? 'V8 code cache: off.'
        : `V8 code cache: ${cache.status === 'used' ? 'used' : cache.status === 'rejected' ? 'rejected (damaged, or V8 refused it), made again after the first large design' : 'none yet, made after the first large design'} (${cache.file}).`,
    );
  if (client.dynamicConfiguration) connection.client.register(DidChangeConfigurationNotification.type, { section: 'dciLint' }).catch(() => undefined);
  if (client.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => f.uri));
      folderUris = [...folderUris.filter((u) => !removed.has(u)), ...e.added.map((f) => f.uri)];
      workspace.setFolders(folderUris);
      workspace.invalidate();
      revalidateAll();
    });
  }
});

connection.onDidChangeConfiguration((change) => {
  settingsCache.clear();
  if (!client.configuration) globalSettings = normalizeSettings((change.settings as { dciLint?: unknown } | undefined)?.dciLint);
  savedDiagnostics.clear();
  workspace.invalidate();
  revalidateAll();
});

connection.onDidChangeWatchedFiles(() => {
  // Files changed on disk (a save writes one too): forget what was read from disk and ask every document
  // again. An analysis is recomputed only if what it read changed, which its key tells: a Terraform module
  // tree's disk state, and the configuration (a .dci-lint.yaml parsed again only when its text differs,
  // so the same text is the same configuration). An open topology whose .dci-lint.yaml did not change is
  // judged from its own text and keeps its analysis: a 2,000-site design is not analysed again because
  // another file was saved, nor twice when a configuration already applied from the editor is saved.
  workspace.invalidate({ analyses: false });
  revalidateAll();
});

connection.onShutdown(() => {
  shuttingDown = true;
  workspace.dispose();
  for (const t of timers.values()) clearTimeout(t);
  timers.clear();
  clearTimeout(refreshTimer);
});

// --- features ----------------------------------------------------------------------------------

const offsetOf = (a: Analysis, p: { line: number; character: number }) => a.index.offset(p.line, p.character);

connection.onHover(
  guard('hover', null, async (p) => {
    const a = await analysisOf(p.textDocument.uri);
    return a ? (hover(a, workspace, offsetOf(a, p.position)) ?? null) : null;
  }),
);

connection.onCodeAction(
  guard('codeAction', [], async (p) => {
    const a = await analysisOf(p.textDocument.uri);
    return a ? codeActions(a, p) : [];
  }),
);

connection.languages.inlayHint.on(
  guard('inlayHint', [], async (p) => {
    const a = await analysisOf(p.textDocument.uri);
    if (!a || !(await settingsFor(a.uri)).inlayHints) return [];
    return inlayHints(a, workspace, p.range);
  }),
);

connection.onCodeLens(
  guard('codeLens', [], async (p) => {
    const a = await analysisOf(p.textDocument.uri);
    if (!a || !(await settingsFor(a.uri)).codeLens) return [];
    return codeLenses(a, workspace);
  }),
);

connection.onCompletion(
  guard('completion', [], async (p) => {
    const uri = p.textDocument.uri;
    const doc = documents.get(uri);
    if (!doc || workspace.kindOfDoc(doc) !== 'topology' || !(await settingsFor(uri)).enable) return [];
    // Completion runs on every keystroke: it uses the sites of the last lint rather than linting now.
    const designs = lastDesigns.get(uri) ?? (await analysisOf(uri))?.designs ?? [];
    const text = doc.getText();
    const index = new LineIndex(text);
    return completion({ text, index }, index.offset(p.position.line, p.position.character), designs);
  }),
);

connection.onDefinition(
  guard('definition', null, async (p) => {
    const a = await analysisOf(p.textDocument.uri);
    return a ? (definition(a, offsetOf(a, p.position)) ?? null) : null;
  }),
);

connection.onReferences(
  guard('references', [], async (p) => {
    const a = await analysisOf(p.textDocument.uri);
    return a ? references(a, offsetOf(a, p.position), p.context.includeDeclaration) : [];
  }),
);

connection.onPrepareRename(
  guard('prepareRename', null, async (p) => {
    const a = await analysisOf(p.textDocument.uri);
    return a ? (prepareRename(a, offsetOf(a, p.position)) ?? null) : null;
  }),
);

connection.onRenameRequest(
  guard('rename', null, async (p) => {
    const a = await analysisOf(p.textDocument.uri);
    return a ? (rename(a, offsetOf(a, p.position), p.newName) ?? null) : null;
  }),
);

connection.onDocumentSymbol(
  guard('documentSymbol', [], async (p) => {
    const a = await analysisOf(p.textDocument.uri);
    return a ? documentSymbols(a) : [];
  }),
);

// Not advertised (the VS Code client owns the command); other editors send it here.
connection.onExecuteCommand(
  guard('executeCommand', null, async (p) => {
    if (p.command !== SHOW_DOCS_COMMAND) return null;
    const url = String(p.arguments?.[1] ?? '');
    if (client.showDocument && url) await connection.window.showDocument({ uri: url, external: true });
    else if (url) connection.window.showInformationMessage(`DCI Lint documentation: ${url}`);
    return null;
  }),
);

registerViews({ connection, workspace, analysisOf, settingsFor, isOpen: (uri) => !!documents.get(uri), log });

process.on('uncaughtException', (e) => log(`uncaught: ${e.stack ?? String(e)}`));
process.on('unhandledRejection', (e) => log(`unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));

documents.listen(connection);
connection.listen();
