import { TCP } from '../limits';
import { fmtMs, limitOption, numOption, siteRelated } from './physics';
import type { Rule } from './types';

export const bandwidthDelay: Rule = {
  meta: {
    id: 'bandwidth-delay',
    summary: "A link's bandwidth-delay product exceeds common TCP windows, so one flow cannot fill it.",
    defaultSeverity: 'info',
    graded: false,
    fixable: false,
    options: {
      windowBytes: limitOption(TCP.windowBytes, 'largest TCP receive window of one flow (6 MiB on kernels before 2025)', { minimum: 65536, maximum: 1 << 30 }),
    },
  },
  check(ctx) {
    const windowBytes = numOption(ctx, 'windowBytes');
    for (const link of ctx.design.links) {
      if (link.bandwidthMbps === undefined || link.between.length !== 2) continue;
      const [a, b] = [link.between[0]!.id, link.between[1]!.id];
      // This link's own RTT: the traffic on it crosses it, whatever the best path between its ends.
      const rttMs = ctx.rtt.linkRttMs(link);
      if (rttMs === undefined || rttMs <= 0) continue;
      const bdpBytes = (link.bandwidthMbps * 1e6 * (rttMs / 1000)) / 8;
      if (bdpBytes <= windowBytes) continue;
      const perFlowMbps = (windowBytes * 8) / (rttMs / 1000) / 1e6;
      ctx.report({
        message: `Link ${link.name}: ${link.bandwidthMbps} Mbps x ${fmtMs(rttMs)} ms RTT = ${(bdpBytes / 1048576).toFixed(1)} MiB in flight, more than a ${(windowBytes / 1048576).toFixed(0)} MiB TCP window: one flow gets at most ${perFlowMbps.toFixed(0)} Mbps. Use parallel streams, larger windows, or WAN optimisation for migrations and replication.`,
        loc: link.at['bandwidth_mbps'] ?? link.loc,
        data: {
          sites: [a, b],
          bandwidthMbps: link.bandwidthMbps,
          rttMs,
          bdpBytes: Math.round(bdpBytes),
          windowBytes,
          perFlowMbps: Math.round(perFlowMbps),
          limitSource: TCP.windowBytes.source,
        },
        related: siteRelated(ctx, [a, b]),
      });
    }
  },
};
