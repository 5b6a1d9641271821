import type { Cluster } from '../design';
import { CLUSTER, COROSYNC_TOKEN } from '../limits';
import { describe, designLimit, evaluate, fmtMs, limitOption, optionLimit, pairData, provenanceNote, siteRelated, verdict, worstFailingRow } from './physics';
import type { AppliedLimit, Rule, RuleContext } from './types';

/** The kind's row in CLUSTER: NSX Federation has two, by what spans the locations. */
function kindOf(c: Cluster): string {
  return c.kind === 'nsx-federation' && c.spans === 'security' ? 'nsx-federation-security' : c.kind;
}

/**
 * The limit that applies to a cluster: the product's (an option), unless the design sets a stricter one:
 * `max_rtt_ms`; `heartbeat.interval_ms` (etcd: the heartbeat should be about the max RTT; Pacemaker: the
 * totem token); WSFC: Microsoft's tolerance, delay x threshold, from `heartbeat` when given.
 */
function clusterLimit(ctx: RuleContext, c: Cluster): AppliedLimit | undefined {
  const kind = kindOf(c);
  const row = CLUSTER[kind];
  if (!row) return undefined;
  let limit = optionLimit(ctx, `${kind}Ms`, row, row.label);
  const hb = c.heartbeat;
  if (c.kind === 'wsfc' && hb && (hb.intervalMs !== undefined || hb.threshold !== undefined)) {
    const delay = hb.intervalMs ?? 1000;
    const threshold = hb.threshold ?? 10;
    limit = designLimit(ctx, delay * threshold, 'heartbeat interval_ms x threshold', `${row.label}: delay ${fmtMs(delay)} ms x threshold ${threshold}`);
  } else if ((c.kind === 'etcd' || c.kind === 'pacemaker') && hb?.intervalMs !== undefined && hb.intervalMs < limit.value) {
    limit = designLimit(ctx, hb.intervalMs, 'heartbeat.interval_ms', `${row.label} ${c.kind === 'pacemaker' ? 'totem token' : 'heartbeat interval'}`);
  }
  // A stricter limit the design sets itself wins (it fails there first).
  if (c.maxRttMs !== undefined && c.maxRttMs < limit.value) limit = designLimit(ctx, c.maxRttMs, 'max_rtt_ms', `${row.label}: maximum RTT of the design`);
  return limit;
}

export const clusterHeartbeatRtt: Rule = {
  meta: {
    id: 'cluster-heartbeat-rtt',
    summary: 'Cluster heartbeat or election timers are consumed by the RTT between members (vMSC, WSFC, Pacemaker, etcd, Oracle RAC, SQL AG).',
    defaultSeverity: 'error',
    graded: true,
    fixable: false,
    options: Object.fromEntries(Object.entries(CLUSTER).map(([kind, row]) => [`${kind}Ms`, limitOption(row, `${row.label}: largest RTT between members`)])),
  },
  check(ctx) {
    for (const c of ctx.design.clusters) {
      const limit = clusterLimit(ctx, c);
      if (!limit) continue;
      const members = c.witness ? [...c.sites, c.witness] : c.sites;
      const worst = worstFailingRow(ctx, members, (pair) => evaluate(ctx, c, pair, limit));
      if (!worst) continue;
      const { pair } = worst;
      const severity = worst.verdict as 'error' | 'warning';
      const token =
        c.kind === 'pacemaker'
          ? ` Corosync's token defaults to ${fmtMs(COROSYNC_TOKEN.before31.value)} ms up to 3.0 and ${fmtMs(COROSYNC_TOKEN.from31.value)} ms from 3.1 (plus ${COROSYNC_TOKEN.coefficient.value} ms per node above two).`
          : '';
      ctx.report({
        severity,
        message: `${CLUSTER[kindOf(c)]!.label} ${c.name}: members ${pair.from} and ${pair.to} are ${describe(pair)} apart, over the ${fmtMs(limit.value)} ms ${limit.provenance.kind === 'design' ? `set here (${limit.provenance.key})` : limit.provenance.kind === 'heuristic' ? 'DCI Lint assumes (its design default: no vendor figure was found)' : `the product tolerates ${provenanceNote(limit)}`}; ${verdict(severity, pair, limit.value) || 'heartbeats are missed and the cluster fails over on its own'}.${token} Keep members within a metro, or use asynchronous disaster recovery between regions.`,
        loc: c.at['sites'] ?? c.loc,
        data: { ...pairData(pair, limit), cluster: c.name, kind: c.kind },
        related: siteRelated(ctx, [pair.from, pair.to]),
      });
    }
  },
};
