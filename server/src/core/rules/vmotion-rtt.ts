import { VMOTION } from '../limits';
import { describe, fmtMs, pairData, replaceFix, siteRelated, span, verdict, judge } from './physics';
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
      vsphere4Ms: { default: VMOTION.vsphere4.value, description: 'vSphere 4.x vMotion', source: VMOTION.vsphere4.source },
      vsphere5Ms: { default: VMOTION.vsphere5Metro.value, description: 'vSphere 5.x Metro vMotion (Enterprise Plus)', source: VMOTION.vsphere5Metro.source },
      vsphere5OtherMs: { default: VMOTION.vsphere5Other.value, description: 'vSphere 5.x, other editions', source: VMOTION.vsphere5Other.source },
      vsphere6Ms: {
        default: VMOTION.vsphere6.value,
        description: 'vSphere 6.0 and later (also assumed when no version is given)',
        source: VMOTION.vsphere6.source,
      },
      hcxMs: { default: VMOTION.hcxVmotion.value, description: 'HCX vMotion and Replication Assisted vMotion', source: VMOTION.hcxVmotion.source },
    },
  },
  check(ctx) {
    for (const m of ctx.design.migrations) {
      if (!isLive(m)) continue;
      const { limitMs, label, source } = vmotionLimit(ctx, m);
      for (let i = 0; i + 1 < m.path.length; i++) {
        const [from, to] = [m.path[i]!, m.path[i + 1]!];
        const pair = ctx.pair(from.id, to.id);
        if (!pair || from.id === to.id) continue;
        const severity = judge(pair, limitMs);
        if (!severity) continue;
        const cold = m.method.startsWith('hcx-') ? 'hcx-bulk' : 'cold';
        const fixes =
          m.coldFixes ??
          (m.at['method'] ? [replaceFix(`Switch to \`method: ${cold}\` (no RTT limit: replicate, then reboot)`, m.at['method'], cold, true)] : []);
        ctx.report({
          severity,
          message: `${label} ${from.id} -> ${to.id}: ${describe(pair)} exceeds the supported ${fmtMs(limitMs)} ms; ${verdict(severity, pair, limitMs)}. Migrate cold, or run the workload at both sites behind DNS load balancing.`,
          loc: span(from.loc, to.loc),
          data: { ...pairData(pair, limitMs), migration: m.name, method: m.method, limitSource: source },
          related: siteRelated(ctx, [from.id, to.id]),
          fixes,
        });
      }
    }
  },
};
