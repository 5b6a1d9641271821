// The names of DCI Lint's own messages beside LSP, for the server and the VS Code clients alike (imports
// nothing, so the clients can bundle it). Other editors may send the requests too (docs/editors.md).

/** Request `{ uri }`: the design of a document as the map and the RTT matrix show it (lsp/views.ts MapResult). */
export const MAP_REQUEST = 'dciLint/map';
/** Request `{ uris }`: diagnostics of files that need not be open (Lint Workspace). */
export const LINT_FILES_REQUEST = 'dciLint/lintFiles';
/** Notification from the web client: workspace files the browser server cannot read itself (web/server.ts FilesParams). */
export const FILES_NOTIFICATION = 'dciLint/files';

/**
 * The code of the diagnostic that says how many findings of a file were left out (more than the 1,000 an
 * editor shows, lsp/diagnostics.ts); its `data.truncated` holds every finding's count by severity, which
 * the client's status item shows instead of counting what was published.
 */
export const TRUNCATED_CODE = 'truncated';

/** `data.truncated` of that diagnostic: every finding of the file, by severity (info counts hints too). */
export interface TruncationTotals {
  problems: number;
  errors: number;
  warnings: number;
  info: number;
}
