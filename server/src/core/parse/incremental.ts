// Incremental parsing of topology YAML for the editor: a one-line edit in a 500-site design must not
// re-parse 500 sites. The text is cut into chunks along its top-level keys, and the block-style
// `sites` map and lists (links, segments, ...) into one chunk per entry. Each chunk is parsed and
// schema-checked on its own and cached by its text; an edit re-parses the chunk it touched and
// shifts the others. Anything this cutting cannot represent faithfully (anchors and aliases,
// several documents, directives, tabs, odd indentation, duplicate top-level keys) falls back to
// the full parse, so the result is always the one `parseTopology` gives.

import { throwIfCancelled } from '../cancel';
import { commonPrefix, commonSuffix } from '../lines';
import { isMap, isSeq, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Design, Finding, Loc } from '../design';
import { emptyDesign } from '../design';
import {
  Builder,
  clampLocs,
  duplicateKeys,
  findEntry,
  finding,
  firstLine,
  firstLineLoc,
  keyLoc,
  nodeAtPath,
  nodeLoc,
  parseTopology,
  composeYaml,
  type ParsedTopology,
} from './yaml';
import { simplifySchemaErrors, validateTopology, validateTopologyPartRaw, type SchemaError, type TopologyPart } from './schema';
import type { ErrorObject } from 'ajv';
import type { RttModel } from '../rtt';
import { attachOutline } from './outline';

type ListPart = Exclude<TopologyPart, 'site'>;
const LISTS: Record<string, ListPart> = {
  links: 'link',
  segments: 'segment',
  clusters: 'cluster',
  migrations: 'migration',
  replication: 'replication',
  users: 'user',
  services: 'service',
};

function buildItem(b: Builder, part: ListPart, m: YAMLMap): void {
  if (part === 'link') b.link(m);
  else if (part === 'segment') b.segment(m);
  else if (part === 'cluster') b.cluster(m);
  else if (part === 'migration') b.migration(m);
  else if (part === 'user') b.user(m);
  else if (part === 'service') b.service(m);
  else b.replication(m);
}

interface Chunk {
  /** top-level key, and for entries the section it belongs to */
  key: string;
  kind: 'top' | 'site' | 'item';
  start: number;
  text: string;
  /**
   * What this chunk's text parsed to, once a parse has looked it up: the next version's chunk for the same
   * text (resplit carries it over) needs no lookup in the cache.
   */
  parsed: Parsed | undefined;
}

/**
 * A chunk parsed on its own. Its piece holds offsets in the text it was parsed from (where the chunk
 * started then: `base`), so the entries an edit did not move are used as they are, not copied; the
 * rest (`doc`, `syntax`, `schemaLocs`) is relative to the chunk's start.
 */
interface Parsed {
  /** the chunk's start in the text it was parsed from: the piece's offsets are absolute there */
  base: number;
  /** kept for top-level chunks only: the document's own schema errors are placed through it */
  doc?: Document.Parsed;
  syntax: Finding[];
  /** what the chunk contributes to the design (one site, one list item, or a whole section) */
  piece: Piece;
  /** raw schema errors of an entry, against its part of the schema */
  schema: ErrorObject[];
  /** for an entry: its id (sites) and where each of its schema errors sits, relative to the chunk */
  id?: string;
  schemaLocs?: Loc[];
  /** plain value of a top-level chunk, for the skeleton check of the document */
  value?: unknown;
  /** a list entry without a usable `name`: numbered by its place in the whole list */
  unnamed?: boolean;
}

/**
 * What one chunk contributes to the design, and nothing else: a cache holds one per entry (a 100-site
 * design about 300), so not a whole Design with its empty lists (25 MB of 200 open 100-site designs).
 */
interface Piece {
  sites: Design['sites'] | undefined;
  duplicateSites: Design['duplicateSites'];
  /** the entries of the chunk's list section (`links`, `segments`, ...) */
  items: unknown[] | undefined;
  assumptions: Design['assumptions'] | undefined;
  name: string | undefined;
}

/**
 * The part of `built` (a Design the Builder filled from one chunk of section `key`, offsets relative to
 * the chunk) that the chunk contributes, its offsets moved to the chunk's place in the text, `start`.
 */
function pieceOf(built: Design, key: string, start: number): Piece {
  const items = key in LISTS ? (built[key as 'links'] as unknown[]) : undefined;
  return {
    sites: built.sites.size > 0 ? shifted(built.sites, start) : undefined,
    duplicateSites: shifted(built.duplicateSites, start),
    items: items && items.length > 0 ? shifted(items, start) : undefined,
    assumptions: key === 'assumptions' ? built.assumptions : undefined,
    name: built.name,
  };
}

/**
 * Opening a topology of at least this many characters parses the whole text at once (its entries go into
 * the cache afterwards, prefillTopologyCache); a smaller one is parsed entry by entry from the start. The
 * whole parse gives first diagnostics sooner, but the document then holds two copies of its design (the
 * parsed whole, the cached entries) until its first edit. Measured over LSP (didOpen -> diagnostics,
 * medians of 6): 100 sites (22 KB) 67 ms whole, 87 ms entry by entry; 500 sites (113 KB) 225 ms and 317
 * ms. Below ~220 sites the open is fast either way and an editor may hold many such designs (the heap of
 * 200 open 100-site designs, core in process: 205 MB parsed whole and prefilled, 149 MB entry by entry);
 * above, the time to the first diagnostics matters more, and fewer are open at once. DCI Lint's figure.
 */
export const WHOLE_PARSE_MIN_CHARS = 50_000;

/** A chunk's entry depends on its kind, its section and its text (the file is the cache's). */
function chunkKey(c: Chunk): string {
  return `${c.kind}:${c.key}\u0000${c.text}`;
}

/** Entries of earlier versions a cache keeps besides those of the last version's chunks: an edit undone, a digit typed and deleted. */
const RECENT_ENTRIES = 16;

export class TopologyCache {
  /** The RTT model of the last version: the next version's model takes over what an edit left valid. */
  rtt?: { model: RttModel };
  /** The last text found no deeper than MAX_NESTING (lintTopology): an edit that cannot change nesting is not scanned again. */
  shallowText?: string;
  /**
   * The entries the last version's chunks do not hold, by kind and text, least recently used first: each
   * entry parsed anew goes in (the chunks carry the others, `Chunk.parsed`).
   */
  private recent = new Map<string, Parsed>();
  /** While a text cut afresh (not resplit) is parsed: the last version's entries, by kind and text. */
  private previous: Map<string, Parsed> | undefined;
  hits = 0;
  misses = 0;
  /**
   * A version lintTopology parsed in full because the cache was empty and the text large (an open of a
   * design of WHOLE_PARSE_MIN_CHARS or more: one parse of the whole text costs a third less than parsing
   * it entry by entry); prefillTopologyCache cuts and parses its entries in idle time, `next` is the first
   * entry not done yet.
   */
  pending: { text: string; file: string; chunks?: Chunk[] | null; next: number } | undefined;

  /** Nothing parsed yet: the next lintTopology parses the whole text at once. */
  get empty(): boolean {
    return this.lastChunks === undefined && this.recent.size === 0;
  }

  /**
   * The entry of `chunk`: the one it carries, else one parsed earlier from the same text,
   * else `make()`'s. A chunk the edit did not touch carries its entry: no key is built, no map is read.
   */
  get(chunk: Chunk, make: () => Parsed): Parsed {
    let p = chunk.parsed;
    if (p) {
      this.hits++;
      return p;
    }
    const key = chunkKey(chunk);
    p = this.previous?.get(key) ?? this.recent.get(key);
    if (p) this.hits++;
    else {
      this.misses++;
      p = make();
    }
    this.recent.delete(key);
    this.recent.set(key, p);
    if (this.recent.size > RECENT_ENTRIES) this.recent.delete(this.recent.keys().next().value!);
    chunk.parsed = p;
    return p;
  }

  /** A text is about to be cut afresh: the last version's entries are looked up by their text until `sweep`. */
  rememberLastChunks(): void {
    if (!this.lastChunks) return;
    this.previous = new Map();
    for (const c of this.lastChunks) if (c.parsed) this.previous.set(chunkKey(c), c.parsed);
  }

  /** The last text cut into chunks, and its chunks: the next version re-cuts only the chunk an edit touched. */
  lastText?: string;
  lastChunks?: Chunk[];

  /** The parse of a version is over: keep only what its chunks carry and the recent entries (the cache never outgrows one document). */
  sweep(): void {
    this.previous = undefined;
  }
}

const TOP_KEY = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/;

/** The chunks of a text, or undefined when only the full parser can be trusted with it. */
export function splitChunks(text: string): Chunk[] | undefined {
  if (/(^|[\s[{,:])[&*!][^\s,\]}]/m.test(text) || /^(---|\.\.\.|%)/m.test(text) || /^\t/m.test(text) || text.includes('\r')) return undefined;
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const chunks: Chunk[] = [];
  const seen = new Set<string>();
  // Top-level keys: lines at column 0 that are not comments.
  const tops: Array<{ key: string; line: number; rest: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '' || line[0] === ' ' || line[0] === '#') continue;
    const m = TOP_KEY.exec(line);
    if (!m || seen.has(m[1]!)) return undefined;
    seen.add(m[1]!);
    // Only whether a value follows matters; a value cannot start with `#` (that is a comment). Trimmed,
    // not matched with /\s+#.*$/: that expression is quadratic on a line of blanks.
    const rest = (m[2] ?? '').trim();
    tops.push({ key: m[1]!, line: i, rest: rest.startsWith('#') ? '' : rest });
  }
  if (tops.length === 0) return undefined;
  const at = (line: number) => (line < starts.length ? starts[line]! : text.length);
  // one object shape for every chunk (resplit makes the same): code that reads chunks stays monomorphic
  const chunk = (key: string, kind: Chunk['kind'], a: number, b: number): Chunk => ({
    key,
    kind,
    start: at(a),
    // (an own copy: the chunks and what is parsed out of them outlive this version's text, see ownCopy)
    text: ownCopy(text.slice(at(a), at(b))),
    parsed: undefined,
  });
  // Before the first key only comments and blank lines (an indented root map is the full parser's).
  for (let i = 0; i < tops[0]!.line; i++) if (lines[i]!.trim() !== '' && !lines[i]!.trimStart().startsWith('#')) return undefined;
  if (tops[0]!.line > 0) chunks.push(chunk('', 'top', 0, tops[0]!.line));
  for (let t = 0; t < tops.length; t++) {
    const { key, line, rest } = tops[t]!;
    const end = t + 1 < tops.length ? tops[t + 1]!.line : lines.length;
    const itemized = rest === '' && (key === 'sites' || key in LISTS);
    const entries = itemized ? entryLines(lines, line + 1, end, key === 'sites') : undefined;
    if (entries === null) return undefined;
    if (!entries || entries.length === 0) {
      chunks.push(chunk(key, 'top', line, end));
      continue;
    }
    chunks.push(chunk(key, 'top', line, entries[0]!));
    for (let e = 0; e < entries.length; e++) {
      chunks.push(chunk(key, key === 'sites' ? 'site' : 'item', entries[e]!, e + 1 < entries.length ? entries[e + 1]! : end));
    }
  }
  return chunks;
}

const ITEMIZABLE = (key: string) => key === 'sites' || key in LISTS;

/**
 * The chunks of `text`, from those of the previous version `prev`, when the edit between them changed
 * the inside of one chunk and nothing that decides where chunks start: exactly what `splitChunks(text)`
 * returns, computed in time proportional to that chunk. Undefined when that cannot be shown (then the
 * caller cuts the whole text). An edit qualifies when the lines it touched, before and after, lie in one
 * chunk below its first line, and each is blank, a comment, or a continuation (indented deeper than an
 * entry; in a section that is not cut into entries, indented at all); and the new lines contain none of
 * the constructs that send a text to the full parser.
 */
export function resplit(prev: string, prevChunks: readonly Chunk[], text: string): Chunk[] | undefined {
  if (prev === text) return [...prevChunks];
  const n0 = prev.length;
  const n1 = text.length;
  const p = commonPrefix(prev, text, Math.min(n0, n1));
  const s = commonSuffix(prev, text, Math.min(n0, n1) - p);
  const lineStart = prev.lastIndexOf('\n', p - 1) + 1;
  const end0 = lineEnd(prev, n0 - s);
  const end1 = lineEnd(text, n1 - s);
  // the chunk holding the first touched line
  let lo = 0;
  let hi = prevChunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (prevChunks[mid]!.start <= lineStart) lo = mid;
    else hi = mid - 1;
  }
  const c = prevChunks[lo];
  if (!c || c.start >= lineStart) return undefined;
  const chunkEnd = c.start + c.text.length;
  const delta = n1 - n0;
  // the touched lines end inside the chunk (at one of its newlines, or at the end of a last chunk)
  if (end0 >= chunkEnd && !(end0 === n0 && chunkEnd === n0)) return undefined;
  if (end0 + delta < lineStart) return undefined;
  const region = text.slice(lineStart, end1);
  if (region.includes('\r') || /^\t/m.test(region) || /^(---|\.\.\.|%)/m.test(region) || /(^|[\s[{,:])[&*!][^\s,\]}]/m.test(region)) return undefined;
  // how deep a touched line must be indented to continue the chunk's entry (0: no content line allowed)
  let minIndent: number;
  if (c.kind === 'top') minIndent = !c.key || ITEMIZABLE(c.key) ? Infinity : 1;
  else minIndent = c.text.length - c.text.trimStart().length + 1;
  if (!continuation(prev.slice(lineStart, end0), minIndent) || !continuation(region, minIndent)) return undefined;
  const out = prevChunks.slice(0, lo);
  out.push({ key: c.key, kind: c.kind, start: c.start, text: ownCopy(text.slice(c.start, chunkEnd + delta)), parsed: undefined });
  for (let k = lo + 1; k < prevChunks.length; k++) {
    const chunk = prevChunks[k]!;
    out.push(delta === 0 ? chunk : { key: chunk.key, kind: chunk.kind, start: chunk.start + delta, text: chunk.text, parsed: chunk.parsed });
  }
  return out;
}

/**
 * `s` in a string of its own. A slice of a version's text keeps that whole text alive in V8 (a sliced
 * string points into its parent), and so does every name the parser slices out of it: each chunk an edit
 * touched, kept while its entry is unchanged, held one version's text (a 2,000-site design's core grew by
 * ~220 KB a version, 49 -> 110 MB over 300 edits at different sites).
 */
function ownCopy(s: string): string {
  // the concatenation is flattened into a new string, the slice points into that one
  return ` ${s}`.slice(1);
}

/** The end of the line holding offset `at` (its newline, or the end of the text). */
function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl;
}

/** Every line of `lines` is blank, a comment, or indented at least `minIndent` spaces. */
function continuation(lines: string, minIndent: number): boolean {
  for (const line of lines.split('\n')) {
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (line.length - trimmed.length < minIndent || line[0] !== ' ') return false;
  }
  return true;
}

/**
 * The first line of each entry of a block map (`  fra1:`) or block sequence (`  - between: ...`);
 * null when a line breaks the pattern (less indented than the entries, or neither shape).
 */
function entryLines(lines: string[], from: number, to: number, map: boolean): number[] | null {
  const out: number[] = [];
  let indent = -1;
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const ind = line.length - trimmed.length;
    if (indent < 0) {
      if (ind === 0) return null;
      indent = ind;
    }
    if (ind < indent) return null;
    if (ind > indent) {
      if (out.length === 0) return null;
      continue;
    }
    if (map ? !/^[^\s#'"{[\-?][^:]*:(\s|$)/.test(trimmed) : !/^-(\s|$)/.test(trimmed)) return null;
    // A merge key among the entries (`<<: *more_sites`) belongs to the whole map: the full parser's.
    if (map && trimmed.startsWith('<<')) return null;
    // the entry's comments above it belong to it: start at the first non-entry line after the previous one
    out.push(i);
  }
  return out;
}

function parseChunk(chunk: Chunk, file: string): Parsed {
  const { doc, plain } = composeYaml(chunk.text);
  const syntax = doc.errors.map((e) => finding('syntax', 'error', firstLine(e.message), { file, start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) }));
  // A repeated key is a finding: like a syntax error, it sends the whole text to the full parser.
  for (const f of duplicateKeys(doc, chunk.text, file)) syntax.push(f);
  const built = emptyDesign(file);
  const b = new Builder(doc, chunk.text, file, built);
  const root = doc.contents;
  let schema: ErrorObject[] = [];
  let value: unknown;
  if (chunk.kind === 'site' && isMap(root)) {
    b.siteEntries(root);
    const pair = root.items[0];
    const id = pair ? String((pair.key as { value: unknown }).value) : '';
    if (pair) schema = validateTopologyPartRaw('site', (plain() as Record<string, unknown>)[id]);
    // Entries keep no AST: their error locations are worked out now, their messages (which name the
    // entry's place in the document) when the document is assembled.
    return parsedChunk(
      chunk.start,
      undefined,
      syntax,
      pieceOf(built, chunk.key, chunk.start),
      schema,
      id,
      entryLocs(schema, ['sites', id], [id], root, doc, chunk.text, file),
      undefined,
      undefined,
    );
  } else if (chunk.kind === 'item' && isSeq(root)) {
    const part = LISTS[chunk.key]!;
    const item = root.items[0];
    if (isMap(item)) buildItem(b, part, item);
    const value = plain() as Array<Record<string, unknown> | null>;
    schema = validateTopologyPartRaw(part, value[0]);
    const name = isMap(item) ? (value[0] ?? {}).name : undefined;
    const unnamed = name === null || name === undefined || typeof name === 'object';
    return parsedChunk(
      chunk.start,
      undefined,
      syntax,
      pieceOf(built, chunk.key, chunk.start),
      schema,
      undefined,
      entryLocs(schema, [chunk.key, '0'], ['0'], root, doc, chunk.text, file),
      undefined,
      unnamed,
    );
  } else if (chunk.kind === 'top' && isMap(root)) {
    value = (plain() as Record<string, unknown>)[chunk.key];
    if (chunk.key === 'sites') b.sites(root);
    else if (chunk.key === 'assumptions') b.assumptions(findEntry(root, 'assumptions', doc)?.value);
    else if (chunk.key in LISTS) {
      const part = LISTS[chunk.key]!;
      b.list(root, chunk.key, (m) => buildItem(b, part, m));
    } else if (chunk.key === 'name' && typeof value === 'string') built.name = value;
  }
  return parsedChunk(chunk.start, doc, syntax, pieceOf(built, chunk.key, chunk.start), schema, undefined, undefined, value, undefined);
}

/** Every Parsed has the same fields in the same order: the loop that assembles a document reads them monomorphically. */
function parsedChunk(
  base: number,
  doc: Document.Parsed | undefined,
  syntax: Finding[],
  piece: Piece,
  schema: ErrorObject[],
  id: string | undefined,
  schemaLocs: Loc[] | undefined,
  value: unknown,
  unnamed: boolean | undefined,
): Parsed {
  return { base, doc, syntax, piece, schema, id, schemaLocs, value, unnamed };
}

/**
 * Parses the entries of the version in `cache.pending` (parsed in full at an open) into the cache until
 * `deadlineMs` (a performance.now() time); true when no entry is left. The language server calls it in
 * slices while idle after an open, so that the first edit re-parses only the entries it touched.
 */
export function prefillTopologyCache(cache: TopologyCache, deadlineMs: number): boolean {
  const p = cache.pending;
  if (!p) return true;
  if (p.chunks === undefined) {
    p.chunks = splitChunks(p.text) ?? null;
    // the first edit re-cuts only the chunk it touched (resplit), from these
    cache.lastText = p.chunks ? p.text : undefined;
    cache.lastChunks = p.chunks ?? undefined;
  }
  const chunks = p.chunks;
  while (chunks && p.next < chunks.length) {
    const chunk = chunks[p.next++]!;
    cache.get(chunk, () => parseChunk(chunk, p.file));
    if (performance.now() > deadlineMs && p.next < chunks.length) return false;
  }
  cache.pending = undefined;
  return true;
}

/**
 * The copies `shifted` made recently, per original and offset: an entry that did not move since the last
 * version, or moves back and forth as a digit is typed and deleted before it, is not copied again.
 * Copies are shared between versions, as the originals already are: the design is read-only.
 */
const recent = new WeakMap<object, Array<[number, unknown]>>();

function shiftedOnce<T extends object>(value: T, delta: number): T {
  if (delta === 0) return value;
  // a loop, no closure: this runs for every entry after the edit, on every version
  const seen = recent.get(value);
  if (seen) for (let k = 0; k < seen.length; k++) if (seen[k]![0] === delta) return seen[k]![1] as T;
  const copy = shifted(value, delta);
  recent.set(value, seen ? [[delta, copy], seen[0]!] : [[delta, copy]]);
  return copy;
}

/**
 * A copy with every offset moved by `delta` (locs and edits are the objects with file/start/end). Parts
 * that hold no offset (a placement, a region's name, lists of numbers) are shared, not copied: typing
 * shifts every entry after the cursor by a new amount on each keystroke, and each is copied again.
 */
function shifted<T>(value: T, delta: number): T {
  if (delta === 0 || value === null || typeof value !== 'object' || !holdsOffsets(value)) return value;
  if (Array.isArray(value)) return value.map((v) => shifted(v, delta)) as T;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, shifted(v, delta)])) as T;
  const src = value as Record<string, unknown>;
  // A spread copy has the original's hidden class (an object filled key by key from `{}` would not): the
  // rules then see one shape of site, link, loc, whether or not an edit moved it, and V8 keeps their
  // optimised code (a second shape deoptimised it during the first edits after an open).
  const out: Record<string, unknown> = { ...src };
  for (const k of Object.keys(out)) {
    const v = out[k];
    if (v !== null && typeof v === 'object') out[k] = shifted(v, delta);
  }
  if (isOffsetHolder(out)) {
    out.start = (out.start as number) + delta;
    out.end = (out.end as number) + delta;
  }
  return out as T;
}

function isOffsetHolder(o: Record<string, unknown>): boolean {
  return typeof o.start === 'number' && typeof o.end === 'number' && typeof o.file === 'string';
}

/** Whether an object of a parsed piece holds an offset anywhere inside (pieces are read-only: remembered). */
const offsetsInside = new WeakMap<object, boolean>();

function holdsOffsets(value: object): boolean {
  let r = offsetsInside.get(value);
  if (r !== undefined) return r;
  r = false;
  if (Array.isArray(value)) {
    for (const v of value) if (v !== null && typeof v === 'object' && holdsOffsets(v)) r = true;
  } else if (value instanceof Map) {
    for (const v of value.values()) if (v !== null && typeof v === 'object' && holdsOffsets(v)) r = true;
  } else {
    const src = value as Record<string, unknown>;
    r = isOffsetHolder(src);
    for (const k of Object.keys(src)) {
      const v = src[k];
      if (v !== null && typeof v === 'object' && holdsOffsets(v)) r = true;
    }
  }
  offsetsInside.set(value, r);
  return r;
}

/**
 * The same result as `parseTopology(text, file)`, re-using the chunks `cache` saw in earlier
 * versions of the text. Falls back to the full parse when the text cannot be cut safely.
 */
/** `isCancelled`: polled before each entry is parsed; true throws AnalysisCancelled (core/cancel.ts). */
export function parseTopologyIncremental(text: string, file: string, cache: TopologyCache, isCancelled?: () => boolean): ParsedTopology {
  cache.pending = undefined;
  let chunks = cache.lastText !== undefined && cache.lastChunks ? resplit(cache.lastText, cache.lastChunks, text) : undefined;
  if (!chunks) {
    // cut afresh: the entries of the last version are found by their text
    cache.rememberLastChunks();
    chunks = splitChunks(text);
  }
  cache.lastText = chunks ? text : undefined;
  cache.lastChunks = chunks;
  if (!chunks) {
    cache.sweep();
    return parseTopology(text, file);
  }
  const findings: Finding[] = [];
  const design = emptyDesign(file);
  const skeleton: Record<string, unknown> = {};
  const tops = new Map<string, { parsed: Parsed; start: number }>();
  const counts: Record<string, number> = {};
  const itemized = new Set(chunks.filter((c) => c.kind !== 'top').map((c) => c.key));
  // plain loops: the first edits after an open run this once per chunk, before V8 has optimised it
  const parsedChunks: Parsed[] = [];
  let broken = false;
  for (let c = 0; c < chunks.length; c++) {
    throwIfCancelled(isCancelled);
    const chunk = chunks[c]!;
    const p = cache.get(chunk, () => parseChunk(chunk, file));
    if (p.syntax.length > 0) broken = true;
    parsedChunks.push(p);
  }
  // A broken chunk: the full parser's recovery is what users see everywhere else, so use it.
  if (broken) {
    cache.sweep();
    return parseTopology(text, file);
  }
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c]!;
    const parsed = parsedChunks[c]!;
    const d = chunk.start;
    // how far the piece moved since it was parsed: 0 for every entry before the edit
    const moved = d - parsed.base;
    const piece = parsed.piece;
    if (chunk.kind === 'top') {
      if (!chunk.key) continue;
      tops.set(chunk.key, { parsed, start: d });
      // Sections cut into entries are checked entry by entry below; the skeleton holds an empty one.
      skeleton[chunk.key] = itemized.has(chunk.key) ? (chunk.key === 'sites' ? {} : []) : parsed.value;
      if (piece.assumptions) Object.assign(design.assumptions, piece.assumptions);
      if (chunk.key === 'name' && piece.name !== undefined) design.name = piece.name;
    }
    if (chunk.kind === 'site' || (chunk.kind === 'top' && chunk.key === 'sites')) {
      if (piece.sites)
        for (const [id, site] of piece.sites) {
          const s = shiftedOnce(site, moved);
          const first = design.sites.get(id);
          if (first) (design.duplicateSites ??= []).push({ id, loc: s.idLoc, first: first.idLoc });
          else design.sites.set(id, s);
        }
      for (const dup of piece.duplicateSites ?? []) (design.duplicateSites ??= []).push(shifted(dup, moved));
    }
    if (chunk.key in LISTS && (chunk.kind === 'item' || chunk.kind === 'top')) {
      const list = design[chunk.key as 'links'] as unknown as Array<{ name: string; at: Record<string, Loc> }>;
      const items = (piece.items ?? []) as Array<{ name: string; at: Record<string, Loc> }>;
      for (const item of items) {
        let copy = shiftedOnce(item, moved);
        // Unnamed entries are numbered by their place in the whole list, not in the chunk.
        if (chunk.kind === 'item' && parsed.unnamed && chunk.key !== 'links') {
          const name = `#${list.length + 1}`;
          copy = { ...copy, name };
          // a user group's place carries its name as its id (see Builder.user)
          if (chunk.key === 'users') (copy as unknown as { place: { id: string } }).place = { ...(copy as unknown as { place: object }).place, id: name };
        }
        list.push(copy);
      }
    }
    if (chunk.kind !== 'top') {
      const index = counts[chunk.key] ?? 0;
      counts[chunk.key] = index + 1;
      if (!parsed.schemaLocs?.length) continue;
      const prefix = chunk.kind === 'site' ? ['sites', parsed.id ?? ''] : [chunk.key, String(index)];
      // Same raw errors, same simplification: the i-th message goes with the i-th location.
      simplifySchemaErrors(parsed.schema, prefix).forEach((err, i) => {
        const loc = parsed.schemaLocs![i]!;
        findings.push(
          finding('schema', err.severity, err.message, { file, start: loc.start + d, end: loc.end + d }, { path: [...prefix, ...err.path].join('.') }),
        );
      });
    }
  }
  // Duplicate site ids: the full parser's view (the later entry shadows the earlier in the plain data) is the reference.
  if (design.duplicateSites?.length) {
    cache.sweep();
    return parseTopology(text, file);
  }
  // The document itself: required keys, unknown top-level keys, and whole (non-block) sections.
  for (const err of validateTopology(skeleton)) {
    const top = tops.get(err.path[0] ?? err.pointAtKey ?? '');
    if (!top) {
      findings.push(finding('schema', err.severity, err.message, firstLineLoc(file, text), { path: err.path.join('.') }));
      continue;
    }
    const r = root(top.parsed)!;
    findings.push(schemaFinding(err, [], r, top.parsed.doc!, text.slice(top.start), file, top.start, []));
  }
  cache.sweep();
  clampLocs(findings, text.length);
  attachOutline(design, text);
  return { designs: [design], findings };
}

/**
 * Relative locations of an entry's schema errors, in the order `simplifySchemaErrors` lists them for
 * this prefix (a list entry's index changes nothing in that order, only in the messages).
 */
function entryLocs(schema: ErrorObject[], prefix: string[], local: string[], r: YAMLMap | YAMLSeq, doc: Document.Parsed, text: string, file: string): Loc[] {
  return simplifySchemaErrors(schema, prefix).map((err) => schemaFinding(err, local, r, doc, text, file, 0, prefix).loc);
}

function root(p: Parsed): YAMLMap | YAMLSeq | undefined {
  const r = p.doc?.contents;
  return isMap(r) || isSeq(r) ? r : undefined;
}

function schemaFinding(
  err: SchemaError,
  local: string[],
  r: YAMLMap | YAMLSeq,
  doc: Document.Parsed,
  text: string,
  file: string,
  delta: number,
  prefix: string[],
): Finding {
  const path = [...local, ...err.path];
  const node = nodeAtPath(r as YAMLMap, path, doc);
  const loc = err.pointAtKey
    ? keyLoc(file, r as YAMLMap, path, err.pointAtKey, doc, text)
    : nodeLoc(file, err.atKey && node.key ? node.key : (node.node ?? node.key), text);
  return finding('schema', err.severity, err.message, { file, start: loc.start + delta, end: loc.end + delta }, { path: [...prefix, ...err.path].join('.') });
}
