import type { Design, Site } from '../design';

/**
 * Everything placed like a site: the sites, then the user groups (`users:`), each with the words a
 * message names it by ("Site `fra1`", "User group `emea`"). Placement rules (unknown-region,
 * invalid-location, unresolved-location) judge them all the same way.
 */
export function placeables(design: Design): ReadonlyArray<{ what: string; site: Site }> {
  let out = cache.get(design);
  if (out) return out;
  out = [];
  for (const site of design.sites.values()) out.push({ what: `Site \`${site.id}\``, site });
  for (const u of design.users) out.push({ what: `User group \`${u.name}\``, site: u.place });
  cache.set(design, out);
  return out;
}

/** Four rules ask for the same design's list in one analysis (designs are read-only). */
const cache = new WeakMap<Design, Array<{ what: string; site: Site }>>();
