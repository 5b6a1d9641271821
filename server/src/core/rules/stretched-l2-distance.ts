import type { Segment, SiteRef, TextEdit } from '../design';
import { STRETCHED_L2 } from '../limits';
import { describe, fmtMs, limitOption, optionLimit, pairData, provenanceNote, siteRelated, worstFailingRow } from './physics';
import type { LimitRow, Rule, RuleContext } from './types';

/** The site the segment is anchored at: its active gateway, else its first placed site. */
export function anchorOf(ctx: RuleContext, seg: Segment): SiteRef | undefined {
  const gw = seg.gateway?.activeSite;
  if (gw && ctx.rtt.has(gw.id)) return gw;
  return seg.sites.find((r) => ctx.rtt.has(r.id));
}

export const stretchedL2Distance: Rule = {
  meta: {
    id: 'stretched-l2-distance',
    summary: 'A layer-2 segment spans sites beyond metro distance: one failure domain across regions.',
    defaultSeverity: 'warning',
    // Not graded: layer 2 does cross any distance; the 10 ms is where it stops being a good idea
    // (one failure domain across regions), not where physics forbids it. Always a warning.
    graded: false,
    fixable: true,
    options: {
      maxRttMs: limitOption(STRETCHED_L2.metroRtt, 'largest RTT between sites of one L2 domain'),
    },
  },
  check(ctx) {
    const limit = optionLimit(ctx, 'maxRttMs', STRETCHED_L2.metroRtt, 'metro layer-2 domain');
    const limitMs = limit.value;
    for (const seg of ctx.design.segments) {
      // Every pair is a row (the hover shows them); the estimate decides, always at warning (see `graded`).
      const worst = worstFailingRow(ctx, seg.sites, (p) => {
        const row: LimitRow = { ruleId: ctx.ruleId, element: seg, from: p.from, to: p.to, pair: p, limit, verdict: p.rttMs > limitMs ? 'warning' : 'ok' };
        ctx.row(row);
        return row;
      });
      if (!worst) continue;
      const pair = worst.pair;
      // Fix: keep the sites within the limit of the anchor, drop the others.
      const anchor = anchorOf(ctx, seg);
      const edits: TextEdit[] = [];
      const dropped: string[] = [];
      if (anchor) {
        for (const r of seg.sites) {
          const p = ctx.pair(anchor.id, r.id);
          if (p && p.rttMs > limitMs && r.removal) {
            edits.push(r.removal);
            dropped.push(r.id);
          }
        }
      }
      const kept = seg.sites.length - dropped.length;
      ctx.report({
        message: `${seg.origin === 'segment' ? 'Segment' : seg.origin === 'hcx-l2-extension' ? 'HCX network extension' : 'NSX stretched segment'} ${seg.name} stretches layer 2 between ${pair.from} and ${pair.to}: ${describe(pair)}, beyond the ${fmtMs(limitMs)} ms of a metro ${provenanceNote(limit)}. One broadcast storm or loop takes down every site of the segment, and its ARP, first-hop and cluster traffic waits on the far site. Route between sites instead (L3 with DNS load balancing or anycast).`,
        loc: seg.at['sites'] ?? seg.loc,
        data: { ...pairData(pair, limit), segment: seg.name },
        related: siteRelated(ctx, [pair.from, pair.to]),
        fixes:
          edits.length > 0 && kept >= 1
            ? [{ title: `Drop ${dropped.join(', ')} from the segment (keep it within ${fmtMs(limitMs)} ms of ${anchor!.id})`, edits, preferred: false }]
            : [],
      });
    }
  },
};
