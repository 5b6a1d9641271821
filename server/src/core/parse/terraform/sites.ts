// Where things are: cloud regions (normalised per provider), explicit coordinates, and names mapped to
// the sites of a workspace topology. A site that cannot be placed carries the reason; nothing is guessed.

import type { Design, Loc, Placement, Site } from '../../design';
import { allRegions, lookupRegion } from '../../geo/regions';
import type { Value } from './eval';

export type Cloud = 'aws' | 'azure' | 'gcp';

/** A region code as Terraform writes it -> the catalogue key (`aws:eu-central-1`), or undefined when it is no region. */
export function regionKey(cloud: Cloud, code: string): string | undefined {
  const c = code.trim();
  if (cloud === 'aws') return `aws:${c.toLowerCase().replace(/_/g, '-')}`; // VMC writes EU_CENTRAL_1
  if (cloud === 'azure') return `azure:${c.toLowerCase().replace(/\s+/g, '')}`;
  const lower = c.toLowerCase();
  const zone = /^([a-z]+-[a-z]+\d+)-[a-z]$/.exec(lower);
  if (zone) return `gcp:${zone[1]}`;
  return /^[a-z]+-[a-z]+\d+$/.test(lower) ? `gcp:${lower}` : undefined;
}

/** The inside of a string literal (the fix replaces the code, not the quotes). */
export function innerLoc(loc: Loc, texts: ReadonlyMap<string, string>): Loc {
  const t = texts.get(loc.file);
  if (t && t[loc.start] === '"' && t[loc.end - 1] === '"' && loc.end - loc.start >= 2) return { file: loc.file, start: loc.start + 1, end: loc.end - 1 };
  return loc;
}

/** Sets `placement` or `region` (unknown code) or `unresolved` on a site from a region value. */
export function placeInRegion(site: Site, cloud: Cloud, v: Value | undefined, attrLoc: Loc, what: string, texts: ReadonlyMap<string, string>): void {
  if (!v) {
    site.unresolved = { reason: `${what} is not set`, loc: attrLoc };
    return;
  }
  if (v.t === 'unknown') {
    site.unresolved = { reason: `${what}: ${v.reason}`, loc: attrLoc };
    return;
  }
  if (v.t !== 'str') {
    site.unresolved = { reason: `${what} is not a string`, loc: attrLoc };
    return;
  }
  if (isPlaceholder(v.v)) {
    site.unresolved = { reason: `${what} is not filled in (${JSON.stringify(v.v)}): set it to a region`, loc: v.loc };
    return;
  }
  const key = regionKey(cloud, v.v);
  const r = key ? lookupRegion(key) : undefined;
  if (r) {
    site.placement = { latDeg: r.lat, lonDeg: r.lon, origin: `${r.key} (${r.city})`, cloud: true };
    return;
  }
  const code = key ? key.slice(key.indexOf(':') + 1) : v.v;
  site.region = { provider: cloud, code, loc: innerLoc(v.loc, texts), bare: true };
}

/**
 * A value a template leaves for the user to fill in: blank, `<location>`, `{{region}}`, `TODO`,
 * `CHANGEME`, `xxx`. Not a misspelt region: nothing to suggest, nothing to check yet.
 */
export function isPlaceholder(text: string): boolean {
  const t = text.trim();
  return t === '' || /^<[^<>]*>$/.test(t) || /^\{\{[^{}]*\}\}$/.test(t) || /^(todo|tbd|changeme|change[-_ ]me|replace[-_ ]?me|fill[-_ ]?me|x+)$/i.test(t);
}

/** A metro or city name (ExpressRoute peering location, hcx_location.city) -> a catalogue city. */
export function placeCity(name: string): Placement | undefined {
  const want = name.trim().toLowerCase().replace(/\d+$/, '').trim();
  if (!want) return undefined;
  for (const r of allRegions()) {
    const city = r.city.toLowerCase().replace(/\s*\(.*\)$/, '');
    if (city === want) return { latDeg: r.lat, lonDeg: r.lon, origin: `${name} (city of ${r.key})`, cloud: false };
  }
  return undefined;
}

export interface Hint {
  text: string;
  /** where the name comes from, for the message: `vsphere_server of provider vsphere.ams` */
  what: string;
}

export type TopologyMatch = { site: Site; hint: Hint; token: string } | { ambiguous: string[]; hints: Hint[] } | undefined;

/**
 * A name or a token of it equal to a topology site id or name (case-insensitive) names that site.
 * Hints go from the most specific (a host's own name) to the least (its datacenter, a tag): the first
 * hint that names exactly one site wins; one hint naming two sites is ambiguous.
 */
export function matchTopology(topology: Design | undefined, hints: Hint[]): TopologyMatch {
  if (!topology || hints.length === 0) return undefined;
  const names = new Map<string, Site>();
  for (const s of topology.sites.values()) {
    names.set(s.id.toLowerCase(), s);
    if (s.name) names.set(s.name.toLowerCase(), s);
  }
  for (const h of hints) {
    const whole = names.get(h.text.trim().toLowerCase());
    if (whole) return { site: whole, hint: h, token: h.text.trim() };
    const found = new Map<string, { site: Site; hint: Hint; token: string }>();
    for (const t of tokens(h.text)) {
      const s = names.get(t.toLowerCase());
      if (s && !found.has(s.id)) found.set(s.id, { site: s, hint: h, token: t });
    }
    if (found.size === 1) return [...found.values()][0];
    if (found.size > 1) return { ambiguous: [...found.keys()], hints: [h] };
  }
  return undefined;
}

export function tokens(text: string): string[] {
  const host = urlHost(text) ?? text;
  const out = new Set<string>();
  for (const part of host.split(/[.\s/:@]+/)) {
    if (!part) continue;
    out.add(part);
    for (const p of part.split(/[-_]+/)) if (p) out.add(p);
  }
  return [...out];
}

/** `https://hcx.fra1.example.net:443/x` -> `hcx.fra1.example.net`; a bare host stays as it is. */
export function urlHost(text: string): string | undefined {
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#\s]+)/i.exec(text.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}
