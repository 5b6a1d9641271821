// HCL text -> syntax tree (ast.ts) with UTF-16 ranges, plus `syntax` findings worded for HCL: the entry
// point, with the per-file tree cache. tree-sitter does the parsing (web-tree-sitter + the tree-sitter-hcl
// "terraform" grammar): loading it is hcl-tree.ts, error recovery hcl-recovery.ts, conversion of the tree
// hcl-convert.ts.
//
// Trees are cached per file; a new text of a known file is reparsed incrementally from the old tree
// (the edit is found by comparing the two texts), so the server needs to pass nothing but the text.

import type { Finding } from '../../design';
import { LineIndex } from '../../lines';
import type { Attribute, Block, Body } from './ast';
import { attribute, block, jsonAttributes } from './hcl-convert';
import { headerChecks, parsePiece, syntaxFinding, topLevelPieces } from './hcl-recovery';
import { diffEdit, hclParser, snapshotAt, TreeSitter } from './hcl-tree';

export { hclReady, initHcl } from './hcl-tree';
export { parseHclExpression } from './hcl-convert';

export interface HclFile {
  file: string;
  text: string;
  body: Body;
  findings: Finding[];
}

interface CacheEntry {
  text: string;
  tree: TreeSitter.Tree;
  parsed: HclFile;
  /** converted top-level blocks and attributes by their text: an edit reconverts only what it touched */
  items: ItemCache;
}

type ItemCache = Map<string, { start: number; block?: Block; attribute?: Attribute }>;

const cache = new Map<string, CacheEntry>();

/** Drops the cached tree of a file (closed in the editor, deleted on disk). */
export function forgetHclFile(file: string): void {
  const e = cache.get(file);
  if (e) e.tree.delete();
  cache.delete(file);
}

/** Parses one file; the same text returns the cached result, a changed text is reparsed incrementally. */
export function parseHcl(file: string, text: string): HclFile {
  const parser = hclParser();
  if (!parser) throw new Error('initTerraform(wasmDir) has not completed');
  const old = cache.get(file);
  if (old && old.text === text) return old.parsed;
  let tree: TreeSitter.Tree | null = null;
  if (old) {
    old.tree.edit(diffEdit(old.text, text));
    tree = parser.parse(text, old.tree);
    old.tree.delete();
  } else {
    tree = parser.parse(text);
  }
  if (!tree) {
    cache.delete(file);
    return { file, text, body: { attributes: [], blocks: [] }, findings: [syntaxFinding(file, 0, 0, 'The HCL parser gave up on this file.')] };
  }
  const items: ItemCache = new Map();
  const parsed = build(file, text, tree, old?.items, items);
  cache.set(file, { text, tree, parsed, items });
  return parsed;
}

/**
 * The comments of an HCL file (`#`, `//`, `/* *\/`): tree-sitter's `comment` nodes, [start, end) offsets.
 * Never the inside of a string or heredoc. Uses the cached tree of `file` when its text is `text`.
 */
export function hclComments(file: string, text: string): Array<{ start: number; end: number }> {
  const parser = hclParser();
  if (!parser || /\.json$/i.test(file)) return [];
  const cached = cache.get(file);
  const own = cached && cached.text === text ? undefined : parser.parse(text);
  const tree = own ?? cached?.tree;
  if (!tree) return [];
  try {
    return tree.rootNode.descendantsOfType('comment').flatMap((n) => (n ? [{ start: n.startIndex, end: n.endIndex }] : []));
  } finally {
    own?.delete();
  }
}

function build(file: string, text: string, tree: TreeSitter.Tree, previous: ItemCache | undefined, items: ItemCache): HclFile {
  const lines = new LineIndex(text);
  if (!tree.rootNode.hasError) {
    const body = convertTopLevel(tree, text, previous, items);
    // A header without `{` followed by another block parses as one block with the next header as labels.
    if (!body.blocks.some((b) => /\n(?=[A-Za-z_])/.test(text.slice(b.header.start, b.header.end)))) {
      const findings: Finding[] = [];
      headerChecks(file, text, lines, body.blocks, findings);
      return { file, text, body, findings };
    }
    items.clear();
  }
  // Recovery: parse each top-level piece on its own.
  const body: Body = { attributes: [], blocks: [] };
  const findings: Finding[] = [];
  const pieces = topLevelPieces(text);
  for (let i = 0; i < pieces.length; i++) {
    const [start, end] = pieces[i]!;
    const piece = text.slice(start, end);
    if (!piece.trim()) continue;
    const nextStart = i + 1 < pieces.length ? pieces[i + 1]![0] : text.length;
    parsePiece(file, text, lines, piece, start, nextStart, body, findings);
  }
  headerChecks(file, text, lines, body.blocks, findings);
  return { file, text, body, findings };
}

/** Top-level blocks and attributes, reusing the conversion of those whose text did not change. */
function convertTopLevel(tree: TreeSitter.Tree, text: string, previous: ItemCache | undefined, items: ItemCache): Body {
  const body: Body = { attributes: [], blocks: [] };
  const cur = tree.walk();
  try {
    if (!cur.gotoFirstChild()) return body;
    do {
      if (cur.nodeType === 'object') {
        jsonAttributes(snapshotAt(cur, text), 0, body); // *.tfvars.json
        continue;
      }
      if (cur.nodeType !== 'body' || !cur.gotoFirstChild()) continue;
      do {
        const type: string = cur.nodeType; // (a fresh read: the cursor moved since the check above)
        if (type !== 'block' && type !== 'attribute') continue;
        const start = cur.startIndex;
        const key = text.slice(start, cur.endIndex);
        const hit = previous?.get(key);
        let item: { start: number; block?: Block; attribute?: Attribute };
        if (hit && (type === 'block') === !!hit.block) {
          const d = start - hit.start;
          item = d === 0 ? hit : { start, ...(hit.block ? { block: shift(hit.block, d) } : { attribute: shift(hit.attribute!, d) }) };
        } else {
          const node = snapshotAt(cur, text);
          const converted = type === 'block' ? block(node, 0) : attribute(node, 0);
          if (!converted) continue;
          item = type === 'block' ? { start, block: converted as Block } : { start, attribute: converted as Attribute };
        }
        items.set(key, item);
        if (item.block) body.blocks.push(item.block);
        else body.attributes.push(item.attribute!);
      } while (cur.gotoNextSibling());
      cur.gotoParent();
    } while (cur.gotoNextSibling());
  } finally {
    cur.delete();
  }
  return body;
}

/** A deep copy with every `start`/`end`/`close` offset moved by `d`. */
function shift<T>(x: T, d: number): T {
  if (Array.isArray(x)) return x.map((v) => shift(v, d)) as T;
  if (x === null || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x as Record<string, unknown>))
    out[k] = typeof v === 'number' && (k === 'start' || k === 'end' || k === 'close') ? v + d : shift(v, d);
  return out as T;
}
