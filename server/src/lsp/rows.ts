// The RTT rows of a design element (the pairs a link, segment, cluster, migration or replication
// depends on) with the limit that applies to each. Limits come from the same tables and rule options
// the rules use; judging stays in the rules, this only shows the figures side by side.

import {
  CLUSTER,
  MANAGED_PRODUCTS,
  ruleOptions,
  STRETCHED_L2,
  SYNC_REPLICATION,
  VSAN,
  type Config,
  type Design,
  type Element,
  type Loc,
  type PairRtt,
  type RttModel,
  type SiteRef,
} from '../core';
import { vmotionLimit, isLive } from '../core/rules/migration';
import type { RuleContext } from '../core/rules/types';

export type ElementKind = 'link' | 'segment' | 'cluster' | 'migration' | 'replication' | 'service';

export interface AppliedLimit {
  value: number;
  unit: 'ms' | 'km';
  label: string;
  source: string;
  ruleId: string;
}

export interface Row {
  from: string;
  to: string;
  pair?: PairRtt;
  limit?: AppliedLimit;
  role?: 'witness';
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

function opt(config: Config, ruleId: string, key: string, fallback: number): number {
  const v = Number(ruleOptions(ruleId, config)[key]);
  return Number.isFinite(v) ? v : fallback;
}

export function rowsOf(de: DesignElement, model: RttModel, config: Config): Row[] {
  const row = (from: string, to: string, limit?: AppliedLimit, role?: 'witness'): Row => {
    const r: Row = { from, to };
    const pair = model.pair(from, to);
    if (pair) r.pair = pair;
    if (limit) r.limit = limit;
    if (role) r.role = role;
    return r;
  };
  switch (de.kind) {
    case 'link':
      return pairs(de.refs).map(([a, b]) => row(a, b));
    case 'segment': {
      const limit: AppliedLimit = {
        value: opt(config, 'stretched-l2-distance', 'maxRttMs', STRETCHED_L2.metroRtt.value),
        unit: 'ms',
        label: 'metro layer-2 domain',
        source: STRETCHED_L2.metroRtt.source,
        ruleId: 'stretched-l2-distance',
      };
      return pairs(de.refs).map(([a, b]) => row(a, b, limit));
    }
    case 'migration': {
      const m = de.element as Parameters<typeof isLive>[0];
      let limit: AppliedLimit | undefined;
      if (isLive(m)) {
        const ctx = { options: ruleOptions('vmotion-rtt', config) } as unknown as RuleContext;
        const l = vmotionLimit(ctx, m);
        limit = { value: l.limitMs, unit: 'ms', label: l.label, source: l.source, ruleId: 'vmotion-rtt' };
      }
      const out: Row[] = [];
      for (let i = 0; i + 1 < de.refs.length; i++) if (de.refs[i]!.id !== de.refs[i + 1]!.id) out.push(row(de.refs[i]!.id, de.refs[i + 1]!.id, limit));
      return out;
    }
    case 'cluster': {
      const c = de.element as Element & { kind: string; witness?: SiteRef; hostsPerSite?: number; heartbeat?: { intervalMs?: number } };
      if (c.kind === 'vsan-stretched') {
        const data: AppliedLimit = {
          value: opt(config, 'vsan-stretched-rtt', 'dataSitesMs', VSAN.dataSites.value),
          unit: 'ms',
          label: 'vSAN data sites',
          source: VSAN.dataSites.source,
          ruleId: 'vsan-stretched-rtt',
        };
        const large = (c.hostsPerSite ?? 0) > opt(config, 'vsan-stretched-rtt', 'largeHostsPerSite', VSAN.largeHostsPerSite.value);
        const w = large ? VSAN.witnessLarge : VSAN.witness;
        const witness: AppliedLimit = {
          value: opt(config, 'vsan-stretched-rtt', large ? 'witnessLargeMs' : 'witnessMs', w.value),
          unit: 'ms',
          label: 'vSAN witness',
          source: w.source,
          ruleId: 'vsan-stretched-rtt',
        };
        const out = pairs(de.refs).map(([a, b]) => row(a, b, data));
        if (c.witness) for (const r of de.refs) if (r.id !== c.witness.id) out.push(row(c.witness.id, r.id, witness, 'witness'));
        return out;
      }
      const spec = CLUSTER[c.kind];
      const members = c.witness ? [...de.refs, c.witness] : de.refs;
      if (!spec) return pairs(members).map(([a, b]) => row(a, b));
      const interval = ['wsfc', 'pacemaker', 'etcd'].includes(c.kind) ? c.heartbeat?.intervalMs : undefined;
      const limit: AppliedLimit =
        interval !== undefined
          ? {
              value: interval,
              unit: 'ms',
              label: `${spec.label} heartbeat interval`,
              source: 'heartbeat.interval_ms in this design',
              ruleId: 'cluster-heartbeat-rtt',
            }
          : {
              value: opt(config, 'cluster-heartbeat-rtt', `${c.kind}Ms`, spec.value),
              unit: 'ms',
              label: spec.label,
              source: spec.source,
              ruleId: 'cluster-heartbeat-rtt',
            };
      return pairs(members).map(([a, b]) => row(a, b, limit));
    }
    case 'replication': {
      const r = de.element as Element & { mode: string; product?: string; maxRttMs?: number };
      let limit: AppliedLimit | undefined;
      // Managed products are judged by managed-replication, not by a synchronous RTT limit.
      if (r.mode === 'synchronous' && !(r.product !== undefined && r.product in MANAGED_PRODUCTS)) {
        const product = r.product && SYNC_REPLICATION[r.product] ? r.product : 'generic';
        const spec = SYNC_REPLICATION[product]!;
        limit =
          r.maxRttMs !== undefined
            ? { value: r.maxRttMs, unit: 'ms', label: 'max_rtt_ms', source: 'max_rtt_ms in this design', ruleId: 'sync-replication-rtt' }
            : {
                value: opt(config, 'sync-replication-rtt', `${product}${spec.unit === 'km' ? 'Km' : 'Ms'}`, spec.value),
                unit: spec.unit === 'km' ? 'km' : 'ms',
                label: spec.label,
                source: spec.source,
                ruleId: 'sync-replication-rtt',
              };
      }
      return pairs(de.refs).map(([a, b]) => row(a, b, limit));
    }
    case 'service':
      // The RTT between instances; what users see is user-latency's, per user group.
      return pairs(de.refs).map(([a, b]) => row(a, b));
  }
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

export type Verdict = 'error' | 'warning' | 'ok' | 'none';

/** The same physics grading the rules apply, for showing a row's status. */
export function rowVerdict(r: Row, fiberRouteFactor: number): Verdict {
  if (!r.pair || !r.limit) return 'none';
  if (r.limit.unit === 'km') return r.pair.distanceKm > r.limit.value ? 'error' : r.pair.distanceKm * fiberRouteFactor > r.limit.value ? 'warning' : 'ok';
  if (r.pair.lowerBoundMs > r.limit.value) return 'error';
  if (r.pair.rttMs > r.limit.value) return r.pair.measured ? 'error' : 'warning';
  return 'ok';
}

export function contains(loc: Loc, offset: number): boolean {
  return offset >= loc.start && offset <= loc.end;
}
