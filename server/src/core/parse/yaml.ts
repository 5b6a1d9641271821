// Topology YAML -> Design, with the source range of every node the rules may point at.
// Errors are values: a broken document still yields a partial design plus `syntax`/`schema` findings.

import {
  Document,
  isAlias as yamlIsAlias,
  isMap as yamlIsMap,
  isScalar as yamlIsScalar,
  isSeq as yamlIsSeq,
  Pair,
  parseAllDocuments,
  parseDocument,
  Scalar,
  YAMLMap,
  type Node,
  type YAMLSeq,
} from 'yaml';
import { fastParse, plainOf, type FastDocument } from './yaml-events';
import type {
  Cluster,
  Dependency,
  Design,
  Distribution,
  Element,
  Finding,
  Link,
  Loc,
  Medium,
  Migration,
  Replication,
  Segment,
  Service,
  Site,
  SiteRef,
  TextEdit,
  UserGroup,
} from '../design';
import { DEFAULT_PLACEMENT, placeSite, resolvePlaceText } from '../placement';
import { DISTRIBUTIONS, emptyDesign, MEDIA } from '../design';
import { lookupRegion } from '../geo/regions';
import { validLatLon } from '../geo/geodesic';
import { validateTopology } from './schema';
import { DCI_MARK } from '../files';
import { attachOutline } from './outline';
import { commonPrefix, commonSuffix } from '../lines';

// yaml's node tests, bound once: through the bundle's module interop each use of an imported name is a
// getter call, and these run for every node of every document (2% of an editor's first analysis).
const isAlias = yamlIsAlias;
const isMap = yamlIsMap;
const isScalar = yamlIsScalar;
const isSeq = yamlIsSeq;

/** Aliases are legal YAML; expanding thousands of them is an attack ("billion laughs"). */
export const MAX_ALIAS_COUNT = 1000;

/**
 * Nesting the parsers get: yaml recurses per level and runs out of stack somewhere past 700 levels, at a
 * depth that depends on the caller's stack, so the findings of a deeper document would depend on who
 * asks. A topology nests fewer than ten levels.
 */
export const MAX_NESTING = 128;

/** The largest number a figure may have (the schema's `maximum`): 1e9 ms, km, Mbps or hosts is no design. */
export const MAX_FIGURE = 1e9;

/**
 * Where the nesting first exceeds MAX_NESTING, or -1: open flow brackets plus block levels (indentation
 * steps and `- ` entries). A cheap overestimate (brackets in strings and comments count too): a document
 * needs 128 unclosed ones to be refused.
 */
export function tooDeepAt(text: string): number {
  let flow = 0;
  const indents: number[] = [];
  for (let start = 0; start < text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i < end && text[i] !== '#' && text[i] !== '\r') {
      let indent = i - start;
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      while (text[i] === '-' && (text[i + 1] === ' ' || i + 1 === end)) {
        indent += 2;
        indents.push(indent);
        i += 2;
        while (i < end && text.charCodeAt(i) === 32) i++;
      }
    }
    for (let j = i; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c === 91 || c === 123) flow++;
      else if ((c === 93 || c === 125) && flow > 0) flow--;
      if (flow + indents.length > MAX_NESTING) return j;
    }
    if (flow + indents.length > MAX_NESTING) return i;
    start = end + 1;
  }
  return -1;
}

/**
 * Whether `next` nests exactly as `prev` does, as far as tooDeepAt can tell, without scanning either: the
 * edit between them changed characters inside one line, after that line's first non-blank, and neither
 * the old nor the new characters hold a bracket, a brace, a dash, a blank, a `#` or a line break. Then every
 * line has the same indentation, the same `- ` entries and the same brackets, so `tooDeepAt(next)` is -1
 * when `tooDeepAt(prev)` is (typing a digit or a name). False when that cannot be shown.
 */
export function sameNesting(prev: string, next: string): boolean {
  const n0 = prev.length;
  const n1 = next.length;
  const p = commonPrefix(prev, next, Math.min(n0, n1));
  const s = commonSuffix(prev, next, Math.min(n0, n1) - p);
  if (STRUCTURAL.test(prev.slice(p, n0 - s)) || STRUCTURAL.test(next.slice(p, n1 - s))) return false;
  // the line's indentation, its `- ` entries and whether it is a comment are decided before the change:
  // a character other than a blank or a dash comes first (deleting `x` from `- x- y` would make a second
  // entry of `- y`)
  const lineStart = prev.lastIndexOf('\n', p - 1) + 1;
  return /[^ -]/.test(prev.slice(lineStart, p));
}

/** What tooDeepAt reads besides letters and digits. */
const STRUCTURAL = /[[\]{}\-# \n\r]/;

export interface ParsedTopology {
  designs: Design[];
  findings: Finding[];
}

type AnyNode = Node | null | undefined;

/**
 * Options of every parse of topology YAML (full and incremental): YAML 1.1 merge keys (`<<: *defaults`)
 * as Kubernetes, Ansible and Compose files use them; duplicate keys are reported by `duplicateKeys`
 * (rule `syntax`), not by the parser, so the findings say which value is linted.
 */
/**
 * How every YAML text is read. `logLevel: 'error'`: yaml writes nothing to the console (it warned on stderr,
 * through process.emitWarning, when a pasted block made a list a mapping's key: the core writes nowhere).
 */
export const YAML_OPTIONS = { uniqueKeys: false, merge: true, prettyErrors: false, strict: false, logLevel: 'error' } as const;

export function isTopologyFile(file: string, text: string): boolean {
  return /\.dci\.ya?ml$/i.test(file) || DCI_MARK.test(text);
}

/** The text without a leading UTF-8 byte order mark (what editors show and count columns in). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Whether a document of a stream is a design: its root mapping has the key `dci`. */
function marksDesign(doc: Document.Parsed): boolean {
  return isMap(doc.contents) && doc.contents.items.some((p) => isScalar(p.key) && p.key.value === 'dci');
}

/**
 * One YAML text (an entry of a design, parse/incremental.ts) as a `yaml` Document and its plain data
 * (`doc.toJS()`): through the fast path (`yaml-events.ts`) where it takes the text, else from yaml's parseDocument.
 */
export function composeYaml(text: string): { doc: Document.Parsed; plain: () => unknown } {
  const fast = fastParse(text);
  if (fast) return { doc: fastDocument(fast.contents), plain: () => fast.plain };
  const doc = parseDocument(text, YAML_OPTIONS);
  return { doc, plain: () => doc.toJS() };
}

/**
 * What fast-parsed documents inherit: one real `Document` (its options and schema, which `toJS` reads), and
 * a `toJS` that converts the tree with `plainOf` (the same data: a fast tree has no aliases, merges or
 * tags). Building a `Document` per text built a schema per text (3% of an editor's first analysis).
 */
let fastDocumentPrototype: Document.Parsed | undefined;

function fastDocument(contents: FastDocument['contents']): Document.Parsed {
  if (!fastDocumentPrototype) {
    fastDocumentPrototype = Object.create(new Document(undefined, YAML_OPTIONS), {
      toJS: {
        value(this: Document.Parsed) {
          return plainOf(this.contents);
        },
      },
    }) as Document.Parsed;
  }
  const doc = Object.create(fastDocumentPrototype) as Document.Parsed;
  doc.contents = contents as Document.Parsed['contents'];
  doc.errors = [];
  doc.warnings = [];
  return doc;
}

/**
 * Topology YAML -> designs and the findings of the parse (syntax, schema). Most files take the fast path
 * (`yaml-events.ts`: js-yaml's events building yaml's nodes); any other text, or `{ fast: false }`, is parsed by `yaml`. Both give the same designs
 * and findings.
 */
export function parseTopology(text: string, file: string, options: { fast?: boolean } = {}): ParsedTopology {
  const findings: Finding[] = [];
  const designs: Design[] = [];
  // One document, no errors, no aliases: what yaml would have composed (anything else is yaml's, below).
  const fast = options.fast === false ? undefined : fastParse(text);
  if (fast?.contents) {
    const doc = fastDocument(fast.contents);
    for (const f of duplicateKeys(doc, text, file)) findings.push(f);
    const design = buildDesign(doc, text, file, findings, () => fast.plain);
    clampLocs(findings, text.length);
    if (design) {
      attachOutline(design, text);
      designs.push(design);
    }
    return { designs, findings };
  }
  const docs = parseAllDocuments(text, YAML_OPTIONS);
  const list = Array.isArray(docs) ? docs : [];
  // In a stream where some document says `dci: 1`, the others (a ConfigMap, a playbook) are not designs.
  const marked = list.length > 1 && list.some(marksDesign);
  for (const doc of list) {
    for (const err of doc.errors) {
      findings.push(finding('syntax', 'error', firstLine(err.message), errorLoc(file, text, err.pos)));
    }
    if (doc.contents === null) continue;
    if (list.length > 1 && !isMap(doc.contents)) continue;
    if (marked && !marksDesign(doc)) continue;
    for (const f of duplicateKeys(doc, text, file)) findings.push(f);
    const design = buildDesign(doc, text, file, findings);
    if (design) designs.push(design);
  }
  clampLocs(findings, text.length);
  if (list.length === 1 && designs.length === 1) attachOutline(designs[0]!, text);
  return { designs, findings };
}

export function firstLine(message: string): string {
  // yaml turns a stack overflow on deep nesting (10,000 `[`) into a document error: say what it means.
  if (message.includes('Maximum call stack size exceeded'))
    return 'Nesting too deep: the YAML parser ran out of stack here; the rest of this collection is not analysed.';
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

export function finding(ruleId: string, severity: Finding['severity'], message: string, loc: Loc, data: Record<string, unknown> = {}): Finding {
  return { ruleId, severity, message, loc, data, related: [], fixes: [] };
}

export function clampLocs(findings: Finding[], length: number): void {
  for (const f of findings) {
    f.loc.start = Math.max(0, Math.min(f.loc.start, length));
    f.loc.end = Math.max(f.loc.start, Math.min(f.loc.end, length));
  }
}

function buildDesign(doc: Document.Parsed, text: string, file: string, findings: Finding[], toPlain?: () => unknown): Design | undefined {
  const root = doc.contents;
  if (!isMap(root)) {
    findings.push(finding('schema', 'error', 'A topology document is a mapping with at least `sites`.', nodeLoc(file, root, text)));
    return undefined;
  }
  // Plain data for the schema check; aliases are expanded with a hard cap.
  let plain: unknown;
  try {
    plain = toPlain ? toPlain() : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    findings.push(
      finding(
        'syntax',
        'error',
        `Too many alias expansions (over ${MAX_ALIAS_COUNT}): the document is not analysed. ${(e as Error).message}`,
        nodeLoc(file, root, text),
      ),
    );
    return undefined;
  }
  for (const err of validateTopology(plain)) {
    const node = nodeAtPath(root, err.path, doc);
    const loc = err.pointAtKey
      ? keyLoc(file, root, err.path, err.pointAtKey, doc, text)
      : err.path.length === 0
        ? firstLineLoc(file, text)
        : nodeLoc(file, err.atKey && node.key ? node.key : (node.node ?? node.key), text);
    findings.push(finding('schema', err.severity, err.message, loc, { path: err.path.join('.') }));
  }

  const design = emptyDesign(file);
  const b = new Builder(doc, text, file, design);
  b.assumptions(findEntry(root, 'assumptions', doc)?.value);
  b.sites(root);
  b.list(root, 'links', (m) => b.link(m));
  b.list(root, 'segments', (m) => b.segment(m));
  b.list(root, 'clusters', (m) => b.cluster(m));
  b.list(root, 'migrations', (m) => b.migration(m));
  b.list(root, 'replication', (m) => b.replication(m));
  b.list(root, 'users', (m) => b.user(m));
  b.list(root, 'services', (m) => b.service(m));
  const name = (plain as Record<string, unknown>).name;
  if (typeof name === 'string') design.name = name;
  return design;
}

/** The first line: where problems of the whole document are shown. */
export function firstLineLoc(file: string, text: string): Loc {
  const nl = text.indexOf('\n');
  return { file, start: 0, end: Math.max(Math.min(1, text.length), nl < 0 ? text.length : nl) };
}

export function nodeLoc(file: string, node: AnyNode | Pair, text: string): Loc {
  const n = node as { range?: [number, number, number] } | null | undefined;
  if (n?.range) {
    // Collections may end after trailing blank lines; a range ends at its last visible character.
    let end = n.range[1];
    while (end > n.range[0] + 1 && /\s/.test(text[end - 1] ?? '')) end--;
    return { file, start: n.range[0], end: Math.max(end, n.range[0] + 1) };
  }
  return { file, start: 0, end: Math.min(text.length, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')) };
}

/** A YAML merge pair `<<: ...` (under `merge: true` yaml gives its key a symbol value). */
export function isMergePair(p: Pair): boolean {
  return isScalar(p.key) && typeof p.key.value === 'symbol';
}

function keyName(p: Pair): string | undefined {
  return isScalar(p.key) && typeof p.key.value !== 'symbol' ? String(p.key.value) : undefined;
}

function resolveNode(node: unknown, doc: Document.Parsed): AnyNode {
  let n = node as AnyNode;
  for (let i = 0; i < 8 && isAlias(n); i++) n = n.resolve(doc) as AnyNode;
  return isAlias(n) ? undefined : n;
}

/** The mappings a `<<` value merges, in precedence order: `*a`, `[*a, *b]` or an inline mapping. */
function mergeSources(node: unknown, doc: Document.Parsed): YAMLMap[] {
  const r = resolveNode(node, doc);
  if (isMap(r)) return [r];
  if (!isSeq(r)) return [];
  const out: YAMLMap[] = [];
  for (const item of r.items) {
    const m = resolveNode(item, doc);
    if (isMap(m)) out.push(m);
  }
  return out;
}

/** One key of a mapping as loaders read it: its value, and for a merged key the `<<` value it came through. */
export interface MapEntry {
  pair: Pair;
  value: AnyNode;
  /** the `<<` value of this mapping the key was merged through: where findings about it point */
  via?: Node;
}

/**
 * Every key of a mapping as YAML loaders read it: a repeated key keeps its last value (as JS, Python and
 * Go loaders do); keys merged by `<<` (YAML 1.1 merge keys) come first and an explicit key overrides them;
 * of several merged sources the first that has a key wins. Merges of merges are followed, each mapping
 * once (a merge bomb stays linear).
 */
export function mapEntries(m: YAMLMap, doc: Document.Parsed): Map<string, MapEntry> {
  const out = new Map<string, MapEntry>();
  const seen = new Set<YAMLMap>([m]);
  const merged = (src: YAMLMap, via: Node, depth: number) => {
    if (seen.has(src) || depth > 8) return;
    seen.add(src);
    for (const p of src.items) {
      const k = keyName(p);
      if (k !== undefined && !out.has(k)) out.set(k, { pair: p, value: p.value as AnyNode, via });
    }
    for (const p of src.items) if (isMergePair(p)) for (const s of mergeSources(p.value, doc)) merged(s, via, depth + 1);
  };
  const explicit = new Map<string, MapEntry>();
  for (const p of m.items) {
    const k = keyName(p);
    if (k !== undefined) explicit.set(k, { pair: p, value: p.value as AnyNode });
  }
  // Explicit keys first in the map so merged ones never displace them, then re-inserted last wins.
  for (const [k, e] of explicit) out.set(k, e);
  for (const p of m.items) if (isMergePair(p)) for (const s of mergeSources(p.value, doc)) merged(s, (p.value as Node | null) ?? (p.key as Node), 1);
  return out;
}

/**
 * Mappings with more entries than this are looked up through an index (keyIndex); smaller ones (nearly
 * all) are searched, which allocates nothing.
 */
const INDEXED_MAP_SIZE = 16;

/** A large mapping's keys: the last pair of each, whether it has `<<` pairs, and its mapEntries once asked. */
interface KeyIndex {
  /** the mapping's item count when the index was built: a mapping that grew since is indexed again */
  size: number;
  last: Map<string, Pair>;
  merges: boolean;
  entries?: Map<string, MapEntry>;
}
const keyIndexes = new WeakMap<YAMLMap, KeyIndex>();

/**
 * The key index of mapping `m`, built on its first lookup. Without it, each lookup in a large mapping
 * scanned it: a design whose 12,000 sites each had an unknown key took 4.1 s to parse, about 2.7 s of it
 * locating each schema error by a scan of `sites` (the rest: ajv's error copies, see
 * scripts/schema-validators.mjs); 0.5 s with both fixed.
 */
function keyIndex(m: YAMLMap): KeyIndex {
  let ix = keyIndexes.get(m);
  if (ix?.size !== m.items.length) {
    const last = new Map<string, Pair>();
    let merges = false;
    for (const p of m.items) {
      const k = keyName(p);
      if (k !== undefined) last.set(k, p);
      else if (isMergePair(p)) merges = true;
    }
    ix = { size: m.items.length, last, merges };
    keyIndexes.set(m, ix);
  }
  return ix;
}

/** One key of a mapping, as `mapEntries` reads it. Constant time in a large mapping after its first lookup. */
export function findEntry(m: YAMLMap, key: string, doc: Document.Parsed): MapEntry | undefined {
  if (m.items.length > INDEXED_MAP_SIZE) {
    const ix = keyIndex(m);
    const p = ix.last.get(key);
    if (p) return { pair: p, value: p.value as AnyNode };
    if (!ix.merges) return undefined;
    ix.entries ??= mapEntries(m, doc);
    return ix.entries.get(key);
  }
  for (let i = m.items.length - 1; i >= 0; i--) {
    const p = m.items[i]!;
    if (keyName(p) === key) return { pair: p, value: p.value as AnyNode };
  }
  if (!m.items.some(isMergePair)) return undefined;
  return mapEntries(m, doc).get(key);
}

/**
 * Repeated keys of every mapping of a document, as `syntax` errors on the repeated key: YAML 1.2
 * (section 3.2.1.1) requires keys to be unique, and loaders disagree on what a repeated key means (most
 * keep the last value, which is what DCI Lint lints). Keys of the root `sites` map are left to the
 * duplicate-site rule.
 */
export function duplicateKeys(doc: Document.Parsed, text: string, file: string): Finding[] {
  const out: Finding[] = [];
  const root = doc.contents;
  const sites = isMap(root) ? root.items.find((p) => keyName(p) === 'sites')?.value : undefined;
  const visit = (node: unknown, depth: number) => {
    if (depth > MAX_NESTING + 2 || isAlias(node)) return;
    if (isSeq(node)) for (const item of node.items) visit(item, depth + 1);
    if (!isMap(node)) return;
    // The first pair of each key: a Map for large mappings; small ones (nearly all) search back instead
    // of allocating one per mapping.
    const items = node.items;
    const first = items.length > 16 ? new Map<string, Node>() : undefined;
    for (let i = 0; i < items.length; i++) {
      const p = items[i]!;
      const k = keyName(p);
      if (k !== undefined && node !== sites) {
        let prev: Node | undefined;
        if (first) {
          prev = first.get(k);
          if (!prev) first.set(k, p.key as Node);
        } else {
          for (let j = 0; j < i && !prev; j++) if (keyName(items[j]!) === k) prev = items[j]!.key as Node;
        }
        if (prev) {
          const f = finding(
            'syntax',
            'error',
            `Duplicate key \`${k}\`: YAML keys must be unique. DCI Lint uses this last value, as most YAML loaders do; remove one of the two.`,
            nodeLoc(file, p.key as Node, text),
            { key: k },
          );
          f.related.push({ loc: nodeLoc(file, prev, text), message: `first \`${k}\`` });
          out.push(f);
        }
      }
      visit(p.value, depth + 1);
    }
  };
  visit(root, 0);
  return out;
}

/**
 * Follow a schema path (keys and indices) through the AST; aliases resolve to their anchors. A key that
 * comes from a merge (`<<: *defaults`) stops the walk at the `<<` value of the element (node and key).
 */
export function nodeAtPath(root: YAMLMap | YAMLSeq, path: string[], doc: Document.Parsed): { node?: Node; key?: Node } {
  let cur: AnyNode = root;
  let key: Node | undefined;
  for (const seg of path) {
    if (isAlias(cur)) cur = cur.resolve(doc) as AnyNode;
    if (isMap(cur)) {
      const entry = findEntry(cur, seg, doc);
      if (!entry) return { node: cur, key };
      if (entry.via) return { node: entry.via, key: entry.via };
      key = entry.pair.key as Node;
      cur = entry.value;
    } else if (isSeq(cur)) {
      cur = cur.items[Number(seg)] as AnyNode;
      key = undefined;
    } else {
      break;
    }
  }
  return { node: cur ?? undefined, key };
}

export function keyLoc(file: string, root: YAMLMap | YAMLSeq, path: string[], keyName: string, doc: Document.Parsed, text: string): Loc {
  const { node } = nodeAtPath(root, path, doc);
  if (isMap(node)) {
    const entry = findEntry(node, keyName, doc);
    if (entry) return nodeLoc(file, entry.via ?? (entry.pair.key as Node), text);
    // A list or mapping as a key (a block pasted at the wrong indentation): not a name findEntry knows.
    // Its first line, not the whole collection (which may run to the end of the document).
    const complex = node.items.find((p) => p.key !== null && typeof p.key === 'object' && !isScalar(p.key) && !isAlias(p.key));
    if (complex) return firstLineOf(nodeLoc(file, complex.key as Node, text), text);
  }
  return nodeLoc(file, node, text);
}

/**
 * Where a YAML error is shown: from its position to the end of its range or of its line, whichever comes
 * first (at least one character). yaml gives some errors the range of a whole node: "Implicit map keys
 * need to be followed by map values" on a list pasted as a key spans to the end of the document.
 */
export function errorLoc(file: string, text: string, pos: [number, number]): Loc {
  return firstLineOf({ file, start: pos[0], end: Math.max(pos[1], pos[0] + 1) }, text);
}

/** `loc` cut at the end of its first line (at least one character). */
function firstLineOf(loc: Loc, text: string): Loc {
  const nl = text.indexOf('\n', loc.start);
  return nl >= 0 && nl < loc.end ? { ...loc, end: Math.max(nl, loc.start + 1) } : loc;
}

export class Builder {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
    private readonly file: string,
    private readonly design: Design,
  ) {}

  private resolve(node: unknown): AnyNode {
    // Aliases are bounded already by the toJS pass above; resolve one level at a time.
    return resolveNode(node, this.doc);
  }

  loc(node: unknown): Loc {
    return nodeLoc(this.file, node as AnyNode, this.text);
  }

  private map(node: unknown): YAMLMap | undefined {
    const n = this.resolve(node);
    return isMap(n) ? n : undefined;
  }

  /** The value of `key` as loaders read it: the last of repeated keys, merge keys (`<<`) applied. */
  private pairValue(m: YAMLMap, key: string): AnyNode {
    return findEntry(m, key, this.doc)?.value;
  }

  /** Where a finding about `key` of an element points: its value, or the element's `<<` it was merged through. */
  private pairLoc(m: YAMLMap, key: string): Loc {
    const e = findEntry(m, key, this.doc);
    return this.loc(e?.via ?? e?.value ?? e?.pair.key);
  }

  /** `at` locations of every key of a mapping (merged keys at their `<<`), under `prefix`. */
  private atOf(m: YAMLMap, at: Record<string, Loc>, prefix = ''): void {
    if (m.items.some(isMergePair)) {
      for (const [k, e] of mapEntries(m, this.doc)) at[prefix + k] = this.loc(e.via ?? e.value ?? e.pair.key);
      return;
    }
    // Without `<<`, what mapEntries gives in one pass: keys in order of first appearance, the last value.
    for (const p of m.items) {
      const k = keyName(p);
      if (k !== undefined) at[prefix + k] = this.loc((p.value as AnyNode) ?? p.key);
    }
  }

  private num(m: YAMLMap | undefined, key: string): number | undefined {
    if (!m) return undefined;
    const v = this.resolve(this.pairValue(m, key));
    // Beyond the schema's maximum (1e9) a figure is a mistake, and 1e308 ms turns every sum into Infinity.
    return isScalar(v) && typeof v.value === 'number' && Number.isFinite(v.value) && Math.abs(v.value) <= MAX_FIGURE ? v.value : undefined;
  }

  private str(m: YAMLMap | undefined, key: string): string | undefined {
    if (!m) return undefined;
    const v = this.resolve(this.pairValue(m, key));
    if (!isScalar(v) || v.value === null || typeof v.value === 'object') return undefined;
    return String(v.value);
  }

  private element(m: YAMLMap, fallbackName: string): Element {
    const at: Record<string, Loc> = {};
    this.atOf(m, at);
    return { name: this.str(m, 'name') ?? fallbackName, loc: this.loc(m), at };
  }

  /** Site references of a list, each with the edit that removes it. */
  private refs(node: unknown): SiteRef[] {
    const seq = this.resolve(node);
    if (!isSeq(seq)) return [];
    const out: SiteRef[] = [];
    seq.items.forEach((item, i) => {
      const v = this.resolve(item);
      if (!isScalar(v) || v.value === null || typeof v.value === 'object') return;
      const loc = this.loc(item);
      out.push({ id: String(v.value), loc, removal: this.removal(seq, i) });
    });
    return out;
  }

  private ref(node: unknown): SiteRef | undefined {
    const v = this.resolve(node);
    if (!isScalar(v) || v.value === null || typeof v.value === 'object') return undefined;
    return { id: String(v.value), loc: this.loc(node) };
  }

  private removal(seq: YAMLSeq, i: number): SiteRef['removal'] {
    const items = seq.items as Array<Node | null>;
    const item = items[i];
    if (!item?.range) return undefined;
    if (seq.flow) {
      const prev = items[i - 1];
      const next = items[i + 1];
      if (prev?.range) return { file: this.file, start: prev.range[1], end: item.range[1], newText: '' };
      if (next?.range) return { file: this.file, start: item.range[0], end: next.range[0], newText: '' };
      return undefined;
    }
    // Block sequence: drop the whole "- item" line.
    const lineStart = this.text.lastIndexOf('\n', item.range[0] - 1) + 1;
    const nl = this.text.indexOf('\n', item.range[1] - 1);
    return { file: this.file, start: lineStart, end: nl < 0 ? this.text.length : nl + 1, newText: '' };
  }

  list(root: YAMLMap, key: string, each: (m: YAMLMap) => void): void {
    const seq = this.resolve(this.pairValue(root, key));
    if (!isSeq(seq)) return;
    for (const item of seq.items) {
      const m = this.map(item);
      if (m) each(m);
    }
  }

  assumptions(node: unknown): void {
    const m = this.map(node);
    if (!m) return;
    const a = this.design.assumptions;
    const set = (key: string, field: keyof Design['assumptions'], min: number) => {
      const v = this.num(m, key);
      if (v !== undefined && v >= min) a[field] = v;
    };
    set('fiber_route_factor', 'fiberRouteFactor', 1);
    set('equipment_ms', 'equipmentMs', 0);
    set('fiber_index', 'fiberIndex', 1);
    set('cloud_route_factor', 'cloudRouteFactor', 1);
    set('cloud_overhead_ms', 'cloudOverheadMs', 0);
  }

  sites(root: YAMLMap): void {
    const sites = this.map(this.pairValue(root, 'sites'));
    if (sites) this.siteEntries(sites);
  }

  siteEntries(sites: YAMLMap): void {
    const pairs = sites.items.filter((p) => !isMergePair(p));
    // Sites merged in with `<<: *more` (rare): each once, unless defined here; at their own key.
    if (pairs.length < sites.items.length)
      for (const [id, e] of mapEntries(sites, this.doc)) if (e.via && !pairs.some((p) => keyName(p) === id)) pairs.push(e.pair);
    for (const pair of pairs) {
      if (!isScalar(pair.key) || pair.key.value === null) continue;
      const id = String(pair.key.value);
      const idLoc = this.loc(pair.key);
      const existing = this.design.sites.get(id);
      if (existing) {
        (this.design.duplicateSites ??= []).push({ id, loc: idLoc, first: existing.idLoc });
        continue;
      }
      const m = this.map(pair.value);
      const site: Site = { id, idLoc, loc: { file: this.file, start: idLoc.start, end: m ? this.loc(m).end : idLoc.end } };
      this.design.sites.set(id, site);
      const name = m ? this.str(m, 'name') : undefined;
      if (name !== undefined) site.name = name;
      const location = m ? this.resolve(this.pairValue(m, 'location')) : undefined;
      const region = m ? this.str(m, 'region') : undefined;
      if (location) {
        Object.assign(site, this.location(location));
      } else if (region !== undefined) {
        const i = region.indexOf(':');
        site.region = { provider: i < 0 ? '' : region.slice(0, i), code: i < 0 ? region : region.slice(i + 1), loc: this.pairLoc(m!, 'region') };
        const r = lookupRegion(region);
        if (r) site.placement = { latDeg: r.lat, lonDeg: r.lon, origin: `${r.key} (${r.city})`, cloud: true };
      } else {
        // Neither: placed from its id or name (inferred), with the edit that pins it.
        site.byName = true;
        site.pin = this.pinEdit(pair, m);
        placeSite(site, DEFAULT_PLACEMENT);
      }
    }
  }

  /**
   * One placement form, as written under `location:` (of a site, or of anything else that takes a site
   * placement): `{ lat, lon }` or `[lat, lon]` (coordinates, valid or not: `invalid-location` judges them),
   * or a place string ("Frankfurt am Main, DE", "Sydney", "FRA") resolved by the gazetteer (unknown or
   * ambiguous: no placement, and `placeText` for `unknown-place`). Parsers place with the default
   * configuration; `applyPlacementConfig` re-places place strings pinned in `places:`.
   */
  location(node: unknown): Pick<Site, 'coordinates' | 'placement' | 'placeText'> {
    const location = this.resolve(node);
    let lat: number | undefined;
    let lon: number | undefined;
    if (isMap(location)) {
      lat = this.num(location, 'lat');
      lon = this.num(location, 'lon');
    } else if (isSeq(location)) {
      const [a, b] = location.items.map((n) => this.resolve(n));
      lat = isScalar(a) && typeof a.value === 'number' ? a.value : undefined;
      lon = isScalar(b) && typeof b.value === 'number' ? b.value : undefined;
    } else if (isScalar(location) && typeof location.value === 'string' && /^\s*[-+]?\d+(\.\d+)?\s*,\s*[-+]?\d+(\.\d+)?\s*$/.test(location.value)) {
      // "50.11, 8.68": coordinates written as a string, as `dci-lint rtt` takes them.
      [lat, lon] = location.value.split(',').map(Number) as [number, number];
    } else if (isScalar(location) && typeof location.value === 'string' && location.value.trim()) {
      const placeText = { text: location.value, loc: this.loc(location) };
      const r = resolvePlaceText(placeText.text, DEFAULT_PLACEMENT);
      return r.placement ? { placeText, placement: r.placement } : { placeText };
    }
    if (lat === undefined || lon === undefined) return {};
    const out: Pick<Site, 'coordinates' | 'placement'> = { coordinates: { latDeg: lat, lonDeg: lon, loc: this.loc(location) } };
    if (validLatLon(lat, lon) && !(lat === 0 && lon === 0)) out.placement = { latDeg: lat, lonDeg: lon, origin: 'coordinates', cloud: false };
    return out;
  }

  /** Where `location: ...` goes in a site entry (`$LOCATION` in newText): the fix that pins a placement. */
  private pinEdit(pair: Pair, m: YAMLMap | undefined): TextEdit | undefined {
    const value = pair.value as Node | null;
    const at = (start: number, end: number, newText: string): TextEdit => ({ file: this.file, start, end, newText });
    if (!m) {
      // `lis1:` or `lis1: ~`: the value becomes a flow map.
      if (value?.range && value.range[1] > value.range[0]) return at(value.range[0], value.range[1], '{ $LOCATION }');
      const keyEnd = (pair.key as Node).range?.[1];
      if (keyEnd === undefined) return undefined;
      const colon = this.text.indexOf(':', keyEnd);
      return colon < 0 ? undefined : at(colon + 1, colon + 1, ' { $LOCATION }');
    }
    const first = m.items[0]?.key as Node | undefined;
    if (m.flow) {
      if (!first?.range) return m.range ? at(m.range[0], m.range[1], '{ $LOCATION }') : undefined;
      return at(first.range[0], first.range[0], '$LOCATION, ');
    }
    if (!first?.range) return undefined;
    const lineStart = this.text.lastIndexOf('\n', first.range[0] - 1) + 1;
    return at(first.range[0], first.range[0], `$LOCATION\n${' '.repeat(first.range[0] - lineStart)}`);
  }

  link(m: YAMLMap): void {
    const between = this.refs(this.pairValue(m, 'between'));
    const mediumText = this.str(m, 'medium') ?? 'fiber';
    const medium = (MEDIA as readonly string[]).includes(mediumText) ? (mediumText as Medium) : 'fiber';
    // The name is in every message about the link: a `between` of thousands of ids must not make each of
    // its thousands of findings carry all of them (memory grows with the square of the list).
    const ids = between.slice(0, 3).map((r) => r.id);
    const link: Link = { ...this.element(m, ids.join('-') + (between.length > 3 ? '-…' : '')), between, medium };
    const routeKm = this.num(m, 'route_km');
    const rttMs = this.num(m, 'rtt_ms');
    const bandwidthMbps = this.num(m, 'bandwidth_mbps');
    if (routeKm !== undefined && routeKm > 0) link.routeKm = routeKm;
    if (rttMs !== undefined && rttMs > 0) link.rttMs = rttMs;
    if (bandwidthMbps !== undefined && bandwidthMbps > 0) link.bandwidthMbps = bandwidthMbps;
    this.design.links.push(link);
  }

  segment(m: YAMLMap): void {
    const seg: Segment = { ...this.element(m, `#${this.design.segments.length + 1}`), origin: 'segment', sites: this.refs(this.pairValue(m, 'sites')) };
    const vlan = this.num(m, 'vlan');
    if (vlan !== undefined) seg.vlan = vlan;
    const gw = this.map(this.pairValue(m, 'gateway'));
    if (gw) {
      seg.gateway = {};
      const protocol = this.str(gw, 'protocol');
      if (protocol !== undefined) seg.gateway.protocol = protocol;
      const active = this.ref(this.pairValue(gw, 'active_site'));
      if (active) seg.gateway.activeSite = active;
      const hello = this.num(gw, 'hello_ms');
      const hold = this.num(gw, 'hold_ms');
      if (hello !== undefined && hello > 0) seg.gateway.helloMs = hello;
      if (hold !== undefined && hold > 0) seg.gateway.holdMs = hold;
      this.atOf(gw, seg.at, 'gateway.');
      seg.gatewayStyle = gw.flow ? 'flow' : 'block';
    }
    const bfd = this.map(this.pairValue(m, 'bfd'));
    const interval = this.num(bfd, 'interval_ms');
    const mult = this.num(bfd, 'multiplier');
    if (interval !== undefined && interval > 0 && mult !== undefined && mult >= 1) seg.bfd = { intervalMs: interval, multiplier: mult };
    const arp = this.num(this.map(this.pairValue(m, 'arp')), 'retrans_ms');
    if (arp !== undefined && arp > 0) seg.arp = { retransMs: arp };
    this.design.segments.push(seg);
  }

  cluster(m: YAMLMap): void {
    const c: Cluster = {
      ...this.element(m, `#${this.design.clusters.length + 1}`),
      kind: this.str(m, 'kind') ?? 'vsphere',
      sites: this.refs(this.pairValue(m, 'sites')),
    };
    const version = this.str(m, 'version');
    if (version !== undefined) c.version = version;
    const witness = this.ref(this.pairValue(m, 'witness'));
    if (witness) c.witness = witness;
    const maxRtt = this.num(m, 'max_rtt_ms');
    if (maxRtt !== undefined && maxRtt > 0) c.maxRttMs = maxRtt;
    const hosts = this.num(m, 'hosts_per_site');
    if (hosts !== undefined && hosts > 0) c.hostsPerSite = hosts;
    const spans = this.str(m, 'spans');
    if (spans === 'networking' || spans === 'security') c.spans = spans;
    const hb = this.map(this.pairValue(m, 'heartbeat'));
    if (hb) {
      c.heartbeat = {};
      const interval = this.num(hb, 'interval_ms');
      const threshold = this.num(hb, 'threshold');
      if (interval !== undefined && interval > 0) c.heartbeat.intervalMs = interval;
      if (threshold !== undefined && threshold > 0) c.heartbeat.threshold = threshold;
    }
    this.design.clusters.push(c);
  }

  migration(m: YAMLMap): void {
    const mig: Migration = {
      ...this.element(m, `#${this.design.migrations.length + 1}`),
      method: this.str(m, 'method') ?? 'vmotion',
      path: this.refs(this.pairValue(m, 'path')),
    };
    const platform = this.map(this.pairValue(m, 'platform'));
    if (platform) {
      mig.platform = {};
      const product = this.str(platform, 'product');
      const version = this.str(platform, 'version');
      const edition = this.str(platform, 'edition');
      if (product !== undefined) mig.platform.product = product;
      if (version !== undefined) mig.platform.version = version;
      if (edition !== undefined) mig.platform.edition = edition;
      this.atOf(platform, mig.at, 'platform.');
    }
    const schedule = this.str(m, 'schedule');
    if (schedule !== undefined) mig.schedule = schedule;
    const concurrent = this.num(m, 'concurrent');
    if (concurrent !== undefined && concurrent >= 1) mig.concurrent = Math.floor(concurrent);
    this.design.migrations.push(mig);
  }

  replication(m: YAMLMap): void {
    const r: Replication = {
      ...this.element(m, `#${this.design.replication.length + 1}`),
      mode: this.str(m, 'mode') ?? 'asynchronous',
      sites: this.refs(this.pairValue(m, 'sites')),
    };
    const product = this.str(m, 'product');
    if (product !== undefined) r.product = product;
    const max = this.num(m, 'max_rtt_ms');
    if (max !== undefined && max > 0) r.maxRttMs = max;
    const cross = this.resolve(this.pairValue(m, 'host_cross_connect'));
    if (isScalar(cross) && cross.value === true) r.hostCrossConnect = true;
    const consistency = this.str(m, 'consistency');
    if (consistency !== undefined) r.consistency = consistency;
    const mrw = this.resolve(this.pairValue(m, 'multi_region_writes'));
    if (isScalar(mrw) && typeof mrw.value === 'boolean') r.multiRegionWrites = mrw.value;
    const leader = this.ref(this.pairValue(m, 'leader'));
    if (leader) r.leader = leader;
    this.design.replication.push(r);
  }

  /** The edit that appends an item after the last one of a sequence (`$SITE` in its text), or undefined. */
  private appendEdit(node: unknown): Service['sitesAppend'] {
    const seq = this.resolve(node);
    if (!isSeq(seq) || seq.items.length === 0) return undefined;
    const last = seq.items[seq.items.length - 1] as Node | null;
    if (!last?.range) return undefined;
    const end = last.range[1];
    if (seq.flow) return { file: this.file, start: end, end, newText: ', $SITE' };
    const lineStart = this.text.lastIndexOf('\n', last.range[0] - 1) + 1;
    const prefix = this.text.slice(lineStart, last.range[0]);
    if (!/^ *- +$/.test(prefix)) return undefined;
    const valueEnd = nodeLoc(this.file, last, this.text).end;
    return { file: this.file, start: valueEnd, end: valueEnd, newText: `\n${prefix}$SITE` };
  }

  /**
   * A user group: placed by the site code itself (one-entry `sites` map in a scratch design, keyed by the
   * group's name node), so every form a site accepts places users the same way, with the same problems.
   */
  user(m: YAMLMap): void {
    const el = this.element(m, `#${this.design.users.length + 1}`);
    const nameNode = this.resolve(this.pairValue(m, 'name'));
    let key: Scalar;
    if (isScalar(nameNode) && nameNode.range && typeof nameNode.value === 'string') key = nameNode;
    else {
      key = new Scalar(el.name);
      key.range = [el.loc.start, el.loc.start + 1, el.loc.start + 1];
    }
    if (this.pairValue(m, 'location') === undefined && this.pairValue(m, 'region') === undefined) {
      // Users are not placed from their group's name: the schema asks for `location` or `region`.
      const place: Site = {
        id: el.name,
        idLoc: this.loc(key),
        loc: el.loc,
        unresolved: { reason: 'it has neither `location` nor `region`', loc: this.loc(key) },
      };
      this.design.users.push({ ...el, place });
      return;
    }
    const scratch = emptyDesign(this.file);
    const entry = new YAMLMap();
    entry.items.push(new Pair(key, m));
    new Builder(this.doc, this.text, this.file, scratch).siteEntries(entry);
    const place = scratch.sites.get(String(key.value));
    if (!place) return;
    place.id = el.name;
    const user: UserGroup = { ...el, place };
    const share = this.num(m, 'share');
    if (share !== undefined && share >= 0 && share <= 1) user.share = share;
    this.design.users.push(user);
  }

  service(m: YAMLMap): void {
    const sites = this.refs(this.pairValue(m, 'sites'));
    const written = this.str(m, 'distribution');
    const distribution: Distribution =
      written !== undefined && (DISTRIBUTIONS as readonly string[]).includes(written)
        ? (written as Distribution)
        : new Set(sites.map((r) => r.id)).size > 1
          ? 'gslb'
          : 'single';
    const svc: Service = { ...this.element(m, `#${this.design.services.length + 1}`), sites, distribution, dependsOn: [] };
    const append = this.appendEdit(this.pairValue(m, 'sites'));
    if (append) svc.sitesAppend = append;
    const slo = this.num(m, 'rtt_slo_ms');
    if (slo !== undefined && slo > 0) svc.rttSloMs = slo;
    const deps = this.resolve(this.pairValue(m, 'depends_on'));
    if (isSeq(deps)) {
      for (const item of deps.items) {
        const d = this.map(item);
        if (!d) continue;
        const service = this.str(d, 'service');
        if (service === undefined) continue;
        const rt = this.num(d, 'round_trips');
        const dep: Dependency = { service, roundTrips: rt !== undefined && rt >= 1 ? rt : 1, loc: this.loc(this.pairValue(d, 'service')) };
        svc.dependsOn.push(dep);
      }
    }
    this.design.services.push(svc);
  }
}
