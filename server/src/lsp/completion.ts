// Completion of site ids in reference positions, of region codes after `region:` and of place names
// after `location:`.
// Works on the text around the cursor, so a half-typed document still completes.

import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver';
import { allRegions, completePlaces, lookupPlace, placeString, type Design, type LineIndex, type Place, type Region } from '../core';
import schema from '../../../schemas/topology.schema.json';
import { rangeOf } from './diagnostics';

const ID_CHARS = /[\w.\-/]*$/;
const REF_LIST_KEYS = /(?:^|[\s{,-])(between|sites|path)\s*:\s*$/;
const SINGLE_REF = /(?:^|[\s{,])(witness|active_site)\s*:\s*["']?([\w.\-/]*)$/;
const REGION = /(?:^|[\s{,])region\s*:\s*["']?([\w:\- ]*)$/;
// `location: "Fra` or `location: Fra`: a place string being typed (not `{ lat` nor `[50`).
const PLACE = /(?:^|[\s{,])location\s*:\s*(["']?)([^"'{[\]#,]*(?:,[^"'{[\]#,]*)?)$/;
const BLOCK_ITEM = /^(\s*)-\s*["']?([\w.\-/]*)$/;
const ENUM_VALUE = /(?:^|[\s{,])(medium|protocol|kind|method|schedule|mode)\s*:\s*["']?([\w-]*)$/;

/** Allowed values by key, from the topology schema (the contract), so the editor and the schema agree. */
const ENUMS: Record<string, string[]> = (() => {
  const defs = (
    schema as unknown as { $defs: Record<string, { properties: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }> }> }
  ).$defs;
  return {
    medium: defs.link?.properties.medium?.enum ?? [],
    protocol: defs.segment?.properties.gateway?.properties?.protocol?.enum ?? [],
    kind: defs.cluster?.properties.kind?.enum ?? [],
    method: defs.migration?.properties.method?.enum ?? [],
    schedule: defs.migration?.properties.schedule?.enum ?? [],
    mode: defs.replication?.properties.mode?.enum ?? [],
  };
})();

type Context =
  | { kind: 'site'; typed: string }
  | { kind: 'region'; typed: string }
  | { kind: 'enum'; key: string; typed: string }
  | { kind: 'place'; typed: string; quoted: boolean };

/** A block list item: is its list the value of `between`, `sites` (not the top-level map) or `path`? */
function blockListParent(lines: string[], line: number, dashIndent: number): boolean {
  for (let i = line - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (/^\s*(#.*)?$/.test(l)) continue;
    const indent = /^\s*/.exec(l)![0].length;
    const isDash = /^\s*-/.test(l);
    if (indent > dashIndent || (indent === dashIndent && isDash)) continue;
    const m = /^(\s*)(-\s+)?([\w-]+)\s*:\s*(#.*)?$/.exec(l);
    if (!m) return false;
    if (m[3] === 'sites' && indent === 0 && !m[2]) return false;
    return m[3] === 'between' || m[3] === 'sites' || m[3] === 'path';
  }
  return false;
}

export function completionContext(text: string, offset: number): Context | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (/#/.test(before.replace(/(["'])(?:(?!\1).)*\1/g, ''))) return undefined;
  const region = REGION.exec(before);
  if (region) return { kind: 'region', typed: region[1]! };
  const place = PLACE.exec(before);
  if (place) return { kind: 'place', typed: place[2]!, quoted: place[1] !== '' };
  const value = ENUM_VALUE.exec(before);
  if (value) return { kind: 'enum', key: value[1]!, typed: value[2]! };
  const single = SINGLE_REF.exec(before);
  if (single) return { kind: 'site', typed: single[2]! };
  // Inside a flow list on this line?
  let depth = 0;
  for (let k = before.length - 1; k >= 0; k--) {
    const ch = before[k];
    if (ch === ']') depth++;
    else if (ch === '[') {
      if (depth === 0) {
        if (!REF_LIST_KEYS.test(before.slice(0, k))) return undefined;
        if (/^sites\s*:/.test(before)) return undefined;
        return { kind: 'site', typed: ID_CHARS.exec(before)![0] };
      }
      depth--;
    }
  }
  const item = BLOCK_ITEM.exec(before);
  if (item) {
    const lines = text.slice(0, lineStart).split('\n');
    lines.pop();
    if (blockListParent(lines, lines.length, item[1]!.length)) return { kind: 'site', typed: item[2]! };
  }
  return undefined;
}

/** Needs only the current text and the sites of the last analysis: typing never waits for a lint. */
export function completion(a: { text: string; index: LineIndex }, offset: number, designs: Design[]): CompletionItem[] {
  const ctx = completionContext(a.text, offset);
  if (!ctx) return [];
  const range = rangeOf(a.index, offset - ctx.typed.length, offset);
  if (ctx.kind === 'enum') {
    return (ENUMS[ctx.key] ?? []).map((v, i) => ({
      label: v,
      kind: CompletionItemKind.EnumMember,
      sortText: String(i).padStart(3, '0'),
      textEdit: { range, newText: v },
    }));
  }
  if (ctx.kind === 'region') {
    return allRegions().map((r) => {
      const rank = regionRank(r, ctx.typed);
      return {
        label: r.key,
        kind: CompletionItemKind.EnumMember,
        detail: `${r.city}, ${r.country}`,
        documentation: `${r.city}, ${r.country}: ${r.lat.toFixed(4)}, ${r.lon.toFixed(4)} (${regionSource(r)})`,
        // The code alone and the city match too: `eu-west-2` finds aws:eu-west-2, `london` finds it as well.
        filterText: rank === 3 ? `${ctx.typed} ${r.key}` : `${r.key} ${r.code} ${r.city}`,
        sortText: `${rank}${r.key}`,
        ...(rank === 0 ? { preselect: true } : {}),
        textEdit: { range, newText: r.key },
      };
    });
  }
  if (ctx.kind === 'place') return placeItems(ctx.typed, ctx.quoted, range);
  const items = new Map<string, CompletionItem>();
  for (const d of designs) {
    for (const s of d.sites.values()) {
      if (items.has(s.id)) continue;
      const where = s.placement ? `${s.placement.latDeg.toFixed(4)}, ${s.placement.lonDeg.toFixed(4)} (${s.placement.origin})` : 'not placed';
      items.set(s.id, { label: s.id, kind: CompletionItemKind.Reference, detail: s.name ?? where, documentation: where, textEdit: { range, newText: s.id } });
    }
  }
  return [...items.values()];
}

/** 0: the exact key or code; 1: the key starts with what was typed; 2: the code does; 3: the city matches; 9: the rest. */
function regionRank(r: Region, typed: string): number {
  const t = typed.trim().toLowerCase();
  if (!t) return 9;
  const key = r.key.toLowerCase();
  const code = r.code.toLowerCase();
  if (key === t || code === t) return 0;
  if (key.startsWith(t)) return 1;
  if (code.startsWith(t)) return 2;
  if (r.city.toLowerCase().includes(t)) return 3;
  return 9;
}

/** The catalogue's source tags in words ("geonames-city;assumed;partition=aws"). */
function regionSource(r: Region): string {
  const tags = r.source.split(';');
  const out: string[] = [];
  if (tags.includes('geonames-city')) out.push('city centre from GeoNames');
  if (tags.includes('assumed')) out.push('the provider names the metro, not the building');
  return out.length ? out.join('; ') : r.source;
}

const PLACE_LIMIT = 20;

/**
 * Cities for a `location:` being typed (two letters at least), most populous first, as "City, CC"; an
 * IATA code typed in full comes first. Quoted when the user has not opened a quote.
 */
function placeItems(typed: string, quoted: boolean, range: Range): CompletionItem[] {
  const t = typed.trim();
  if (t.length < 2) return [];
  const places: Place[] = [];
  if (/^[A-Za-z]{3}$/.test(t)) {
    const r = lookupPlace(t.toUpperCase());
    if (r.status === 'found' && r.via === 'iata') places.push(r.place);
  }
  for (const p of completePlaces(t.replace(/,.*$/, ''), PLACE_LIMIT)) if (!places.some((q) => placeString(q) === placeString(p))) places.push(p);
  return places.map((p, i) => {
    const text = placeString(p);
    return {
      label: text,
      kind: CompletionItemKind.Value,
      detail: `${p.countryName}${p.iata ? `, IATA ${p.iata}` : ''}, population ${p.population.toLocaleString('en-US')}`,
      documentation: `${p.latDeg.toFixed(4)}, ${p.lonDeg.toFixed(4)} (GeoNames)`,
      filterText: `${typed}${p.iata ? ` ${p.iata}` : ''} ${text} ${p.asciiName}`,
      sortText: String(i).padStart(3, '0'),
      textEdit: { range, newText: quoted ? text : JSON.stringify(text) },
    };
  });
}
