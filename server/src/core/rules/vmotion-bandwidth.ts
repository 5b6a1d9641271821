import type { Link } from '../design';
import { provenanceLabel, VMOTION } from '../limits';
import { limitOption, numOption, replaceFix, siteRelated, span } from './physics';
import { isLive } from './migration';
import type { Rule } from './types';

export const vmotionBandwidth: Rule = {
  meta: {
    id: 'vmotion-bandwidth',
    summary: 'Link bandwidth per concurrent live migration is below the platform minimum, or HCX vMotion runs in parallel.',
    defaultSeverity: 'warning',
    graded: false,
    fixable: true,
    options: {
      perMigrationMbps: limitOption(VMOTION.bandwidthPerMigration, 'minimum bandwidth per concurrent vMotion'),
      hcxVmotionMbps: limitOption(VMOTION.hcxVmotionMbps, 'minimum bandwidth per HCX vMotion'),
      hcxRavMbps: limitOption(VMOTION.hcxRavMbps, 'minimum bandwidth per HCX Replication Assisted vMotion'),
      hcxVmotionConcurrent: limitOption(VMOTION.hcxVmotionSerial, 'most concurrent HCX vMotion migrations between two sites'),
    },
  },
  check(ctx) {
    const linkOf = new Map<string, Link>();
    for (const l of ctx.design.links) {
      if (l.between.length === 2) linkOf.set(key(l.between[0]!.id, l.between[1]!.id), l);
    }
    const serial = numOption(ctx, 'hcxVmotionConcurrent');
    for (const m of ctx.design.migrations) {
      if (!isLive(m)) continue;
      const concurrent = m.concurrent ?? 1;
      if (m.method === 'hcx-vmotion' && concurrent > serial) {
        const row = VMOTION.hcxVmotionSerial;
        const fixes = m.at['method'] ? [replaceFix('Switch to `method: hcx-rav` (parallel, live switchover)', m.at['method'], 'hcx-rav')] : [];
        if (m.at['method']) fixes.push(replaceFix('Switch to `method: hcx-bulk` (parallel, reboot at switchover)', m.at['method'], 'hcx-bulk'));
        ctx.report({
          message: `HCX vMotion ${m.name} runs ${concurrent} migrations at once: HCX vMotion is supported serially between two sites (${provenanceLabel(row.provenance)}: ${row.provenance.kind === 'vendor' ? row.provenance.document : ''}). Use Replication Assisted vMotion or Bulk Migration for parallel moves, or set \`concurrent: 1\`.`,
          loc: m.at['concurrent'] ?? m.loc,
          data: {
            migration: m.name,
            method: m.method,
            concurrent,
            limit: { value: serial, unit: 'count', provenance: row.provenance, source: row.source },
            limitSource: row.source,
          },
          related: [],
          fixes,
        });
      }
      const minMbps = numOption(ctx, m.method === 'hcx-vmotion' ? 'hcxVmotionMbps' : m.method === 'hcx-rav' ? 'hcxRavMbps' : 'perMigrationMbps');
      const what = m.method === 'hcx-vmotion' ? 'HCX vMotion' : m.method === 'hcx-rav' ? 'HCX RAV migration' : 'vMotion';
      for (let i = 0; i + 1 < m.path.length; i++) {
        const [from, to] = [m.path[i]!, m.path[i + 1]!];
        const pair = ctx.pair(from.id, to.id);
        if (!pair || pair.path.length < 2) continue;
        // The narrowest declared link on the route the traffic takes.
        let narrowest: Link | undefined;
        for (let k = 0; k + 1 < pair.path.length; k++) {
          const l = linkOf.get(key(pair.path[k]!, pair.path[k + 1]!));
          if (l?.bandwidthMbps !== undefined && (!narrowest || l.bandwidthMbps < narrowest.bandwidthMbps!)) narrowest = l;
        }
        if (!narrowest) continue;
        const perMbps = narrowest.bandwidthMbps! / concurrent;
        if (perMbps >= minMbps) continue;
        ctx.report({
          message: `${concurrent} concurrent migration${concurrent > 1 ? 's' : ''} ${from.id} -> ${to.id} share ${narrowest.bandwidthMbps} Mbps on link ${narrowest.name}: ${Math.round(perMbps)} Mbps each, below the ${minMbps} Mbps per ${what}. Lower \`concurrent\` or add bandwidth.`,
          loc: span(from.loc, to.loc),
          data: {
            sites: [from.id, to.id],
            bandwidthMbps: narrowest.bandwidthMbps,
            concurrent,
            perMigrationMbps: Math.round(perMbps * 10) / 10,
            limitMbps: minMbps,
          },
          related: [
            ...(narrowest.at['bandwidth_mbps'] ? [{ loc: narrowest.at['bandwidth_mbps'], message: `bandwidth of link ${narrowest.name}` }] : []),
            ...siteRelated(ctx, [from.id, to.id]),
          ],
        });
      }
    }
  },
};

function key(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
