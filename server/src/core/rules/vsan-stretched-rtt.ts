import { VSAN } from '../limits';
import { describe, fmtMs, judge, numOption, pairData, siteRelated, verdict, worstPair } from './physics';
import type { Rule } from './types';

export const vsanStretchedRtt: Rule = {
  meta: {
    id: 'vsan-stretched-rtt',
    summary: 'vSAN stretched cluster: data sites or witness too far apart.',
    defaultSeverity: 'error',
    graded: true,
    fixable: false,
    options: {
      dataSitesMs: { default: VSAN.dataSites.value, description: 'RTT between the two data sites', source: VSAN.dataSites.source },
      witnessMs: { default: VSAN.witness.value, description: 'RTT from the witness to each data site', source: VSAN.witness.source },
      witnessTwoNodeMs: {
        default: VSAN.witnessTwoNode.value,
        description: 'witness RTT of a two-node cluster (`hosts_per_site: 1`)',
        source: VSAN.witnessTwoNode.source,
      },
      witnessLargeMs: {
        default: VSAN.witnessLarge.value,
        description: 'witness RTT above `largeHostsPerSite` hosts per site',
        source: VSAN.witnessLarge.source,
      },
      largeHostsPerSite: {
        default: VSAN.largeHostsPerSite.value,
        description: 'hosts per site above which the stricter witness limit applies',
        source: VSAN.largeHostsPerSite.source,
      },
    },
  },
  check(ctx) {
    for (const c of ctx.design.clusters) {
      if (c.kind !== 'vsan-stretched') continue;
      for (const m of c.misplaced ?? [])
        ctx.report({ severity: 'warning', message: `vSAN stretched cluster ${c.name}: ${m.message}`, loc: m.loc, data: { cluster: c.name, ...m.data } });
      const dataLimit = numOption(ctx, 'dataSitesMs');
      const pair = worstPair(ctx, c.sites);
      if (pair) {
        const severity = judge(pair, dataLimit);
        if (severity) {
          ctx.report({
            severity,
            message: `vSAN stretched cluster ${c.name}: data sites ${pair.from} and ${pair.to} are ${describe(pair)} apart, over the ${fmtMs(dataLimit)} ms vSAN supports between data sites; ${verdict(severity, pair, dataLimit) || 'every write waits for the other site'}. Keep both data sites in one metro, and replicate asynchronously to the far site.`,
            loc: c.at['sites'] ?? c.loc,
            data: { ...pairData(pair, dataLimit), cluster: c.name, role: 'data' },
            related: siteRelated(ctx, [pair.from, pair.to]),
          });
        }
      }
      if (!c.witness) continue;
      const large = (c.hostsPerSite ?? 0) > numOption(ctx, 'largeHostsPerSite');
      const twoNode = c.hostsPerSite === 1;
      const witnessLimit = numOption(ctx, large ? 'witnessLargeMs' : twoNode ? 'witnessTwoNodeMs' : 'witnessMs');
      for (const r of c.sites) {
        const p = ctx.pair(c.witness.id, r.id);
        if (!p) continue;
        const severity = judge(p, witnessLimit);
        if (!severity) continue;
        ctx.report({
          severity,
          message: `vSAN witness ${c.witness.id} of cluster ${c.name} is ${describe(p)} from data site ${r.id}, over the ${fmtMs(witnessLimit)} ms supported${large ? ` with ${c.hostsPerSite} hosts per site` : twoNode ? ' for a two-node cluster' : ''}; ${verdict(severity, p, witnessLimit) || 'the witness cannot arbitrate in time'}. Place the witness closer to both data sites.`,
          loc: c.witness.loc,
          data: { ...pairData(p, witnessLimit), cluster: c.name, role: 'witness' },
          related: siteRelated(ctx, [c.witness.id, r.id]),
        });
      }
    }
  },
};
