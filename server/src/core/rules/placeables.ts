import type { Design, Site } from '../design';

/**
 * Everything placed like a site: the sites, then the user groups (`users:`), each with the words a
 * message names it by ("Site `fra1`", "User group `emea`"). Placement rules (unknown-region,
 * invalid-location, unresolved-location) judge them all the same way.
 */
export function placeables(design: Design): Array<{ what: string; site: Site }> {
  const out: Array<{ what: string; site: Site }> = [];
  for (const site of design.sites.values()) out.push({ what: `Site \`${site.id}\``, site });
  for (const u of design.users) out.push({ what: `User group \`${u.name}\``, site: u.place });
  return out;
}
