// What the Output channel says: the server's version at start, each analysis (what was linted, how
// long it took, which configuration applied, what it found), and errors (logged where they happen).

import type { Analysis, Workspace } from './workspace';

export class LintLog {
  private readonly seen = new WeakSet<Analysis>();
  private readonly lastConfig = new Map<string, string>();

  constructor(
    private readonly write: (message: string) => void,
    private readonly workspace: Workspace,
  ) {}

  /** One line per new analysis (a cached one is not logged again), with the time it took. */
  note(a: Analysis | undefined): void {
    if (!a || this.seen.has(a)) return;
    this.seen.add(a);
    const count = (s: string) => a.findings.filter((f) => f.severity === s).length;
    const [e, w, i] = [count('error'), count('warning'), count('info') + count('hint')];
    const config = a.kind === 'config' ? '' : (this.workspace.configFor(a.uri).file ?? 'defaults (no .dci-lint.yaml)');
    const sites = a.designs.reduce((n, d) => n + d.sites.size, 0);
    let line = `linted ${a.uri} (${a.kind}, version ${a.version}${a.kind === 'terraform' ? `, ${[...a.texts.keys()].length} module files` : ''}): ${plural(sites, 'site')}, ${plural(e, 'error')}, ${plural(w, 'warning')}, ${i} info in ${a.elapsedMs.toFixed(0)} ms`;
    if (config && this.lastConfig.get(a.uri) !== config) {
      line += `; config: ${config}`;
      this.lastConfig.set(a.uri, config);
    }
    this.write(line);
  }

  forget(uri: string): void {
    this.lastConfig.delete(uri);
  }
}

/** "1 warning", "0 errors". */
function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
