import { provenanceLabel, VMOTION } from '../limits';
import { describe, evaluate, fmtMs, limitOption, pairData, provenanceNote, replaceFix, siteRelated, span, verdict } from './physics';
import { isLive, vmotionLimit } from './migration';
import type { Rule } from './types';

export const vmotionRtt: Rule = {
  meta: {
    id: 'vmotion-rtt',
    summary: "A live-migration hop exceeds the platform's supported RTT.",
    defaultSeverity: 'error',
    graded: true,
    fixable: true,
    options: {
      vsphere4Ms: limitOption(VMOTION.vsphere4, 'vSphere 4.x vMotion'),
      vsphere5Ms: limitOption(VMOTION.vsphere5Metro, 'vSphere 5.x Metro vMotion (Enterprise Plus)'),
      vsphere5OtherMs: limitOption(VMOTION.vsphere5Other, 'vSphere 5.x, other editions'),
      vsphere6Ms: limitOption(VMOTION.vsphere6, 'vSphere 6.0 and later (also assumed when no version is given)'),
      hcxMs: limitOption(VMOTION.hcxVmotion, "HCX vMotion and Replication Assisted vMotion (unconfirmed for HCX: vSphere's long-distance limit)"),
    },
  },
  check(ctx) {
    for (const m of ctx.design.migrations) {
      if (!isLive(m)) continue;
      const { limit, unlicensed } = vmotionLimit(ctx, m);
      const cold = m.method.startsWith('hcx-') ? 'hcx-bulk' : 'cold';
      const fixes = () =>
        m.coldFixes ?? (m.at['method'] ? [replaceFix(`Switch to \`method: ${cold}\` (no RTT limit: replicate, then reboot)`, m.at['method'], cold, true)] : []);
      let crossSite = false;
      for (let i = 0; i + 1 < m.path.length; i++) {
        const [from, to] = [m.path[i]!, m.path[i + 1]!];
        const pair = ctx.pair(from.id, to.id);
        if (!pair || from.id === to.id) continue;
        crossSite = true;
        const row = evaluate(ctx, m, pair, limit);
        if (row.verdict === 'ok') continue;
        const severity = row.verdict;
        ctx.report({
          severity,
          message: `${limit.label} ${from.id} -> ${to.id}: ${describe(pair)} exceeds the supported ${fmtMs(limit.value)} ms ${provenanceNote(limit)}; ${verdict(severity, pair, limit.value)}. Migrate cold, or run the workload at both sites behind DNS load balancing.`,
          loc: span(from.loc, to.loc),
          data: { ...pairData(pair, limit), migration: m.name, method: m.method },
          related: siteRelated(ctx, [from.id, to.id]),
          fixes: fixes(),
        });
      }
      if (unlicensed && crossSite) {
        const licence = VMOTION.vsphere6Licence;
        ctx.report({
          severity: 'warning',
          message: `Migration ${m.name} moves running VMs between sites on vSphere ${m.platform?.version ?? '6.0+'} ${m.platform?.edition}: long-distance and cross-vCenter vMotion need Enterprise Plus (${provenanceLabel(licence.provenance)}: ${licence.provenance.kind === 'vendor' ? licence.provenance.document : ''}), and no RTT figure is published for other editions. License Enterprise Plus, or migrate cold.`,
          loc: m.at['platform.edition'] ?? m.at['platform'] ?? m.loc,
          data: {
            migration: m.name,
            method: m.method,
            edition: m.platform?.edition,
            limitSource: licence.source,
            limit: { provenance: licence.provenance, source: licence.source },
          },
          related: [],
          fixes: fixes(),
        });
      }
    }
  },
};
