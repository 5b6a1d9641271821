// `dciLint.trace.server` on its own turns the protocol trace on. vscode-languageclient 10+ traces only
// when its trace channel's log level is Trace (a second setting, hidden in "Developer: Set Log Level");
// this channel reports Trace exactly when the setting asks for a trace, and writes into the DCI Lint
// Output channel.

import * as vscode from 'vscode';

export function traceChannel(output: vscode.LogOutputChannel): vscode.LogOutputChannel & vscode.Disposable {
  const emitter = new vscode.EventEmitter<vscode.LogLevel>();
  const level = () => (vscode.workspace.getConfiguration('dciLint').get<string>('trace.server', 'off') === 'off' ? vscode.LogLevel.Off : vscode.LogLevel.Trace);
  let current = level();
  const listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('dciLint.trace.server')) return;
    const next = level();
    if (next !== current) emitter.fire((current = next));
  });
  const write = (message: string) => output.appendLine(message);
  return {
    name: output.name,
    get logLevel() {
      return current;
    },
    onDidChangeLogLevel: emitter.event,
    trace: write,
    debug: write,
    info: write,
    warn: write,
    error: (e: string | Error) => write(typeof e === 'string' ? e : (e.stack ?? e.message)),
    append: (v: string) => output.append(v),
    appendLine: write,
    replace: (v: string) => output.replace(v),
    clear: () => undefined,
    show: (a?: unknown, b?: boolean) => output.show(typeof a === 'boolean' ? a : b),
    hide: () => output.hide(),
    dispose: () => {
      listener.dispose();
      emitter.dispose();
    },
  } as vscode.LogOutputChannel & vscode.Disposable;
}
