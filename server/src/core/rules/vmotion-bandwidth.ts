import type { Link } from '../design';
import { VMOTION } from '../limits';
import { numOption, siteRelated, span } from './physics';
import { isLive } from './migration';
import type { Rule } from './types';

export const vmotionBandwidth: Rule = {
  meta: {
    id: 'vmotion-bandwidth',
    summary: 'Link bandwidth per concurrent live migration is below the platform minimum.',
    defaultSeverity: 'warning',
    graded: false,
    fixable: false,
    options: {
      perMigrationMbps: {
        default: VMOTION.bandwidthPerMigration.value,
        description: 'minimum bandwidth per concurrent long-distance vMotion',
        source: VMOTION.bandwidthPerMigration.source,
      },
      hcxVmotionMbps: { default: VMOTION.hcxVmotionMbps.value, description: 'minimum bandwidth per HCX vMotion', source: VMOTION.hcxVmotionMbps.source },
      hcxRavMbps: {
        default: VMOTION.hcxRavMbps.value,
        description: 'minimum bandwidth per HCX Replication Assisted vMotion',
        source: VMOTION.hcxRavMbps.source,
      },
    },
  },
  check(ctx) {
    const linkOf = new Map<string, Link>();
    for (const l of ctx.design.links) {
      if (l.between.length === 2) linkOf.set(key(l.between[0]!.id, l.between[1]!.id), l);
    }
    for (const m of ctx.design.migrations) {
      if (!isLive(m)) continue;
      const concurrent = m.concurrent ?? 1;
      const minMbps = numOption(ctx, m.method === 'hcx-vmotion' ? 'hcxVmotionMbps' : m.method === 'hcx-rav' ? 'hcxRavMbps' : 'perMigrationMbps');
      const what = m.method === 'hcx-vmotion' ? 'HCX vMotion' : m.method === 'hcx-rav' ? 'HCX RAV migration' : 'long-distance vMotion';
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
