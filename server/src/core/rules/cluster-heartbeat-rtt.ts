import { CLUSTER } from '../limits';
import { describe, fmtMs, judge, pairData, siteRelated, verdict, worstPair } from './physics';
import type { Rule } from './types';

/** Kinds whose limit is the heartbeat interval itself (a heartbeat must be answered within it). */
const INTERVAL_KINDS = new Set(['wsfc', 'pacemaker', 'etcd']);

export const clusterHeartbeatRtt: Rule = {
  meta: {
    id: 'cluster-heartbeat-rtt',
    summary: 'Cluster heartbeat or election timers are consumed by the RTT between members (vMSC, WSFC, Pacemaker, etcd, Oracle RAC, SQL AG).',
    defaultSeverity: 'error',
    graded: true,
    fixable: false,
    options: Object.fromEntries(
      Object.entries(CLUSTER).map(([kind, row]) => [
        `${kind}Ms`,
        { default: row.value, description: `${row.label}: largest RTT between members`, source: row.source },
      ]),
    ),
  },
  check(ctx) {
    for (const c of ctx.design.clusters) {
      const row = CLUSTER[c.kind];
      if (!row) continue;
      const productMs =
        INTERVAL_KINDS.has(c.kind) && c.heartbeat?.intervalMs !== undefined ? c.heartbeat.intervalMs : Number(ctx.options[`${c.kind}Ms`] ?? row.value);
      // A stricter limit the design sets itself wins (it fails there first).
      const ownLimit = c.maxRttMs !== undefined && c.maxRttMs < productMs;
      const limitMs = ownLimit ? c.maxRttMs! : productMs;
      const members = c.witness ? [...c.sites, c.witness] : c.sites;
      const pair = worstPair(ctx, members);
      if (!pair) continue;
      const severity = judge(pair, limitMs);
      if (!severity) continue;
      const fromOverride = !ownLimit && INTERVAL_KINDS.has(c.kind) && c.heartbeat?.intervalMs !== undefined;
      ctx.report({
        severity,
        message: `${row.label} ${c.name}: members ${pair.from} and ${pair.to} are ${describe(pair)} apart, over the ${fmtMs(limitMs)} ms ${ownLimit ? 'maximum RTT set here' : fromOverride ? 'heartbeat interval set here' : 'the product tolerates'}; ${verdict(severity, pair, limitMs) || 'heartbeats are missed and the cluster fails over on its own'}. Keep members within a metro, or use asynchronous disaster recovery between regions.`,
        loc: c.at['sites'] ?? c.loc,
        data: {
          ...pairData(pair, limitMs),
          cluster: c.name,
          kind: c.kind,
          limitSource: ownLimit ? 'maximum RTT of the design' : fromOverride ? 'heartbeat.interval_ms' : row.source,
        },
        related: siteRelated(ctx, [pair.from, pair.to]),
      });
    }
  },
};
