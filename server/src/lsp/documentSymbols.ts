// Document symbols: sites, links, segments, clusters, migrations, replication, services (the outline).

import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Loc } from '../core';
import { rangeOf } from './diagnostics';
import { elementsOf, type ElementKind } from './rows';
import type { Analysis } from './workspace';

const GROUPS: Array<{ kind: ElementKind; title: string; symbol: SymbolKind }> = [
  { kind: 'link', title: 'links', symbol: SymbolKind.Interface },
  { kind: 'segment', title: 'segments', symbol: SymbolKind.Struct },
  { kind: 'cluster', title: 'clusters', symbol: SymbolKind.Class },
  { kind: 'migration', title: 'migrations', symbol: SymbolKind.Event },
  { kind: 'replication', title: 'replication', symbol: SymbolKind.Event },
  { kind: 'service', title: 'services', symbol: SymbolKind.Module },
];

export function documentSymbols(a: Analysis): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const range = (loc: Loc) => rangeOf(a.index, loc.start, loc.end);
  const group = (name: string, children: DocumentSymbol[], locs: Loc[]): void => {
    if (children.length === 0) return;
    const start = Math.min(...locs.map((l) => l.start));
    const end = Math.max(...locs.map((l) => l.end));
    const r = rangeOf(a.index, start, end);
    out.push({ name, kind: SymbolKind.Namespace, range: r, selectionRange: r, children });
  };
  for (const design of a.designs) {
    const sites = [...design.sites.values()].filter((s) => s.loc.file === a.uri);
    group(
      'sites',
      sites.map((s) => ({
        name: s.id,
        detail: s.name ?? s.placement?.origin ?? '',
        kind: SymbolKind.Constant,
        range: range(s.loc),
        selectionRange: range(s.idLoc),
      })),
      sites.map((s) => s.loc),
    );
    const elements = elementsOf(design).filter((de) => de.element.loc.file === a.uri);
    for (const g of GROUPS) {
      const list = elements.filter((de) => de.kind === g.kind);
      group(
        g.title,
        list.map((de) => {
          const name = de.element.at['name'];
          return {
            name: de.element.name || g.kind,
            detail: de.refs.map((r) => r.id).join(de.kind === 'migration' ? ' → ' : ', '),
            kind: g.symbol,
            range: range(de.element.loc),
            selectionRange: range(name && name.start >= de.element.loc.start && name.end <= de.element.loc.end ? name : de.element.loc),
          };
        }),
        list.map((de) => de.element.loc),
      );
    }
  }
  return out;
}
