import { L2_TIMERS } from '../limits';
import { fmtMs, numOption, pairData, siteRelated, worstPair } from './physics';
import type { Rule } from './types';

export const stretchedL2Timers: Rule = {
  meta: {
    id: 'stretched-l2-timers',
    summary: 'A protocol timer on a stretched segment is consumed by the RTT (ARP/ND retransmit, FHRP hold, BFD detection).',
    defaultSeverity: 'warning',
    graded: true,
    fixable: false,
    options: {
      arpRetransMs: {
        default: L2_TIMERS.arpRetransMs.value,
        description: 'ARP / ND retransmit timer when the segment does not set one',
        source: L2_TIMERS.arpRetransMs.source,
      },
      marginFactor: {
        default: L2_TIMERS.fhrpMarginFactor.value,
        description: 'a hold or detection time must exceed this many one-way delays',
        source: L2_TIMERS.fhrpMarginFactor.source,
      },
    },
  },
  check(ctx) {
    const margin = numOption(ctx, 'marginFactor');
    for (const seg of ctx.design.segments) {
      const pair = worstPair(ctx, seg.sites);
      if (!pair) continue;
      const oneWayMs = pair.rttMs / 2;
      const oneWayBoundMs = pair.lowerBoundMs / 2;
      const base = { ...pairData(pair, 0), segment: seg.name, oneWayMs: Math.round(oneWayMs * 100) / 100 };
      const related = siteRelated(ctx, [pair.from, pair.to]);
      const check = (timerMs: number, needMs: number, boundNeedMs: number, what: string, requirement: string, loc = seg.at['sites'] ?? seg.loc) => {
        if (timerMs >= needMs) return;
        const severity = timerMs < boundNeedMs || pair.measured ? 'error' : 'warning';
        ctx.report({
          severity,
          message: `${what} of ${fmtMs(timerMs)} ms on segment ${seg.name} is under ${fmtMs(needMs)} ms (${requirement} ${pair.from} -> ${pair.to}): the far site's packets arrive too late and the protocol flaps or retransmits.`,
          loc,
          data: { ...base, timerMs, requiredMs: Math.round(needMs * 100) / 100, limitMs: Math.round(needMs * 100) / 100 },
          related,
        });
      };
      const gw = seg.gateway;
      if (gw?.holdMs !== undefined && gw.protocol !== 'anycast' && gw.protocol !== 'none') {
        check(
          gw.holdMs,
          margin * oneWayMs,
          margin * oneWayBoundMs,
          `${(gw.protocol ?? 'FHRP').toUpperCase()} hold time`,
          `${margin} x the ${fmtMs(oneWayMs)} ms one-way delay`,
          seg.at['gateway.hold_ms'],
        );
      }
      if (seg.bfd) {
        check(
          seg.bfd.intervalMs * seg.bfd.multiplier,
          margin * oneWayMs,
          margin * oneWayBoundMs,
          `BFD detection time (${seg.bfd.intervalMs} ms x ${seg.bfd.multiplier})`,
          `${margin} x the ${fmtMs(oneWayMs)} ms one-way delay`,
          seg.at['bfd'],
        );
      }
      // ARP and ND wait one full round trip for the reply before they retransmit.
      const retransMs = seg.arp?.retransMs ?? numOption(ctx, 'arpRetransMs');
      check(
        retransMs,
        pair.rttMs,
        pair.lowerBoundMs,
        'ARP/ND retransmit timer',
        `a request waits one full ${fmtMs(pair.rttMs)} ms round trip`,
        seg.at['arp'] ?? seg.at['sites'],
      );
    }
  },
};
