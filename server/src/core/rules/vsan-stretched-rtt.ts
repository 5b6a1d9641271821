import { VSAN } from '../limits';
import { describe, evaluate, fmtMs, limitOption, numOption, optionLimit, pairData, provenanceNote, siteRelated, verdict, worstFailingRow } from './physics';
import type { Rule } from './types';

export const vsanStretchedRtt: Rule = {
  meta: {
    id: 'vsan-stretched-rtt',
    summary: 'vSAN stretched cluster: data sites or witness too far apart.',
    defaultSeverity: 'error',
    graded: true,
    fixable: false,
    options: {
      dataSitesMs: limitOption(VSAN.dataSites, 'RTT between the two data sites'),
      witnessMs: limitOption(VSAN.witness, 'RTT from the witness to each data site'),
      witnessTwoNodeMs: limitOption(VSAN.witnessTwoNode, 'witness RTT of a two-node cluster (`hosts_per_site: 1`)'),
      witnessLargeMs: limitOption(VSAN.witnessLarge, 'witness RTT above `largeHostsPerSite` hosts per site'),
      largeHostsPerSite: limitOption(VSAN.largeHostsPerSite, 'hosts per site above which the stricter witness limit applies'),
      maxHostsPerSite: limitOption(VSAN.maxHostsPerSite, 'most hosts per data site of a stretched cluster'),
    },
  },
  check(ctx) {
    for (const c of ctx.design.clusters) {
      if (c.kind !== 'vsan-stretched') continue;
      for (const m of c.misplaced ?? [])
        ctx.report({ severity: 'warning', message: `vSAN stretched cluster ${c.name}: ${m.message}`, loc: m.loc, data: { cluster: c.name, ...m.data } });
      const maxHosts = numOption(ctx, 'maxHostsPerSite');
      if (c.hostsPerSite !== undefined && c.hostsPerSite > maxHosts) {
        const lim = optionLimit(ctx, 'maxHostsPerSite', VSAN.maxHostsPerSite, 'vSAN stretched cluster size');
        ctx.report({
          severity: 'warning',
          message: `vSAN stretched cluster ${c.name}: ${c.hostsPerSite} hosts per data site is beyond the published maximum of ${maxHosts} (15+15+1 in vSAN 7.0) ${provenanceNote(lim)}. Split it into several stretched clusters.`,
          loc: c.at['hosts_per_site'] ?? c.loc,
          data: {
            cluster: c.name,
            hostsPerSite: c.hostsPerSite,
            maxHostsPerSite: maxHosts,
            limitSource: lim.source,
            limit: { value: maxHosts, unit: 'count', provenance: lim.provenance, source: lim.source },
          },
          related: [],
        });
      }
      // Every pair of data sites is judged (and shown); the worst failing one is reported.
      const data = optionLimit(ctx, 'dataSitesMs', VSAN.dataSites, 'vSAN data sites');
      const worst = worstFailingRow(ctx, c.sites, (pair) => evaluate(ctx, c, pair, data));
      if (worst) {
        const { pair } = worst;
        const severity = worst.verdict as 'error' | 'warning';
        ctx.report({
          severity,
          message: `vSAN stretched cluster ${c.name}: data sites ${pair.from} and ${pair.to} are ${describe(pair)} apart, over the ${fmtMs(data.value)} ms vSAN supports between data sites; ${verdict(severity, pair, data.value) || 'every write waits for the other site'}. Keep both data sites in one metro, and replicate asynchronously to the far site.`,
          loc: c.at['sites'] ?? c.loc,
          data: { ...pairData(pair, data), cluster: c.name, role: 'data' },
          related: siteRelated(ctx, [pair.from, pair.to]),
        });
      }
      if (!c.witness) continue;
      const large = (c.hostsPerSite ?? 0) > numOption(ctx, 'largeHostsPerSite');
      const twoNode = c.hostsPerSite === 1;
      const witness = large
        ? optionLimit(ctx, 'witnessLargeMs', VSAN.witnessLarge, `vSAN witness (${c.hostsPerSite} hosts per site)`)
        : twoNode
          ? optionLimit(ctx, 'witnessTwoNodeMs', VSAN.witnessTwoNode, 'vSAN witness (two-node cluster)')
          : optionLimit(ctx, 'witnessMs', VSAN.witness, 'vSAN witness');
      for (const r of c.sites) {
        if (r.id === c.witness.id) continue;
        const p = ctx.pair(c.witness.id, r.id);
        if (!p) continue;
        const row = evaluate(ctx, c, p, witness, 'witness');
        if (row.verdict === 'ok') continue;
        const severity = row.verdict;
        ctx.report({
          severity,
          message: `vSAN witness ${c.witness.id} of cluster ${c.name} is ${describe(p)} from data site ${r.id}, over the ${fmtMs(witness.value)} ms supported${large ? ` with ${c.hostsPerSite} hosts per site` : twoNode ? ' for a two-node cluster' : ''}; ${verdict(severity, p, witness.value) || 'the witness cannot arbitrate in time'}. Place the witness closer to both data sites.`,
          loc: c.witness.loc,
          data: { ...pairData(p, witness), cluster: c.name, role: 'witness' },
          related: siteRelated(ctx, [c.witness.id, r.id]),
        });
      }
    }
  },
};
