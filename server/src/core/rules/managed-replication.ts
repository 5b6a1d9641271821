// managed-replication: what physics implies for a managed multi-region data service (Aurora Global
// Database, RDS cross-Region replicas, DynamoDB global tables, Azure Cosmos DB, Cloud Spanner), and the
// configurations its vendor blocks. Every figure names the vendor document it comes from.

import type { Fix, Replication } from '../design';
import { MANAGED, MANAGED_PRODUCTS, SERVICES } from '../limits';
import type { PairRtt } from '../rtt';
import { describe, fmtKm, fmtMs, limitOption, numOption, placedIds, replaceFix, siteRelated, worstPair } from './physics';
import type { Rule, RuleContext } from './types';

/** Products that replicate asynchronously whatever the design says. */
const ASYNC = new Set(['aurora-global', 'rds-cross-region', 'dynamodb-global']);

/** The product of a replication entry when it is a managed one. */
export function managedProduct(r: Replication): string | undefined {
  return r.product !== undefined && MANAGED_PRODUCTS[r.product] ? r.product : undefined;
}

/** The pair of placed sites farthest apart (great-circle distance), or undefined. */
function farthestByDistance(ctx: RuleContext, ids: string[]): PairRtt | undefined {
  let far: PairRtt | undefined;
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const p = ctx.pair(ids[i]!, ids[j]!);
      if (p && (!far || p.distanceKm > far.distanceKm)) far = p;
    }
  return far;
}

/** From one site to the farthest (by RTT) of the others. */
function farthestFrom(ctx: RuleContext, from: string, ids: string[]): PairRtt | undefined {
  let far: PairRtt | undefined;
  for (const id of ids) {
    if (id === from) continue;
    const p = ctx.pair(from, id);
    if (p && (!far || p.rttMs > far.rttMs)) far = p;
  }
  return far;
}

const oneWay = (p: PairRtt) =>
  `at least ${fmtMs(p.lowerBoundMs / 2)} ms (one-way delay over ${fmtKm(p.distanceKm)} km; about ${fmtMs(p.rttMs / 2)} ms on the estimated route)`;

export const managedReplication: Rule = {
  meta: {
    id: 'managed-replication',
    summary:
      'What physics implies for a managed multi-region data service (Aurora, RDS, DynamoDB global tables, Cosmos DB, Spanner): lag and conflict windows, strong writes over budget, and what the vendor blocks.',
    defaultSeverity: 'info',
    graded: false,
    fixable: true,
    options: {
      cosmosStrongMaxKm: limitOption(MANAGED.cosmosStrongMaxKm, 'Azure Cosmos DB: distance between regions beyond which strong consistency is blocked'),
      cosmosStrongOverheadMs: limitOption(MANAGED.cosmosStrongOverheadMs, 'Azure Cosmos DB: added to 2 x RTT for a strong write across regions (p99)'),
      writeBudgetMs: limitOption(
        SERVICES.requestBudgetMs,
        'write latency a strongly consistent service (Cosmos DB strong, Spanner) may impose before a warning',
      ),
      auroraMaxSecondaries: limitOption(MANAGED.auroraMaxSecondaries, 'Aurora Global Database: secondary Regions per global database'),
    },
  },
  check(ctx) {
    for (const r of ctx.design.replication) {
      const product = managedProduct(r);
      if (!product) continue;
      const { label, source } = MANAGED_PRODUCTS[product]!;
      const ids = placedIds(ctx, r.sites);
      const loc = r.at['sites'] ?? r.loc;
      const base = { replication: r.name, product, source };

      if (ASYNC.has(product) && r.mode === 'synchronous' && r.at['mode']) {
        ctx.report({
          severity: 'warning',
          message: `${label} ${r.name} replicates asynchronously: \`mode: synchronous\` is not something it offers, and a design that counts on it loses the writes in flight when a Region fails.`,
          loc: r.at['mode'],
          data: base,
          fixes: [replaceFix('Set `mode: asynchronous`', r.at['mode'], 'asynchronous', true)],
        });
      }

      if (product === 'aurora-global' && new Set(r.sites.map((s) => s.id)).size - 1 > numOption(ctx, 'auroraMaxSecondaries')) {
        const max = numOption(ctx, 'auroraMaxSecondaries');
        ctx.report({
          severity: 'error',
          message: `${label} ${r.name} has ${new Set(r.sites.map((s) => s.id)).size - 1} secondary Regions; AWS allows at most ${max} per global database (${MANAGED.auroraMaxSecondaries.source}).`,
          loc,
          data: { ...base, limit: max },
        });
      }
      if (ids.length < 2) continue;

      if (product === 'cosmosdb') {
        cosmos(ctx, r, ids, label, base);
        continue;
      }

      if (product === 'spanner') {
        const leaderId = r.leader && ids.includes(r.leader.id) ? r.leader.id : ids[0]!;
        if (r.leader && !r.sites.some((s) => s.id === r.leader!.id)) {
          ctx.report({
            severity: 'warning',
            message: `${label} ${r.name}: the leader \`${r.leader.id}\` is not one of its sites; the default leader is one of the instance's read-write regions.`,
            loc: r.leader.loc,
            data: base,
          });
        }
        const voters = ids.filter((id) => id !== leaderId);
        let quorum: PairRtt | undefined;
        for (const id of voters) {
          const p = ctx.pair(leaderId, id);
          if (p && (!quorum || p.rttMs < quorum.rttMs)) quorum = p;
        }
        const far = farthestFrom(ctx, leaderId, ids);
        if (!quorum || !far) continue;
        // A write from the farthest read-write region travels to the leader and waits for the vote.
        const budget = numOption(ctx, 'writeBudgetMs');
        const writeMs = far.rttMs + quorum.rttMs;
        const writeLbMs = far.lowerBoundMs + quorum.lowerBoundMs;
        const severity = writeLbMs > budget ? 'error' : writeMs > budget ? 'warning' : undefined;
        if (!severity) continue;
        ctx.report({
          severity,
          message:
            `${label} ${r.name}: writes are processed at the leader ${leaderId}${r.leader?.id === leaderId ? '' : ' (assumed: the first site)'} and committed with a vote from another read-write region ` +
            `(${leaderId} -> ${quorum.to}: ${describe(quorum)}); a write from ${far.to} first crosses ${describe(far)} to the leader: about ${fmtMs(writeMs)} ms per write, at least ${fmtMs(writeLbMs)} ms, ` +
            `over the ${fmtMs(budget)} ms write budget${severity === 'error' ? ': no network can do this' : ''}. Put the leader where most writes come from, or keep the instance's read-write regions on one continent (Google Cloud, Spanner "Region types").`,
          loc: r.at['leader'] ?? loc,
          data: {
            ...base,
            leader: leaderId,
            commitRttMs: quorum.rttMs,
            commitLowerBoundMs: quorum.lowerBoundMs,
            farthestSite: far.to,
            writeLatencyMs: writeMs,
            writeLatencyLowerBoundMs: writeLbMs,
            budgetMs: budget,
          },
          related: siteRelated(ctx, [leaderId, quorum.to, far.to]),
        });
        continue;
      }

      if (product === 'dynamodb-global') {
        const worst = worstPair(ctx, r.sites);
        if (!worst) continue;
        ctx.report({
          message:
            `${label} ${r.name} accept writes in every Region and settle conflicts by last writer wins: two updates of the same item at ${worst.from} and ${worst.to} ` +
            `less than the replication delay apart, ${oneWay(worst)} and in practice more, silently keep only one. Route each item's writes to one Region, or use the strongly consistent (MRSC) mode where it is offered (AWS, "How DynamoDB global tables work").`,
          loc,
          data: {
            ...base,
            sites: [worst.from, worst.to],
            oneWayLowerBoundMs: worst.lowerBoundMs / 2,
            oneWayEstimateMs: worst.rttMs / 2,
            distanceKm: worst.distanceKm,
          },
          related: siteRelated(ctx, [worst.from, worst.to]),
        });
        continue;
      }

      // aurora-global, rds-cross-region: asynchronous from the primary (the first site) to each replica.
      const primary = ids[0]!;
      const far = farthestFrom(ctx, primary, ids);
      if (!far) continue;
      const typical = product === 'aurora-global' ? `; AWS: typically under ${fmtMs(MANAGED.auroraTypicalLagMs.value / 1000)} s` : '';
      ctx.report({
        message:
          `${label} ${r.name} replicates asynchronously from the primary ${primary}: ${far.to} lags ${oneWay(far)}${typical}. ` +
          `Writes acknowledged at ${primary} and not yet replicated are lost if its Region fails (RPO above zero); reads at ${far.to} can be stale by that much.`,
        loc,
        data: { ...base, primary, farthest: far.to, lagLowerBoundMs: far.lowerBoundMs / 2, lagEstimateMs: far.rttMs / 2, distanceKm: far.distanceKm },
        related: siteRelated(ctx, [primary, far.to]),
      });
    }
  },
};

/** Azure Cosmos DB: strong consistency across regions, multi-region writes, and what each implies. */
function cosmos(ctx: RuleContext, r: Replication, ids: string[], label: string, base: Record<string, unknown>): void {
  const strong = r.consistency === 'strong';
  const far = farthestByDistance(ctx, ids);
  const worst = worstPair(ctx, r.sites);
  if (!far || !worst) return;
  const overhead = numOption(ctx, 'cosmosStrongOverheadMs');
  const maxKm = numOption(ctx, 'cosmosStrongMaxKm');
  const writeMs = 2 * worst.rttMs + overhead;
  const writeLbMs = 2 * worst.lowerBoundMs + overhead;
  const consistencyLoc = r.at['consistency'] ?? r.at['sites'] ?? r.loc;
  const weaker = (text: string): Fix[] =>
    r.at['consistency'] ? [replaceFix(text, r.at['consistency'], r.consistencyText?.['bounded-staleness'] ?? 'bounded-staleness', true)] : [];
  // Weaker levels replicate asynchronously by the user's choice, within Microsoft's stated RPO: nothing to say.
  if (!strong) return;
  if (r.multiRegionWrites) {
    ctx.report({
      severity: 'error',
      message: `${label} ${r.name}: strong consistency cannot be combined with multi-region writes (Microsoft, "Consistency levels in Azure Cosmos DB"). Choose one: strong with a single write region, or multi-region writes with a weaker level.`,
      loc: r.at['multi_region_writes'] ?? consistencyLoc,
      data: { ...base, consistency: 'strong', multiRegionWrites: true },
      fixes: [
        ...weaker('Use bounded-staleness consistency'),
        ...(r.at['multi_region_writes'] ? [replaceFix('Set `multi_region_writes: false`', r.at['multi_region_writes'], 'false')] : []),
      ],
    });
  }
  if (far.distanceKm > maxKm) {
    ctx.report({
      severity: 'error',
      message:
        `${label} ${r.name}: strong consistency between ${far.from} and ${far.to}, ${fmtKm(far.distanceKm)} km apart: Azure blocks strong consistency by default for regions more than ${fmtKm(maxKm)} km apart. ` +
        `Were it allowed, every write would wait about 2 x ${fmtMs(worst.rttMs)} + ${fmtMs(overhead)} = ${fmtMs(writeMs)} ms (p99; at least ${fmtMs(writeLbMs)} ms: no network can do better). Use bounded staleness, or keep strong consistency within one geography.`,
      loc: consistencyLoc,
      data: {
        ...base,
        consistency: 'strong',
        sites: [far.from, far.to],
        distanceKm: far.distanceKm,
        limitKm: maxKm,
        writeLatencyMs: writeMs,
        writeLatencyLowerBoundMs: writeLbMs,
      },
      related: siteRelated(ctx, [far.from, far.to]),
      fixes: weaker('Use bounded-staleness consistency'),
    });
    return;
  }
  if (r.multiRegionWrites) return;
  const budget = numOption(ctx, 'writeBudgetMs');
  const severity = writeLbMs > budget ? 'error' : writeMs > budget ? 'warning' : undefined;
  if (!severity) return;
  ctx.report({
    severity,
    message:
      `${label} ${r.name}: strong consistency across regions: every write waits for the farthest region, about 2 x ${fmtMs(worst.rttMs)} + ${fmtMs(overhead)} = ${fmtMs(writeMs)} ms (p99; ${worst.from} -> ${worst.to}: ${describe(worst)}), ` +
      `over the ${fmtMs(budget)} ms write budget${severity === 'error' ? `: no network can do this (at least ${fmtMs(writeLbMs)} ms)` : ''}. Microsoft: write latency is about 2 x RTT between the two farthest regions + 10 ms ("Consistency levels in Azure Cosmos DB"). Use bounded staleness, or keep the strong account's regions close.`,
    loc: consistencyLoc,
    data: {
      ...base,
      consistency: 'strong',
      sites: [worst.from, worst.to],
      rttMs: worst.rttMs,
      lowerBoundMs: worst.lowerBoundMs,
      writeLatencyMs: writeMs,
      writeLatencyLowerBoundMs: writeLbMs,
      budgetMs: budget,
    },
    related: siteRelated(ctx, [worst.from, worst.to]),
    fixes: weaker('Use bounded-staleness consistency'),
  });
}
