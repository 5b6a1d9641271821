// Shared by the migration rules: which methods are live, and the platform's RTT limit.

import type { Migration } from '../design';
import { VMOTION, type Limit } from '../limits';
import { optionLimit } from './physics';
import type { AppliedLimit, RuleContext } from './types';

export const LIVE_METHODS = new Set(['vmotion', 'hcx-vmotion', 'hcx-rav', 'storage-vmotion']);

export function isLive(m: Migration): boolean {
  return LIVE_METHODS.has(m.method);
}

function major(version: string | undefined): number | undefined {
  if (version === undefined) return undefined;
  const m = /^\s*(\d+)/.exec(version);
  return m ? Number(m[1]) : undefined;
}

/** True when `edition` is absent (Enterprise Plus assumed) or names Enterprise Plus. */
export function isEnterprisePlus(edition: string | undefined): boolean {
  return (edition ?? 'enterprise plus').toLowerCase().replace(/[\s_-]+/g, '') === 'enterpriseplus';
}

/**
 * The supported RTT for a live migration (`vmotion-rtt`'s options), and `unlicensed` when vSphere 6.0+
 * long-distance vMotion is asked of an edition below Enterprise Plus (KB 2106949: no figure published
 * for it, so the rule warns instead of inventing one).
 */
export function vmotionLimit(ctx: RuleContext, m: Migration): { limit: AppliedLimit; unlicensed: boolean } {
  const pick = (key: string, row: Limit, label: string) => optionLimit(ctx, key, row, label);
  if (m.method === 'hcx-vmotion' || m.method === 'hcx-rav')
    return { limit: pick('hcxMs', VMOTION.hcxVmotion, m.method === 'hcx-rav' ? 'HCX Replication Assisted vMotion' : 'HCX vMotion'), unlicensed: false };
  const v = major(m.platform?.version);
  if (v !== undefined && v < 5) return { limit: pick('vsphere4Ms', VMOTION.vsphere4, `vMotion on vSphere ${m.platform!.version}`), unlicensed: false };
  if (v === 5) {
    return {
      limit: isEnterprisePlus(m.platform?.edition)
        ? pick('vsphere5Ms', VMOTION.vsphere5Metro, `Metro vMotion on vSphere ${m.platform!.version}`)
        : pick('vsphere5OtherMs', VMOTION.vsphere5Other, `vMotion on vSphere ${m.platform!.version} ${m.platform!.edition}`),
      unlicensed: false,
    };
  }
  return {
    limit: pick(
      'vsphere6Ms',
      VMOTION.vsphere6,
      v === undefined ? 'long-distance vMotion (vSphere 6.0+ assumed)' : `long-distance vMotion on vSphere ${m.platform!.version}`,
    ),
    unlicensed: !isEnterprisePlus(m.platform?.edition),
  };
}
