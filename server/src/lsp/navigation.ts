// Site ids as symbols: what is under the cursor, go to definition, find references, rename.

import { ResponseError, ErrorCodes, type Location, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Design, Loc } from '../core';
import { locRange, rangeOf } from './diagnostics';
import { contains, siteRefsOf } from './rows';
import type { Analysis } from './workspace';

export interface SiteHit {
  design: Design;
  id: string;
  /** the key or reference under the cursor */
  loc: Loc;
  definition: boolean;
}

export function siteAt(a: Analysis, offset: number): SiteHit | undefined {
  if (a.kind === 'config') return undefined;
  for (const design of a.designs) {
    for (const site of design.sites.values())
      if (site.idLoc.file === a.uri && contains(site.idLoc, offset)) return { design, id: site.id, loc: site.idLoc, definition: true };
    for (const d of design.duplicateSites ?? []) if (contains(d.loc, offset)) return { design, id: d.id, loc: d.loc, definition: true };
    for (const { ref } of siteRefsOf(design))
      if (ref.loc.file === a.uri && contains(ref.loc, offset)) return { design, id: ref.id, loc: ref.loc, definition: false };
  }
  return undefined;
}

/** Every place the id is written: the definition first, then references in document order. */
export function occurrences(hit: SiteHit, includeDeclaration: boolean): Loc[] {
  const out: Loc[] = [];
  const site = hit.design.sites.get(hit.id);
  if (includeDeclaration && site) out.push(site.idLoc);
  const refs = siteRefsOf(hit.design)
    .map((r) => r.ref)
    .filter((r) => r.id === hit.id)
    .map((r) => r.loc)
    .sort((x, y) => x.start - y.start);
  for (const loc of refs) if (!out.some((o) => o.start === loc.start && o.end === loc.end)) out.push(loc);
  return out;
}

export function definition(a: Analysis, offset: number): Location | undefined {
  const hit = siteAt(a, offset);
  const site = hit && hit.design.sites.get(hit.id);
  const range = site && locRange(a, site.idLoc);
  return range ? { uri: site!.idLoc.file, range } : undefined;
}

export function references(a: Analysis, offset: number, includeDeclaration: boolean): Location[] {
  const hit = siteAt(a, offset);
  if (!hit) return [];
  const out: Location[] = [];
  for (const loc of occurrences(hit, includeDeclaration)) {
    const range = locRange(a, loc);
    if (range) out.push({ uri: loc.file, range });
  }
  return out;
}

/** The part of a scalar that is the id (inside quotes when quoted). */
function innerRange(text: string, loc: Loc): { start: number; end: number } {
  const raw = text.slice(loc.start, loc.end);
  const q = raw[0];
  if ((q === '"' || q === "'") && raw.length >= 2 && raw.endsWith(q)) return { start: loc.start + 1, end: loc.end - 1 };
  return { start: loc.start, end: loc.end };
}

/** Renaming is for topology ids; a Terraform address is renamed with Terraform's own tools (moved blocks). */
export function prepareRename(a: Analysis, offset: number): { range: Range; placeholder: string } | undefined {
  const hit = a.kind === 'topology' ? siteAt(a, offset) : undefined;
  if (!hit) return undefined;
  const r = innerRange(a.text, hit.loc);
  return { range: rangeOf(a.index, r.start, r.end), placeholder: hit.id };
}

const PLAIN_ID = /^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/;

export function rename(a: Analysis, offset: number, newName: string): WorkspaceEdit | undefined {
  const hit = a.kind === 'topology' ? siteAt(a, offset) : undefined;
  if (!hit) return undefined;
  if (!PLAIN_ID.test(newName))
    throw new ResponseError(ErrorCodes.InvalidParams, `\`${newName}\` is not a valid site id: use letters, digits, '_', '-', '.' or '/'.`);
  if (newName !== hit.id && hit.design.sites.has(newName)) throw new ResponseError(ErrorCodes.InvalidParams, `A site \`${newName}\` already exists.`);
  const edits: TextEdit[] = occurrences(hit, true).map((loc) => {
    const r = innerRange(a.text, loc);
    return { range: rangeOf(a.index, r.start, r.end), newText: newName };
  });
  return { changes: { [a.uri]: edits } };
}
