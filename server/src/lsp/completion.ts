// Completion of site ids in reference positions, of region codes after `region:` and of place names
// after `location:`.
// Works on the text around the cursor, so a half-typed document still completes.

import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver';
import {
  allRegions,
  completePlaces,
  lookupPlace,
  MANAGED_PRODUCTS,
  placeString,
  provenanceLabel,
  SYNC_COMPANIONS,
  SYNC_REPLICATION,
  type Design,
  type LineIndex,
  type Place,
  type Region,
} from '../core';
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

/** `product:` of a replication entry (block style), with what is typed of its value. */
const PRODUCT_VALUE = /^(\s*)(-\s+)?product\s*:\s*["']?([\w-]*)$/;

/**
 * The products a replication entry can name: the storage products sync-replication-rtt has a limit for
 * (each with its limit and the limit's source kind) and the managed services managed-replication judges.
 */
function replicationProducts(): CompletionItem[] {
  const storage = Object.entries(SYNC_REPLICATION)
    .filter(([k]) => k !== 'generic' && !(k in SYNC_COMPANIONS))
    .map(([k, l]) => ({ label: k, detail: `${l.label}: ${l.value} ${l.unit} (${provenanceLabel(l.provenance)})`, documentation: l.source }));
  const managed = Object.entries(MANAGED_PRODUCTS).map(([k, m]) => ({
    label: k,
    detail: `${m.label} (managed; mode set by the service)`,
    documentation: m.source,
  }));
  return [...storage, ...managed].map((x, i) => ({ ...x, kind: CompletionItemKind.EnumMember, sortText: String(i).padStart(3, '0') }));
}

type Context =
  | { kind: 'product'; typed: string }
  | { kind: 'site'; typed: string }
  | { kind: 'region'; typed: string }
  | { kind: 'enum'; key: string; typed: string }
  | { kind: 'place'; typed: string; quoted: boolean }
  | { kind: 'key'; path: string[]; typed: string; siblings: string[] };

interface SchemaNode {
  $ref?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  required?: string[];
}

const ROOT = schema as unknown as SchemaNode & { $defs: Record<string, SchemaNode> };

function deref(n: SchemaNode | undefined): SchemaNode | undefined {
  for (let i = 0; n?.$ref && i < 8; i++) n = ROOT.$defs[n.$ref.replace('#/$defs/', '')];
  return n;
}

/** The schema node at a YAML path ('[]' steps into a list item; an unknown key of a map, e.g. a site id, steps into its values). */
export function schemaAt(path: string[]): SchemaNode | undefined {
  let n: SchemaNode | undefined = ROOT;
  for (const step of path) {
    n = deref(n);
    if (!n) return undefined;
    if (step === '[]') n = n.items;
    else if (n.properties?.[step]) n = n.properties[step];
    else if (typeof n.additionalProperties === 'object') n = n.additionalProperties;
    else return undefined;
  }
  return deref(n);
}

/**
 * Where a key is being typed: the chain of parent keys (and list items) above the cursor, by
 * indentation, and the keys already present at that level. Block YAML only (flow maps are left alone).
 */
function keyContext(text: string, lineStart: number, before: string): Context | undefined {
  const m = /^(\s*)(-\s+)?([A-Za-z_][\w-]*)?$/.exec(before);
  if (!m) return undefined;
  const lines = text.slice(0, lineStart).split('\n');
  lines.pop();
  // `- key`: the first key of a new list item, whose list is the value of the key above the dash.
  let col = m[2] ? m[1]!.length : m[1]!.length;
  let inItem = !!m[2];
  const path: string[] = m[2] ? ['[]'] : [];
  const siblings: string[] = [];
  let level = !m[2]; // still reading keys at the cursor's own level
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (/^\s*(#.*)?$/.test(l) || /^---|^\.\.\./.test(l)) {
      if (/^---/.test(l)) break;
      continue;
    }
    const k = /^(\s*)(-\s+)?(?:([A-Za-z_][\w-]*|"[^"]*")\s*:(?:\s+(.*?))?\s*)?$/.exec(l);
    if (!k) {
      // a continuation line (flow value over lines, block scalar): skip deeper ones
      if (/^\s*/.exec(l)![0].length > col) continue;
      return undefined;
    }
    const indent = k[1]!.length;
    const dash = k[2]?.length ?? 0;
    const keyCol = indent + dash;
    const key = k[3]?.replace(/^"|"$/g, '');
    if (level && key && keyCol === col && !dash) siblings.push(key);
    if (!inItem && dash && keyCol === col) {
      // the first key of the list item we are in
      if (level && key) siblings.push(key);
      inItem = true;
      level = false;
      path.unshift('[]');
      col = indent;
      continue;
    }
    if (keyCol < col || (dash && indent < col)) {
      if (!key || (k[4] && !k[4].startsWith('#'))) return undefined; // a scalar value cannot hold keys
      level = false;
      path.unshift(key);
      if (dash) {
        path.unshift('[]');
        col = indent;
        inItem = true;
      } else {
        col = keyCol;
        inItem = false;
      }
      if (indent === 0 && !dash) break;
    }
  }
  if (path.length === 0 && col !== 0) return undefined;
  return { kind: 'key', path, typed: m[3] ?? '', siblings };
}

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
  const product = PRODUCT_VALUE.exec(before);
  if (product) {
    // the map this `product:` is a key of: a replication entry (a migration's `platform:` has its own products)
    const parent = keyContext(text, lineStart, `${product[1]}${product[2] ?? ''}`);
    if (parent?.kind === 'key' && parent.path.join('.') === 'replication.[]') return { kind: 'product', typed: product[3]! };
    return undefined;
  }
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
  return keyContext(text, lineStart, before);
}

/** Needs only the current text and the sites of the last analysis: typing never waits for a lint. */
export function completion(a: { text: string; index: LineIndex }, offset: number, designs: Design[]): CompletionItem[] {
  const ctx = completionContext(a.text, offset);
  if (!ctx) return [];
  const range = rangeOf(a.index, offset - ctx.typed.length, offset);
  if (ctx.kind === 'key') {
    const node = schemaAt(ctx.path);
    if (!node?.properties) return [];
    const required = new Set(node.required ?? []);
    return Object.entries(node.properties)
      .filter(([k]) => !ctx.siblings.includes(k))
      .map(([k, raw], i) => {
        const v = deref(raw) ?? raw;
        const scalar = !(v.type === 'object' || v.properties || v.type === 'array' || v.items || typeof v.additionalProperties === 'object');
        const list = v.type === 'array' || !!v.items;
        return {
          label: k,
          kind: CompletionItemKind.Property,
          detail: `${required.has(k) ? 'required' : 'optional'}${v.enum ? `: ${v.enum.join(' | ')}` : ''}`,
          documentation: raw.description ?? v.description ?? '',
          sortText: `${required.has(k) ? 0 : 1}${String(i).padStart(3, '0')}`,
          // an object or a map continues on the next line
          textEdit: { range, newText: `${k}:${scalar || list ? ' ' : ''}` },
        } satisfies CompletionItem;
      });
  }
  if (ctx.kind === 'product') return replicationProducts().map((x) => ({ ...x, textEdit: { range, newText: x.label } }));
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
