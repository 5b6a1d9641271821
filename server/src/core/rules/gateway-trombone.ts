import { heuristic } from '../limits';
import { describe, limitOption, numOption, replaceFix, siteRelated } from './physics';
import type { PairRtt } from '../rtt';
import type { Rule } from './types';
import type { Fix, Loc, Segment } from '../design';

export const gatewayTrombone: Rule = {
  meta: {
    id: 'gateway-trombone',
    summary: 'A stretched segment has one active gateway site: traffic from the other sites crosses the DCI twice.',
    defaultSeverity: 'info',
    graded: false,
    fixable: true,
    options: {
      minAddedMs: limitOption(
        heuristic(1, 'ms', 'detours that add at least 1 ms RTT', 'a sub-millisecond detour inside a metro is noise next to application latency'),
        'report only detours that add at least this much RTT',
      ),
    },
  },
  check(ctx) {
    for (const seg of ctx.design.segments) {
      const gw = seg.gateway;
      const active = gw?.activeSite;
      if (!gw || !active || gw.protocol === 'anycast' || gw.protocol === 'none' || !ctx.rtt.has(active.id)) continue;
      let worst: { id: string; pair: PairRtt } | undefined;
      for (const r of seg.sites) {
        if (r.id === active.id) continue;
        const p = ctx.pair(active.id, r.id);
        if (p && (!worst || p.rttMs > worst.pair.rttMs)) worst = { id: r.id, pair: p };
      }
      if (!worst || worst.pair.rttMs < numOption(ctx, 'minAddedMs')) continue;
      const protocolLoc = seg.at['gateway.protocol'];
      const fixes = [...(seg.gatewayFixes ?? [])];
      if (protocolLoc && !seg.gatewayFixes) fixes.push(anycastFix(seg, protocolLoc));
      ctx.report({
        message: `Segment ${seg.name} has its only active gateway at ${active.id}: routed traffic of workloads at ${worst.id} crosses the DCI to the gateway and back, adding ${describe(worst.pair)} per round trip (the "trombone"). Use an anycast gateway (distributed/first-hop localisation, HCX MON) at every site.`,
        loc: active.loc,
        data: {
          segment: seg.name,
          activeSite: active.id,
          farSite: worst.id,
          addedRttMs: worst.pair.rttMs,
          addedRttLowerBoundMs: worst.pair.lowerBoundMs,
          measured: worst.pair.measured,
        },
        related: siteRelated(ctx, [active.id, worst.id]),
        fixes,
      });
    }
  },
};

const ANYCAST_TITLE = 'Set `gateway.protocol: anycast` (a local gateway at every site)';

/**
 * The gateway rewritten as `protocol: anycast`: the active site and the FHRP timers go with the old
 * protocol (an anycast gateway is active at every site and has no hello or hold timer), so the fixed
 * design does not name an active site it no longer has. The gateway mapping (whose keys can only be these)
 * is replaced whole, in its own style: `{ protocol: anycast }` written in flow style, `protocol: anycast`
 * in block style. Only the protocol is replaced when the gateway has nothing else.
 */
function anycastFix(seg: Segment, protocolLoc: Loc): Fix {
  const gw = seg.at['gateway'];
  const moot = ['active_site', 'hello_ms', 'hold_ms'].filter((k) => seg.at[`gateway.${k}`]);
  if (!gw || !seg.gatewayStyle || moot.length === 0 || gw.file !== protocolLoc.file || gw.start > protocolLoc.start || gw.end < protocolLoc.end)
    return replaceFix(ANYCAST_TITLE, protocolLoc, 'anycast', true);
  return {
    title: `${ANYCAST_TITLE}, without ${moot.map((k) => `\`${k}\``).join(', ')}`,
    edits: [{ file: gw.file, start: gw.start, end: gw.end, newText: seg.gatewayStyle === 'flow' ? '{ protocol: anycast }' : 'protocol: anycast' }],
    preferred: true,
  };
}
