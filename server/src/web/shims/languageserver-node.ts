// `vscode-languageserver/node` for the web worker: the same API from `vscode-languageserver/browser`,
// and a createConnection that talks to the web client through the worker's postMessage. The connection
// is kept so the web entry (web/server.ts) can add its own notifications.
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  createConnection as createBrowserConnection,
  type Connection,
  ProposedFeatures,
} from 'vscode-languageserver/browser';

export * from 'vscode-languageserver/browser';

declare const self: object;
let current: Connection | undefined;

export function createConnection(): Connection {
  // The Node server passes ProposedFeatures.all and picks the transport from argv; a worker has one.
  current = createBrowserConnection(ProposedFeatures.all, new BrowserMessageReader(self as never), new BrowserMessageWriter(self as never));
  return current;
}

export function connectionOf(): Connection | undefined {
  return current;
}
