import type { Design, Fix, Migration, Site, TextEdit } from '../design';
import { heuristic } from '../limits';
import { limitOption, numOption, siteRelated } from './physics';
import { isLive } from './migration';
import type { Rule } from './types';
import { entryIndexAt } from '../parse/outline';

/** The smallest arc of longitude that holds every point, in hours of time zone (15 degrees each). */
export function timeZoneSpreadHours(lonsDeg: number[]): number {
  if (lonsDeg.length < 2) return 0;
  const sorted = lonsDeg.map((l) => ((l % 360) + 360) % 360).sort((a, b) => a - b);
  let largestGap = 360 - sorted[sorted.length - 1]! + sorted[0]!;
  for (let i = 1; i < sorted.length; i++) largestGap = Math.max(largestGap, sorted[i]! - sorted[i - 1]!);
  return (360 - largestGap) / 15;
}

export const followTheSun: Rule = {
  meta: {
    id: 'follow-the-sun',
    summary: 'Running VMs are meant to chase daylight around the globe by live migration.',
    defaultSeverity: 'warning',
    graded: false,
    fixable: true,
    options: {
      minSites: limitOption(
        heuristic(3, 'count', 'a recurring path of 3 or more sites', 'a one-off hop between two sites is judged by vmotion-rtt'),
        'sites on a recurring path before it counts as follow-the-sun',
        { minimum: 2, maximum: 256 },
      ),
      minTimeZones: limitOption(
        heuristic(8, 'factor', 'sites spread over more than 8 time zones', 'a working day is 8 hours: 3 sites 8 hours apart cover 24 hours'),
        'time-zone spread (hours) above which a path circles the globe',
        { maximum: 24 },
      ),
    },
  },
  check(ctx) {
    const minSites = numOption(ctx, 'minSites');
    const minTz = numOption(ctx, 'minTimeZones');
    for (const m of ctx.design.migrations) {
      if (!isLive(m)) continue;
      const ids = [...new Set(m.path.map((r) => r.id))];
      const lons = ids.map((id) => ctx.site(id)?.placement?.lonDeg).filter((x): x is number => x !== undefined);
      const spread = timeZoneSpreadHours(lons);
      const declared = m.schedule === 'follow-the-sun';
      const recurring = m.schedule !== 'disaster-avoidance' && ids.length >= minSites && spread > minTz;
      if (!declared && !recurring) continue;
      let worst = 0;
      for (let i = 0; i + 1 < m.path.length; i++) worst = Math.max(worst, ctx.pair(m.path[i]!.id, m.path[i + 1]!.id)?.rttMs ?? 0);
      const loc = declared && m.at['schedule'] ? m.at['schedule'] : (m.at['path'] ?? m.loc);
      ctx.report({
        message:
          `Migration ${m.name} moves running VMs to follow the sun across ${ids.length} sites spanning ${spread.toFixed(1)} time zones` +
          (worst > 0 ? ` (hops up to ${worst.toFixed(0)} ms RTT)` : '') +
          '. Live migration cannot chase daylight: the VM, its storage and its L2 network would cross continents every shift. Run the application at every site (scale-out) and steer users with GSLB/DNS or anycast instead.',
        loc,
        data: { migration: m.name, sites: ids, timeZoneSpreadHours: Math.round(spread * 10) / 10, maxHopRttMs: worst, schedule: m.schedule ?? null },
        related: siteRelated(ctx, ids),
        fixes: scaleOutFix(ctx.design, m, ids),
      });
    }
  },
};

/** Coordinates as a user stub writes them: where the site is, to be moved to where its users are. */
function stubPlace(site: Site): string {
  const p = site.placement!;
  return `[${p.latDeg.toFixed(2)}, ${p.lonDeg.toFixed(2)}]`;
}

/**
 * The fix that rewrites a follow-the-sun migration into what works instead: a `services` entry with an
 * instance at each site of the path behind GSLB, and a `users` stub near each site to fill in. Needs the
 * block layout of the document (the migration's entry, and where `services`/`users` end); undefined when
 * the text is laid out otherwise (flow collections, several documents).
 */
export function scaleOutFix(design: Design, m: Migration, ids: string[]): Fix[] {
  const o = design.outline;
  const migs = o?.sections['migrations'];
  if (!o || !migs || migs.indent === undefined || ids.length === 0) return [];
  const file = m.loc.file;
  // The migration's entry: from its `- ` line to the next entry (or the end of the section).
  const i = entryIndexAt(migs.items, m.loc.start);
  if (i < 0) return [];
  const eol = (at: number) => Math.min(at + 1, o.eof);
  const removal: TextEdit =
    migs.items.length === 1
      ? { file, start: migs.keyStart, end: eol(migs.end), newText: '' }
      : { file, start: migs.items[i]!, end: i + 1 < migs.items.length ? migs.items[i + 1]! : eol(migs.end), newText: '' };
  const service = (indent: string) =>
    `${indent}- name: ${m.name}\n${indent}  sites: [${ids.join(', ')}]\n${indent}  distribution: gslb   # each user reaches the nearest instance: set rtt_slo_ms`;
  // a stub per site, unless a rewrite of another migration already wrote that site's (the same name twice is two groups)
  const stubbed = new Set(design.users.map((u) => u.name));
  const placed = ids.map((id) => design.sites.get(id)).filter((s): s is Site => s?.placement !== undefined && !stubbed.has(`users-near-${s.id}`));
  const users = (indent: string) =>
    placed.map((site) => `${indent}- { name: users-near-${site.id}, location: ${stubPlace(site)} }   # where these users are, and their share`).join('\n');
  const atEnd: string[] = [];
  const edits: TextEdit[] = [removal];
  const sections: Array<[string, (indent: string) => string]> = [['services', service]];
  if (placed.length > 0) sections.push(['users', users]);
  for (const [key, body] of sections) {
    const sec = o.sections[key];
    if (sec) {
      if (sec.indent === undefined) return [];
      edits.push({ file, start: sec.end, end: sec.end, newText: `\n${body(sec.indent)}` });
    } else atEnd.push(`${key}:\n${body('  ')}\n`);
  }
  if (atEnd.length) edits.push({ file, start: o.eof, end: o.eof, newText: `${o.endsWithNewline ? '' : '\n'}${atEnd.join('')}` });
  // Edits must not overlap: a section that ends where the removal does (the migration was last) is fine,
  // an insertion inside the removed range is not.
  if (edits.slice(1).some((e) => e.start > removal.start && e.start < removal.end)) return [];
  // Not preferred: "fix all" must not apply a rewrite of the document's structure (two such fixes computed
  // on the same text would each add a `services:` section); the user picks it, and the next one is computed
  // on the rewritten text.
  return [{ title: `Rewrite as a service at ${ids.join(', ')} behind GSLB, with users to fill in`, edits, preferred: false }];
}
