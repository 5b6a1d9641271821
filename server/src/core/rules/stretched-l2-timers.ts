import type { Severity } from '../design';
import { L2_TIMERS, provenanceLabel, type Limit } from '../limits';
import { fmtMs, limitOption, numOption, pairData, siteRelated, worstPair } from './physics';
import type { Rule } from './types';

/** Hello / advertisement defaults when the design gives none (HSRP: RFC 2281; VRRP: RFC 5798). */
const DEFAULT_HELLO_MS: Record<string, number> = { hsrp: 3000, vrrp: 1000, glbp: 3000 };

export const stretchedL2Timers: Rule = {
  meta: {
    id: 'stretched-l2-timers',
    summary: 'A protocol timer on a stretched segment is consumed by the RTT (ARP/ND retransmit, FHRP hold, BFD detection).',
    defaultSeverity: 'warning',
    graded: true,
    fixable: false,
    options: {
      arpRetransMs: limitOption(L2_TIMERS.arpRetransMs, 'ARP / ND retransmit timer when the segment does not set one'),
      holdHelloFactor: limitOption(L2_TIMERS.hsrpHoldHello, 'an FHRP hold time must be at least this many hello times', { minimum: 1, maximum: 100 }),
      jitterFactor: limitOption(L2_TIMERS.jitterFactor, 'delay variation a hold or detection timer must absorb, in one-way delays', { maximum: 100 }),
    },
  },
  check(ctx) {
    const jitterFactor = numOption(ctx, 'jitterFactor');
    const holdHello = numOption(ctx, 'holdHelloFactor');
    for (const seg of ctx.design.segments) {
      const pair = worstPair(ctx, seg.sites);
      if (!pair) continue;
      const oneWayMs = pair.rttMs / 2;
      // built only for a finding: most segments have none
      const base = () => ({ ...pairData(pair), segment: seg.name, oneWayMs: Math.round(oneWayMs * 100) / 100 });
      const related = () => siteRelated(ctx, [pair.from, pair.to]);
      const report = (severity: Severity, timerMs: number, needMs: number, limit: Limit, message: string, loc = seg.at['sites'] ?? seg.loc) =>
        ctx.report({
          severity,
          message,
          loc,
          data: {
            ...base(),
            timerMs,
            requiredMs: Math.round(needMs * 100) / 100,
            limitMs: Math.round(needMs * 100) / 100,
            limitSource: limit.source,
            limit: { value: Math.round(needMs * 100) / 100, unit: 'ms', provenance: limit.provenance, source: limit.source },
          },
          related: related(),
        });
      // Periodic hellos: a steady delay shifts every hello alike and uses none of the hold time. What breaks
      // is a hold too close to the hello (one lost hello, RFC 2281) and delay variation beyond the slack.
      const gw = seg.gateway;
      if (gw?.holdMs !== undefined && gw.protocol !== 'anycast' && gw.protocol !== 'none') {
        const proto = (gw.protocol ?? 'FHRP').toUpperCase();
        const helloMs = gw.helloMs ?? DEFAULT_HELLO_MS[gw.protocol ?? ''] ?? gw.holdMs / 3;
        const loc = seg.at['gateway.hold_ms'];
        if (gw.helloMs !== undefined && gw.holdMs < holdHello * gw.helloMs) {
          report(
            'warning',
            gw.holdMs,
            holdHello * gw.helloMs,
            L2_TIMERS.hsrpHoldHello,
            `${proto} hold time of ${fmtMs(gw.holdMs)} ms on segment ${seg.name} is under ${holdHello} x its ${fmtMs(gw.helloMs)} ms hello (${provenanceLabel(L2_TIMERS.hsrpHoldHello.provenance)}: RFC 2281): one lost hello across the DCI makes the standby take over, and both sites run an active gateway.`,
            loc,
          );
        }
        const slackMs = gw.holdMs - helloMs;
        const needMs = jitterFactor * oneWayMs;
        if (slackMs < needMs) {
          report(
            'warning',
            gw.holdMs,
            helloMs + needMs,
            L2_TIMERS.jitterFactor,
            `${proto} hold time of ${fmtMs(gw.holdMs)} ms on segment ${seg.name} leaves ${fmtMs(Math.max(0, slackMs))} ms after the ${fmtMs(helloMs)} ms hello, less than the ${fmtMs(needMs)} ms of delay variation a ${fmtMs(oneWayMs)} ms one-way path ${pair.from} -> ${pair.to} can show (DCI Lint heuristic: ${jitterFactor} x the one-way delay, a reroute or protection switch): a late hello makes the standby take over.`,
            loc,
          );
        }
      }
      if (seg.bfd) {
        const { intervalMs, multiplier } = seg.bfd;
        const slackMs = intervalMs * (multiplier - 1);
        const needMs = jitterFactor * oneWayMs;
        if (slackMs < needMs) {
          report(
            'warning',
            intervalMs * multiplier,
            intervalMs + needMs,
            L2_TIMERS.jitterFactor,
            `BFD detection time (${intervalMs} ms x ${multiplier}) on segment ${seg.name} leaves ${fmtMs(slackMs)} ms beyond one interval, less than the ${fmtMs(needMs)} ms of delay variation a ${fmtMs(oneWayMs)} ms one-way path ${pair.from} -> ${pair.to} can show (DCI Lint heuristic: ${jitterFactor} x the one-way delay): a reroute brings the session down.`,
            seg.at['bfd'],
          );
        }
      }
      // ARP and ND wait one full round trip for the reply before they retransmit: request/response, physics.
      const retransMs = seg.arp?.retransMs ?? numOption(ctx, 'arpRetransMs');
      if (retransMs < pair.rttMs) {
        const severity = retransMs < pair.lowerBoundMs || pair.measured ? 'error' : 'warning';
        report(
          severity,
          retransMs,
          pair.rttMs,
          L2_TIMERS.arpRetransMs,
          `ARP/ND retransmit timer of ${fmtMs(retransMs)} ms on segment ${seg.name} is under ${fmtMs(pair.rttMs)} ms (a request waits one full ${fmtMs(pair.rttMs)} ms round trip ${pair.from} -> ${pair.to}): the far site's replies arrive too late and every resolution is retransmitted.`,
          seg.at['arp'] ?? seg.at['sites'],
        );
      }
    }
  },
};
