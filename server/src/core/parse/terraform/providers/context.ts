// What every provider family shares while it turns a Terraform module into a Design: the module, the
// evaluator, the file texts, the Design being filled, the workspace topology, and one map from canonical
// keys to sites so that two families naming the same thing (an hcx_vmc's SDDC and the vmc_sddc itself)
// get the same site. Helpers here only locate, create and place sites and build edits; what a resource
// means is in its family's file (hcx.ts, vmc.ts, ...), listed in registry.ts.

import type { Cluster, Design, Loc, Site, SiteRef, TextEdit } from '../../../design';
import type { Block, Range } from '../ast';
import { attr } from '../ast';
import type { Evaluator, Value } from '../eval';
import { asString } from '../eval';
import type { Module, Resource } from '../module';
import { providerKind } from '../module';
import type { Cloud, Hint } from '../sites';
import { matchTopology, placeByNames, placeInRegion } from '../sites';
import { DEFAULT_PLACEMENT, type PlacementConfig } from '../../../placement';

export class ExtractContext {
  /** canonical keys (`provider:hcx.ams`, `host:hcx.example.net`, `res:vmc_sddc.x`, `region:gcp:europe-west3`) -> site */
  readonly keys = new Map<string, Site>();
  /** resource types some family reads in full: the generic region scan (cloud-regions.ts) skips them */
  readonly claimed = new Set<string>();

  constructor(
    readonly m: Module,
    readonly ev: Evaluator,
    readonly texts: ReadonlyMap<string, string>,
    readonly design: Design,
    readonly topology: Design | undefined,
    /** `places:` and `placement.infer_from_names` of .dci-lint.yaml */
    readonly placement: PlacementConfig = DEFAULT_PLACEMENT,
  ) {}

  loc(file: string, r: Range): Loc {
    return { file: r.file ?? file, start: r.start, end: r.end }; // r.file: merged from an override file, a plan's .tf line
  }

  /** The resources (managed and data) of one type whose provider is `kind` (`hcx`, `azurerm`, ...). */
  of(type: string, kind: string): Resource[] {
    return (this.m.byType.get(type) ?? []).filter((r) => this.kindOf(r) === kind);
  }

  /** The provider family of a resource's provider configuration, when its source is one we read. */
  kindOf(r: Resource): string | undefined {
    const local = r.provider.split('.')[0]!;
    if (!this.kinds.has(local)) this.kinds.set(local, providerKind(this.m, local));
    return this.kinds.get(local);
  }

  /** providerKind per local provider name (asked once per resource by several families) */
  private readonly kinds = new Map<string, string | undefined>();

  /** Where an attribute is written, else the block header. */
  attrLoc(r: Resource, name: string): Loc {
    const a = attr(r.block.body, name);
    return this.loc(r.file, a ? a.range : r.block.header);
  }

  /** The site known under `key` or `id`, else a new one (unplaced) located at the block. */
  newSite(id: string, key: string, r: { file: string; block: Block } | undefined, name?: string): Site {
    const existing = this.keys.get(key) ?? this.design.sites.get(id);
    if (existing) {
      this.keys.set(key, existing);
      return existing;
    }
    const hdr = r ? this.loc(r.file, r.block.header) : { file: this.design.file, start: 0, end: 0 };
    const site: Site = { id, idLoc: hdr, loc: r ? this.loc(r.file, r.block.range) : hdr };
    if (name) site.name = name;
    this.design.sites.set(id, site);
    this.keys.set(key, site);
    return site;
  }

  /**
   * Places a site by its names (most specific first): a workspace topology site they name wins; else a
   * `places:` pin of .dci-lint.yaml; else a city or airport code in them (inferred). Returns the
   * topology-named site, or the site under `id`, placed or unresolved with the reason.
   */
  siteByHints(id: string, key: string, r: { file: string; block: Block }, hints: Hint[], why: string, at: Loc): Site {
    const known = this.keys.get(key);
    if (known) return known;
    const match = matchTopology(
      this.topology,
      hints.filter((h) => h.text.trim() !== ''),
    );
    if (match && 'site' in match) {
      const t = match.site;
      const site = this.newSite(t.id, key, r, t.name);
      if (!site.placement && !site.unresolved) {
        if (t.placement)
          site.placement = { ...t.placement, origin: `topology site ${t.id} (${t.placement.origin}), named by "${match.token}" in ${match.hint.what}` };
        else site.unresolved = { reason: `topology site ${t.id}, named by "${match.token}" in ${match.hint.what}, has no location either`, loc: at };
      }
      return site;
    }
    const site = this.newSite(id, key, r);
    if (!site.placement && !site.unresolved) {
      const names = [...new Set(hints.map((h) => `"${h.text}"`))].slice(0, 4).join(', ');
      if (match && 'ambiguous' in match) {
        site.unresolved = { reason: `${why}; its names (${names}) match several topology sites (${match.ambiguous.join(', ')})`, loc: at };
        return site;
      }
      const byName = placeByNames(
        hints.filter((h) => h.text.trim() !== ''),
        this.placement,
      );
      if (byName.placement) {
        site.placement = byName.placement;
        // Said where the name is written (the URL, the display name), not on a block it only shares.
        if (byName.hint.loc) site.idLoc = byName.hint.loc;
        return site;
      }
      const pin = `, or a \`places:\` entry in .dci-lint.yaml for one of them,`;
      site.unresolved = !this.topology
        ? {
            reason: `${why}; ${byName.reason}. A workspace topology (*.dci.yaml) site whose id or name is one of ${names || 'its names'}${names ? pin : ''} would place it`,
            loc: at,
          }
        : { reason: `${why}${names ? `; none of its names (${names}) is a site of the workspace topology, and ${byName.reason}` : ''}`, loc: at };
    }
    return site;
  }

  /** A cloud resource's own site (`res:<addr>`), placed by its region attribute (or `valueOverride`). */
  cloudSite(r: Resource, cloud: Cloud, attrName: string, valueOverride?: Value): Site {
    const key = `res:${r.addr}`;
    const known = this.keys.get(key);
    if (known) return known;
    const nameV = asString(this.ev.attr(r.block, r.file, attrName === 'region' ? 'sddc_name' : 'name'));
    const site = this.newSite(r.addr, key, r, nameV);
    const v = valueOverride ?? this.ev.attr(r.block, r.file, attrName);
    placeInRegion(site, cloud, v, this.attrLoc(r, attrName), `\`${attrName}\` of ${r.addr}`, this.texts);
    return site;
  }

  ref(site: Site, loc: Loc, removal?: TextEdit): SiteRef {
    return removal ? { id: site.id, loc, removal } : { id: site.id, loc };
  }

  cluster(c: Cluster): void {
    this.design.clusters.push(c);
  }

  /** The edit that deletes a block with its whole lines (when it sits on lines of its own). */
  deleteBlock(blockFile: string, b: Block): TextEdit {
    if (b.listItem) return this.deleteListItem(this.loc(blockFile, b.range)); // an item of a dynamic block's for_each
    const file = b.range.file ?? blockFile;
    const text = this.texts.get(file) ?? '';
    let start = b.range.start;
    let end = b.range.end;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    if (/^\s*$/.test(text.slice(lineStart, start))) start = lineStart;
    const nl = text.indexOf('\n', end);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    if (/^\s*$/.test(text.slice(end, lineEnd))) end = lineEnd;
    return { file, start, end, newText: '' };
  }

  /** The edit that deletes one item of a list literal with its comma. */
  deleteListItem(loc: Loc): TextEdit {
    const text = this.texts.get(loc.file) ?? '';
    const after = /^\s*,[ \t]*/.exec(text.slice(loc.end));
    if (after) return { file: loc.file, start: loc.start, end: loc.end + after[0].length, newText: '' };
    const before = /,\s*$/.exec(text.slice(Math.max(0, loc.start - 200), loc.start));
    return { file: loc.file, start: before ? loc.start - before[0].length : loc.start, end: loc.end, newText: '' };
  }

  /** Inserts `line` as a new attribute before the block's closing `}`. */
  insertAttr(blockFile: string, b: Block, line: string): TextEdit | undefined {
    if (b.close === undefined) return undefined;
    const file = b.range.file ?? blockFile; // a block from an override file
    const text = this.texts.get(file) ?? '';
    const closeLineStart = text.lastIndexOf('\n', b.close - 1) + 1;
    const first = b.body.attributes[0];
    const hdrLineStart = text.lastIndexOf('\n', b.header.start - 1) + 1;
    const indent = first
      ? /^\s*/.exec(text.slice(text.lastIndexOf('\n', first.range.start - 1) + 1, first.range.start))![0]
      : `${/^\s*/.exec(text.slice(hdrLineStart, b.header.start))![0]}  `;
    if (/^\s*$/.test(text.slice(closeLineStart, b.close))) return { file, start: closeLineStart, end: closeLineStart, newText: `${indent}${line}\n` };
    return { file, start: b.close, end: b.close, newText: ` ${line} ` };
  }
}

/**
 * The site of a `data` source that reads an existing cloud (an AVS private cloud, an SDDC): not a new
 * site of this configuration, so it exists only when something here points at it (an HCX pairing).
 * Its location is not in the configuration: the workspace topology may place it by its name.
 */
export function existingSite(x: ExtractContext, r: Resource, what: string): Site {
  const v = x.ev.attr(r.block, r.file, 'name') ?? x.ev.attr(r.block, r.file, 'sddc_name');
  const hints: Hint[] = v?.t === 'str' ? [{ text: v.v, what: `the name of ${r.addr}`, loc: v.loc }] : [];
  return x.siteByHints(
    r.addr,
    `res:${r.addr}`,
    r,
    hints,
    `${r.addr} reads an existing ${what}, whose location is not in this configuration`,
    x.loc(r.file, r.block.header),
  );
}

/** One provider family: the resource types it reads and what it adds to the Design. */
export interface ProviderFamily {
  /** for messages and docs: `HCX`, `VMware Cloud on AWS`, ... */
  readonly name: string;
  /** resource types this family reads in full; the generic region scan leaves them alone */
  readonly claims?: readonly string[];
  /** adds this family's sites, migrations, segments, clusters and replication to `x.design` */
  extract(x: ExtractContext): void;
}
