// The DCI Lint language server in a web worker (vscode.dev, github.dev): the same server as
// server/src/server.ts, built for the browser (build.mjs, `web` bundle). Node's fs, url and the Node
// connection are replaced by the shims beside this file; the web client sends the workspace's
// topology, Terraform and configuration files with `dciLint/files`, so a Terraform module and a
// `.dci-lint.yaml` are read as on the desktop and the findings are the same.
import { setFile } from './shims/fs';
import { fileURLToPath } from './shims/url';
import { connectionOf } from './shims/languageserver-node';
import '../server';
import { FILES_NOTIFICATION } from '../lsp/protocol';

export interface FilesParams {
  /** files to add or replace: URI (as the client converts it, `file:`) and text */
  set?: Array<{ uri: string; text: string }>;
  /** URIs of files that are gone */
  deleted?: string[];
}

connectionOf()?.onNotification(FILES_NOTIFICATION, (params: FilesParams) => {
  for (const f of params.set ?? []) setFile(fileURLToPath(f.uri), f.text);
  for (const uri of params.deleted ?? []) setFile(fileURLToPath(uri), undefined);
});
