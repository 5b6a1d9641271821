// The RTT rows of a design element (the pairs a link, segment, cluster, migration or replication
// depends on) with the limit that applies to each. The limits and verdicts are the rules' own: every rule
// records the pairs it judged (LimitRow, core/rules/types.ts) and this module only selects them; it never
// re-derives a limit. Elements no rule judges (links, cold migrations, asynchronous replication) get
// their pairs without a limit.

import type { AppliedLimit, Design, Element, LimitRow, Loc, PairRtt, RttModel, SiteRef, Verdict } from '../core';

export type ElementKind = 'link' | 'segment' | 'cluster' | 'migration' | 'replication' | 'service';

export type { AppliedLimit };

export interface Row {
  from: string;
  to: string;
  pair?: PairRtt;
  limit?: AppliedLimit;
  role?: 'witness';
  /** the rule's verdict, when a rule judged the pair */
  verdict?: Verdict;
}

export interface DesignElement {
  kind: ElementKind;
  element: Element;
  /** the site list the element is about (`between`, `sites`, `path`) and its key */
  refs: SiteRef[];
  listKey: string;
  design: Design;
}

export function elementsOf(design: Design): DesignElement[] {
  const out: DesignElement[] = [];
  for (const e of design.links) out.push({ kind: 'link', element: e, refs: e.between, listKey: 'between', design });
  for (const e of design.segments) out.push({ kind: 'segment', element: e, refs: e.sites, listKey: 'sites', design });
  for (const e of design.clusters) out.push({ kind: 'cluster', element: e, refs: e.sites, listKey: 'sites', design });
  for (const e of design.migrations) out.push({ kind: 'migration', element: e, refs: e.path, listKey: 'path', design });
  for (const e of design.replication) out.push({ kind: 'replication', element: e, refs: e.sites, listKey: 'sites', design });
  for (const e of design.services) out.push({ kind: 'service', element: e, refs: e.sites, listKey: 'sites', design });
  return out;
}

/** Every site reference of a design, with what it belongs to. */
export function siteRefsOf(design: Design): Array<{ ref: SiteRef; owner: DesignElement }> {
  const out: Array<{ ref: SiteRef; owner: DesignElement }> = [];
  for (const owner of elementsOf(design)) {
    for (const ref of owner.refs) out.push({ ref, owner });
    const e = owner.element as Element & { witness?: SiteRef; gateway?: { activeSite?: SiteRef } };
    if (owner.kind === 'cluster' && e.witness) out.push({ ref: e.witness, owner });
    if (owner.kind === 'segment' && e.gateway?.activeSite) out.push({ ref: e.gateway.activeSite, owner });
  }
  return out;
}

function pairs(refs: SiteRef[]): Array<[string, string]> {
  const ids = [...new Set(refs.map((r) => r.id))];
  const out: Array<[string, string]> = [];
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.push([ids[i]!, ids[j]!]);
  return out;
}

/** The pairs of an element: the rows the rules judged, or its pairs without a limit when no rule judged any. */
export function rowsOf(de: DesignElement, model: RttModel, judged: readonly LimitRow[]): Row[] {
  const own = judged.filter((r) => r.element === de.element);
  if (own.length > 0) {
    return own.map((r) => {
      const row: Row = { from: r.from, to: r.to, pair: r.pair, limit: r.limit, verdict: r.verdict };
      if (r.role) row.role = r.role;
      return row;
    });
  }
  const row = (from: string, to: string): Row => {
    const pair = model.pair(from, to);
    return pair ? { from, to, pair } : { from, to };
  };
  if (de.kind === 'migration') {
    const out: Row[] = [];
    for (let i = 0; i + 1 < de.refs.length; i++) if (de.refs[i]!.id !== de.refs[i + 1]!.id) out.push(row(de.refs[i]!.id, de.refs[i + 1]!.id));
    return out;
  }
  const e = de.element as Element & { witness?: SiteRef };
  const members = de.kind === 'cluster' && e.witness ? [...de.refs, e.witness] : de.refs;
  return pairs(members).map(([a, b]) => row(a, b));
}

/** The row with the largest RTT (ties: the larger lower bound). */
export function worstRow(rows: Row[]): Row | undefined {
  let worst: Row | undefined;
  for (const r of rows) {
    if (!r.pair) continue;
    if (!worst?.pair || r.pair.rttMs > worst.pair.rttMs || (r.pair.rttMs === worst.pair.rttMs && r.pair.lowerBoundMs > worst.pair.lowerBoundMs)) worst = r;
  }
  return worst;
}

export type RowVerdict = Verdict | 'none';

/** The rule's verdict of a row; 'none' when no limit applies or a site is not placed. */
export function rowVerdict(r: Row): RowVerdict {
  return r.pair && r.limit && r.verdict ? r.verdict : 'none';
}

export function contains(loc: Loc, offset: number): boolean {
  return offset >= loc.start && offset <= loc.end;
}
