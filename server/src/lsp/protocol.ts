// The names of DCI Lint's own messages beside LSP, for the server and the VS Code clients alike (imports
// nothing, so the clients can bundle it). Other editors may send the requests too (docs/editors.md).

/** Request `{ uri }`: the design of a document as the map and the RTT matrix show it (lsp/views.ts MapResult). */
export const MAP_REQUEST = 'dciLint/map';
/** Request `{ uris }`: diagnostics of files that need not be open (Lint Workspace). */
export const LINT_FILES_REQUEST = 'dciLint/lintFiles';
/** Notification from the web client: workspace files the browser server cannot read itself (web/server.ts FilesParams). */
export const FILES_NOTIFICATION = 'dciLint/files';
