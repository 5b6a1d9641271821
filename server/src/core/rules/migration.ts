// Shared by the migration rules: which methods are live, and the platform's RTT limit.

import type { Migration } from '../design';
import { VMOTION, type Limit } from '../limits';
import type { RuleContext } from './types';

export const LIVE_METHODS = new Set(['vmotion', 'hcx-vmotion', 'hcx-rav', 'storage-vmotion']);

export function isLive(m: Migration): boolean {
  return LIVE_METHODS.has(m.method);
}

function major(version: string | undefined): number | undefined {
  if (version === undefined) return undefined;
  const m = /^\s*(\d+)/.exec(version);
  return m ? Number(m[1]) : undefined;
}

/** The supported RTT for a live migration, with a sentence naming the limit and its source. */
export function vmotionLimit(ctx: RuleContext, m: Migration): { limitMs: number; label: string; source: string } {
  const o = ctx.options;
  const pick = (key: string, row: Limit, label: string) => ({ limitMs: Number(o[key] ?? row.value), label, source: row.source });
  if (m.method === 'hcx-vmotion' || m.method === 'hcx-rav')
    return pick('hcxMs', VMOTION.hcxVmotion, m.method === 'hcx-rav' ? 'HCX Replication Assisted vMotion' : 'HCX vMotion');
  const v = major(m.platform?.version);
  if (v !== undefined && v < 5) return pick('vsphere4Ms', VMOTION.vsphere4, `vMotion on vSphere ${m.platform!.version}`);
  if (v === 5) {
    const edition = (m.platform?.edition ?? 'enterprise plus').toLowerCase().replace(/[\s_-]+/g, '');
    return edition === 'enterpriseplus'
      ? pick('vsphere5Ms', VMOTION.vsphere5Metro, `Metro vMotion on vSphere ${m.platform!.version}`)
      : pick('vsphere5OtherMs', VMOTION.vsphere5Other, `vMotion on vSphere ${m.platform!.version} ${m.platform!.edition}`);
  }
  return pick(
    'vsphere6Ms',
    VMOTION.vsphere6,
    v === undefined ? 'long-distance vMotion (vSphere 6.0+ assumed)' : `long-distance vMotion on vSphere ${m.platform!.version}`,
  );
}
