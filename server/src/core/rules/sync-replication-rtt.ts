import type { Replication } from '../design';
import { SYNC_COMPANIONS, SYNC_REPLICATION } from '../limits';
import { describe, designLimit, evaluate, fmtKm, fmtMs, limitOption, optionLimit, pairData, placedIds, provenanceNote, siteRelated, verdict } from './physics';
import { managedProduct } from './managed-replication';
import type { AppliedLimit, Rule, RuleContext } from './types';

const optionKey = (product: string) => `${product}${SYNC_REPLICATION[product]!.unit === 'km' ? 'Km' : 'Ms'}`;

/**
 * The limits a synchronous replication is held to: `max_rtt_ms` when the design sets it; else the
 * product's (VPLEX: 10 ms with `host_cross_connect`, 5 ms without; MetroCluster IP: km and ms together,
 * whichever comes first); unknown products get the generic limit.
 */
function replicationLimits(ctx: RuleContext, r: Replication): { product: string; label: string; limits: AppliedLimit[] } {
  const known = r.product !== undefined && SYNC_REPLICATION[r.product] !== undefined && !(r.product in SYNC_COMPANIONS);
  const product = known ? r.product! : 'generic';
  const label = r.product && !known ? `synchronous replication (${r.product}: unknown product, generic limit)` : SYNC_REPLICATION[product]!.label;
  if (r.maxRttMs !== undefined) return { product, label, limits: [designLimit(ctx, r.maxRttMs, 'max_rtt_ms', `${label}: max_rtt_ms`)] };
  const rowKey = product === 'vplex-metro' && r.hostCrossConnect ? 'vplex-metro-cross-connect' : product;
  const row = SYNC_REPLICATION[rowKey]!;
  const limits = [optionLimit(ctx, optionKey(rowKey), row, row.label)];
  if (product === 'netapp-metrocluster-ip') {
    const rtt = SYNC_REPLICATION['netapp-metrocluster-ip-rtt']!;
    limits.push(optionLimit(ctx, optionKey('netapp-metrocluster-ip-rtt'), rtt, rtt.label));
  }
  return { product, label, limits };
}

/** Products whose name says they are synchronous, and the name of the same product replicating asynchronously (Dell SRDF/S and SRDF/A). */
const ASYNC_PRODUCT: Record<string, string> = { 'srdf-s': 'srdf-a' };

export const syncReplicationRtt: Rule = {
  meta: {
    id: 'sync-replication-rtt',
    summary: "Synchronous replication beyond the product's supported RTT or distance.",
    defaultSeverity: 'error',
    graded: true,
    fixable: true,
    options: Object.fromEntries(Object.entries(SYNC_REPLICATION).map(([p, row]) => [optionKey(p), limitOption(row, `${row.label}: limit in ${row.unit}`)])),
  },
  check(ctx) {
    for (const r of ctx.design.replication) {
      // Managed services replicate as their product does: managed-replication judges them.
      if (r.mode !== 'synchronous' || managedProduct(r)) continue;
      const { product, label, limits } = replicationLimits(ctx, r);
      // a product named for its synchronous mode is renamed with it (SRDF/S -> SRDF/A): else the fixed design contradicts itself
      const asyncProduct = r.product !== undefined ? ASYNC_PRODUCT[r.product] : undefined;
      const renamed = asyncProduct && r.at['product'] ? [{ ...r.at['product'], newText: asyncProduct }] : [];
      const fixes = r.at['mode']
        ? [
            {
              title: `Switch to \`mode: asynchronous\`${renamed.length ? ` (\`product: ${asyncProduct}\`)` : ''}`,
              edits: [{ ...r.at['mode'], newText: 'asynchronous' }, ...renamed],
              preferred: false,
            },
          ]
        : [];
      const ids = placedIds(ctx, r.sites);
      for (let i = 0; i < ids.length; i++)
        for (let j = i + 1; j < ids.length; j++) {
          const pair = ctx.pair(ids[i]!, ids[j]!);
          if (!pair || pair.from === pair.to) continue;
          for (const limit of limits) {
            const row = evaluate(ctx, r, pair, limit);
            if (row.verdict === 'ok') continue;
            const severity = row.verdict;
            if (limit.unit === 'km') {
              // Distance limits are cable lengths: the great circle is the least, the route factor the likely.
              const routeKm = pair.distanceKm * ctx.rtt.assumptions.fiberRouteFactor;
              ctx.report({
                severity,
                message: `${label} ${r.name}: ${pair.from} and ${pair.to} are ${fmtKm(pair.distanceKm)} km apart (about ${fmtKm(routeKm)} km of fiber route), over the ${fmtKm(limit.value)} km ${limit.provenance.kind === 'heuristic' ? 'DCI Lint assumes (its design default: no vendor figure was found)' : `supported ${provenanceNote(limit)}`}${pair.distanceKm > limit.value ? ': even a straight cable is too long' : ''}. Replicate asynchronously across this distance.`,
                loc: r.at['sites'] ?? r.loc,
                data: { ...pairData(pair, limit), routeKm: Math.round(routeKm), replication: r.name, product },
                related: siteRelated(ctx, [pair.from, pair.to]),
                fixes,
              });
              continue;
            }
            ctx.report({
              severity,
              message: `${label} ${r.name}: ${pair.from} and ${pair.to} are ${describe(pair)} apart, over the ${fmtMs(limit.value)} ms ${limit.provenance.kind === 'design' ? 'set by max_rtt_ms' : limit.provenance.kind === 'heuristic' ? 'DCI Lint assumes (its design default)' : `supported ${provenanceNote(limit)}`}; ${verdict(severity, pair, limit.value) || 'every write waits one round trip'}. Replicate asynchronously across this distance.`,
              loc: r.at['sites'] ?? r.loc,
              data: { ...pairData(pair, limit), replication: r.name, product },
              related: siteRelated(ctx, [pair.from, pair.to]),
              fixes,
            });
          }
        }
    }
  },
};
