import { SYNC_REPLICATION } from '../limits';
import { describe, fmtKm, fmtMs, judge, pairData, placedIds, siteRelated, verdict } from './physics';
import { managedProduct } from './managed-replication';
import type { Rule } from './types';

export const syncReplicationRtt: Rule = {
  meta: {
    id: 'sync-replication-rtt',
    summary: "Synchronous replication beyond the product's supported RTT or distance.",
    defaultSeverity: 'error',
    graded: true,
    fixable: true,
    options: Object.fromEntries(
      Object.entries(SYNC_REPLICATION).map(([p, row]) => [
        `${p}${row.unit === 'km' ? 'Km' : 'Ms'}`,
        { default: row.value, description: `${row.label}: limit in ${row.unit}`, source: row.source },
      ]),
    ),
  },
  check(ctx) {
    for (const r of ctx.design.replication) {
      // Managed services replicate as their product does: managed-replication judges them.
      if (r.mode !== 'synchronous' || managedProduct(r)) continue;
      const product = r.product && SYNC_REPLICATION[r.product] ? r.product : 'generic';
      const row = SYNC_REPLICATION[product]!;
      const optionKey = `${product}${row.unit === 'km' ? 'Km' : 'Ms'}`;
      const limit = r.maxRttMs ?? Number(ctx.options[optionKey] ?? row.value);
      const byKm = r.maxRttMs === undefined && row.unit === 'km';
      const label = r.product && !SYNC_REPLICATION[r.product] ? `synchronous replication (${r.product}: unknown product, generic limit)` : row.label;
      const fixes = r.at['mode'] ? [{ title: 'Switch to `mode: asynchronous`', edits: [{ ...r.at['mode'], newText: 'asynchronous' }], preferred: false }] : [];
      const ids = placedIds(ctx, r.sites);
      for (let i = 0; i < ids.length; i++)
        for (let j = i + 1; j < ids.length; j++) {
          const pair = ctx.pair(ids[i]!, ids[j]!);
          if (!pair || pair.from === pair.to) continue;
          if (byKm) {
            // Distance limits are cable lengths: the great circle is the least, the route factor the likely.
            const routeKm = pair.distanceKm * ctx.rtt.assumptions.fiberRouteFactor;
            const severity = pair.distanceKm > limit ? 'error' : routeKm > limit ? 'warning' : undefined;
            if (!severity) continue;
            ctx.report({
              severity,
              message: `${label} ${r.name}: ${pair.from} and ${pair.to} are ${fmtKm(pair.distanceKm)} km apart (about ${fmtKm(routeKm)} km of fiber route), over the ${fmtKm(limit)} km supported${severity === 'error' ? ': even a straight cable is too long' : ''}. Replicate asynchronously across this distance.`,
              loc: r.at['sites'] ?? r.loc,
              data: { sites: [pair.from, pair.to], distanceKm: pair.distanceKm, routeKm: Math.round(routeKm), limitKm: limit, replication: r.name, product },
              related: siteRelated(ctx, [pair.from, pair.to]),
              fixes,
            });
            continue;
          }
          const severity = judge(pair, limit);
          if (!severity) continue;
          ctx.report({
            severity,
            message: `${label} ${r.name}: ${pair.from} and ${pair.to} are ${describe(pair)} apart, over the ${fmtMs(limit)} ms ${r.maxRttMs !== undefined ? 'set by max_rtt_ms' : 'supported'}; ${verdict(severity, pair, limit) || 'every write waits one round trip'}. Replicate asynchronously across this distance.`,
            loc: r.at['sites'] ?? r.loc,
            data: { ...pairData(pair, limit), replication: r.name, product },
            related: siteRelated(ctx, [pair.from, pair.to]),
            fixes,
          });
        }
    }
  },
};
