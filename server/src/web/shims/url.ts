// `node:url` for the web worker: file URIs through vscode-uri, as VS Code itself writes them.
import { URI } from 'vscode-uri';

export function fileURLToPath(url: string | URL): string {
  return URI.parse(String(url)).fsPath;
}

export function pathToFileURL(path: string): URL {
  return { href: URI.file(path).toString() } as URL;
}

export default { fileURLToPath, pathToFileURL };
