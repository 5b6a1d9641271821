// The fast path of the YAML parse (issue 13): js-yaml 5's event parser (`parseEvents`: a flat stream of
// events with source offsets, about ten times faster than `yaml`'s parseDocument on our designs, and
// five times faster on a cold start) builds the same `yaml` nodes (YAMLMap, YAMLSeq, Pair, Scalar) with
// the same values and source ranges that `yaml` composes, plus the plain data `toJS` would give.
//
// It takes the YAML topology files are written in: one document, block and flow collections, one-line
// plain and quoted scalars. Anything else returns undefined and the caller parses with `yaml`, whose error
// recovery and messages are what users see for broken text: a syntax error (js-yaml throws), anchors,
// aliases, tags, merge keys (`<<`), block scalars (`|`, `>`), scalars over several lines, keys that are
// collections, tabs, carriage returns, directives and more than one document. Giving up is always correct.
//
// What "the same ranges" means: `range[0]` of every node and `range[1]` of scalars and flow collections
// are yaml's, and so is a block collection's `range[1]` up to trailing whitespace (nodeLoc drops it),
// trailing comment lines included as yaml includes them (Builder.blockRange). The builder is
// checked node by node against `yaml` on every fixture, example and generated design
// (test/unit/yaml-events.test.mjs).

import { EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, COLLECTION_STYLE, type Event, type ScalarEvent } from 'js-yaml';
import { Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

// yaml's node classes (so that isMap, isScalar, toJS and every method work on the nodes built here), made
// without running yaml's constructors: those mark each node with `Object.defineProperty` (yaml's own
// symbol, `Symbol.for('yaml.node.type')`), which was 40% of building the nodes. Here the mark sits on a
// prototype between the node and yaml's class. (From the line parser of helper N's branch, 2026-11-30.)
const NODE_TYPE = Symbol.for('yaml.node.type');
const SCALAR = Symbol.for('yaml.scalar');
const MAP = Symbol.for('yaml.map');
const SEQ = Symbol.for('yaml.seq');
function markedPrototype(base: { prototype: object }, type: string): object {
  return Object.create(base.prototype, { [NODE_TYPE]: { value: Symbol.for(type) } }) as object;
}
interface ScalarFields {
  value: unknown;
  range: [number, number, number];
  type: Scalar.Type;
}
const FastScalar = function (this: ScalarFields, value: unknown, start: number, end: number, end2: number, type: Scalar.Type) {
  this.value = value;
  this.range = [start, end, end2];
  this.type = type;
} as unknown as new (value: unknown, start: number, end: number, end2: number, type: Scalar.Type) => Scalar;
FastScalar.prototype = markedPrototype(Scalar, 'yaml.scalar') as Scalar;
const FastMap = function (this: { items: Pair[]; range?: [number, number, number]; flow?: boolean }, flow: boolean) {
  this.items = [];
  this.range = undefined;
  if (flow) this.flow = true;
} as unknown as new (flow: boolean) => YAMLMap;
FastMap.prototype = markedPrototype(YAMLMap, 'yaml.map') as YAMLMap;
const FastSeq = function (this: { items: Node[]; range?: [number, number, number]; flow?: boolean }, flow: boolean) {
  this.items = [];
  this.range = undefined;
  if (flow) this.flow = true;
} as unknown as new (flow: boolean) => YAMLSeq;
FastSeq.prototype = markedPrototype(YAMLSeq, 'yaml.seq') as YAMLSeq;
const FastPair = function (this: { key: unknown; value: unknown }, key: unknown, value: unknown) {
  this.key = key;
  this.value = value;
} as unknown as new (key: unknown, value: unknown) => Pair;
FastPair.prototype = markedPrototype(Pair, 'yaml.pair') as Pair;

/** Thrown inside the builder when the text leaves the supported subset; never escapes `fastParse`. */
class GiveUp extends Error {}
const GIVE_UP = new GiveUp('not in the fast path');

/**
 * Characters the fast path leaves to `yaml`: tabs, carriage returns, C0 and C1 controls (NEL among them),
 * a BOM, line and paragraph separators, and UTF-16 surrogates (an emoji too: rare in a design, and a lone
 * one is where parsers differ).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this matches
const UNSUPPORTED_CHARS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]/;

/** The result of the fast path: the document's root node, and its plain data (what `doc.toJS()` gives). */
export interface FastDocument {
  /** null: the text holds only comments and blank lines */
  contents: YAMLMap | YAMLSeq | Scalar | null;
  plain: unknown;
}

/**
 * The root node of `text` as `yaml` composes it (YAML_OPTIONS of parse/yaml.ts: core schema, merge keys,
 * duplicate keys kept), with its plain data; undefined when the text is not in the fast path's subset
 * (then parse with `yaml`). Never throws.
 */
export function fastParse(text: string): FastDocument | undefined {
  if (UNSUPPORTED_CHARS.test(text)) return undefined;
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: 1000 });
  } catch {
    return undefined;
  }
  try {
    return new Builder(text, events).document();
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
}

/** What a node built from the events is, with its plain data. */
interface Built {
  node: YAMLMap | YAMLSeq | Scalar;
  plain: unknown;
}

class Builder {
  private i = 0;

  constructor(
    private readonly t: string,
    private readonly events: Event[],
  ) {}

  document(): FastDocument | undefined {
    const ev = this.events;
    // One document without directives: DOCUMENT, its node, POP.
    const doc = ev[0];
    // Nothing but comments and blank lines: yaml's document has no contents (an editor's first chunk).
    if (ev.length === 0) return { contents: null, plain: null };
    if (!doc || doc.type !== EVENT_ID.DOCUMENT || doc.directives.length > 0 || doc.explicitStart || doc.explicitEnd) return undefined;
    if (ev.length < 3 || ev[ev.length - 1]!.type !== EVENT_ID.POP) return undefined;
    this.i = 1;
    const root = this.node();
    if (this.i !== ev.length - 1) throw GIVE_UP;
    return { contents: root.node, plain: root.plain };
  }

  private node(): Built {
    const e = this.events[this.i++];
    if (!e) throw GIVE_UP;
    switch (e.type) {
      case EVENT_ID.SCALAR:
        return this.scalar(e);
      case EVENT_ID.MAPPING:
        if (e.anchorStart >= 0 || e.tagStart >= 0) throw GIVE_UP;
        return this.mapping(e.start, e.style === COLLECTION_STYLE.FLOW);
      case EVENT_ID.SEQUENCE:
        if (e.anchorStart >= 0 || e.tagStart >= 0) throw GIVE_UP;
        return this.sequence(e.start, e.style === COLLECTION_STYLE.FLOW);
      default:
        // aliases, a second document
        throw GIVE_UP;
    }
  }

  private scalar(e: ScalarEvent): Built & { node: Scalar } {
    if (e.anchorStart >= 0 || e.tagStart >= 0) throw GIVE_UP;
    const t = this.t;
    // An empty key or sequence entry (an empty mapping value is emptyValue's)
    if (e.valueStart < 0) throw GIVE_UP;
    const raw = t.slice(e.valueStart, e.valueEnd);
    if (raw.includes('\n')) throw GIVE_UP;
    let value: unknown;
    let start = e.valueStart;
    let end = e.valueEnd;
    let type: Scalar.Type;
    if (e.style === SCALAR_STYLE.PLAIN) {
      value = resolvePlain(raw);
      type = Scalar.PLAIN;
    } else if (e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED) {
      value = e.fast ? raw : getScalarValue(t, e);
      start--;
      end++;
      type = e.style === SCALAR_STYLE.SINGLE_QUOTED ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
    } else throw GIVE_UP;
    return { node: new FastScalar(value, start, end, end, type), plain: value };
  }

  /** `key:` with nothing after it: yaml's null scalar, after the colon and the spaces that follow it. */
  private emptyValue(key: Scalar): Built {
    const t = this.t;
    this.i++;
    let at = key.range![1];
    while (t.charCodeAt(at) === 32) at++;
    if (t.charCodeAt(at) !== 58 /* : */) throw GIVE_UP;
    at++;
    while (t.charCodeAt(at) === 32) at++;
    if (at < t.length && t.charCodeAt(at) !== 10 && t.charCodeAt(at) !== 35 /* # */) throw GIVE_UP;
    // yaml keeps the comments after an empty value in its pair (any column: the value has not started)
    // up to the next content line: they are the null's range[2], so they end a collection it is last in.
    let end2 = at;
    for (let ls = at; ls < t.length;) {
      let le = t.indexOf('\n', ls);
      if (le < 0) le = t.length;
      let ci = ls;
      while (ci < le && t.charCodeAt(ci) === 32) ci++;
      if (ci < le) {
        if (t.charCodeAt(ci) !== 35 /* # */) break;
        end2 = trimmedEnd(t, ci, le);
      }
      ls = le + 1;
    }
    return { node: new FastScalar(null, at, at, end2, Scalar.PLAIN), plain: null };
  }

  private mapping(start: number, flow: boolean): Built {
    const map = new FastMap(flow);
    const plain: Record<string, unknown> = {};
    let end = start;
    let last: YAMLMap | YAMLSeq | Scalar | undefined;
    while (this.events[this.i]?.type !== EVENT_ID.POP) {
      const k = this.events[this.i];
      if (!k || k.type !== EVENT_ID.SCALAR) throw GIVE_UP; // keys that are collections or aliases
      const key = this.scalar(k);
      this.i++;
      if (key.node.type === Scalar.PLAIN && key.plain === '<<') throw GIVE_UP; // a merge key: yaml's symbol
      const next = this.events[this.i];
      const value = next?.type === EVENT_ID.SCALAR && next.valueStart < 0 && !flow ? this.emptyValue(key.node) : this.node();
      map.items.push(new FastPair(key.node, value.node));
      const name = key.plain === null ? '' : String(key.plain);
      if (name === '__proto__') throw GIVE_UP;
      plain[name] = value.plain;
      end = value.node.range![1];
      last = value.node;
    }
    this.i++;
    if (flow) {
      const stop = this.flowEnd(start, end, 125 /* } */);
      map.range = [start, stop, stop];
    } else map.range = this.blockRange(map, start, last);
    return { node: map, plain };
  }

  private sequence(start: number, flow: boolean): Built {
    const seq = new FastSeq(flow);
    const plain: unknown[] = [];
    let end = start;
    let last: YAMLMap | YAMLSeq | Scalar | undefined;
    while (this.events[this.i]?.type !== EVENT_ID.POP) {
      const item = this.node();
      seq.items.push(item.node);
      plain.push(item.plain);
      end = item.node.range![1];
      last = item.node;
    }
    this.i++;
    if (flow) {
      const stop = this.flowEnd(start, end, 93 /* ] */);
      seq.range = [start, stop, stop];
    } else seq.range = this.blockRange(seq, start, last);
    return { node: seq, plain };
  }

  /**
   * Comment lines below the last entry that yaml has not placed yet, per block collection: they move up
   * to the parent collection as yaml's parser moves them (see blockRange).
   */
  private readonly pending = new WeakMap<YAMLMap | YAMLSeq, Array<{ column: number; end: number }>>();

  /**
   * yaml's range of a block collection starting at `start` whose last entry's value is `last`:
   * [start, end, end with the trailing comments it holds], up to trailing whitespace. As yaml 2.9's
   * parser places the comment lines below a design's last entry (parser.js: atIndentedComment, and the
   * comment-only last item that moves to the parent collection when every comment in it is indented less
   * than the collection, or the collection is at column 0):
   * - the deepest block collection (its last value a scalar or flow collection) takes the comment lines
   *   indented deeper than itself, from the first on, into its range (yaml: the value's end);
   * - the lines after the first that is not are held by the first collection, upward from the deepest,
   *   at whose column or deeper some comment line sits (its range[2]); a collection at column 0 holds none;
   * - a collection's range ends where its last block collection value's range[2] ends.
   * Checked against yaml for every nesting and column in test/unit/yaml-events.test.mjs.
   */
  private blockRange(node: YAMLMap | YAMLSeq, start: number, last: YAMLMap | YAMLSeq | Scalar | undefined): [number, number, number] {
    const t = this.t;
    if (!last) throw GIVE_UP;
    const column = start - (t.lastIndexOf('\n', start - 1) + 1);
    let end: number;
    let rest: Array<{ column: number; end: number }>;
    if ((last instanceof YAMLMap || last instanceof YAMLSeq) && !last.flow) {
      end = last.range![2];
      rest = this.pending.get(last) ?? [];
    } else if (last instanceof Scalar && last.range![0] === last.range![1]) {
      // an empty value (emptyValue): the comments after it are its own, whatever their column
      end = last.range![2];
      rest = [];
    } else {
      end = last.range![1];
      let nl = t.indexOf('\n', end);
      if (nl < 0) nl = t.length;
      // a comment after the value, on its line (searched on that line only: an indexOf over the rest of
      // the text per collection was quadratic in a design without comments below its first line)
      let hash = end;
      while (hash < nl && t.charCodeAt(hash) !== 35 /* # */) hash++;
      if (hash < nl) end = trimmedEnd(t, hash, nl);
      rest = [];
      for (let ls = nl + 1; ls < t.length;) {
        let le = t.indexOf('\n', ls);
        if (le < 0) le = t.length;
        let ci = ls;
        while (ci < le && t.charCodeAt(ci) === 32) ci++;
        if (ci < le) {
          if (t.charCodeAt(ci) !== 35 /* # */) break;
          if (rest.length === 0 && ci - ls > column) end = trimmedEnd(t, ci, le);
          else rest.push({ column: ci - ls, end: trimmedEnd(t, ci, le) });
        }
        ls = le + 1;
      }
    }
    if (rest.length === 0) return [start, end, end];
    if (column === 0 || rest.every((c) => c.column < column)) {
      this.pending.set(node, rest);
      return [start, end, end];
    }
    return [start, end, rest[rest.length - 1]!.end];
  }

  /** After the bracket that closes a flow collection: from its last entry's end over spaces and commas. */
  private flowEnd(start: number, lastEnd: number, close: number): number {
    const t = this.t;
    let j = lastEnd === start ? start + 1 : lastEnd;
    for (; j < t.length; j++) {
      const c = t.charCodeAt(j);
      if (c === close) return j + 1;
      // spaces, commas; a newline or a comment inside a flow collection: leave it to yaml
      if (c !== 32 && c !== 44) throw GIVE_UP;
    }
    throw GIVE_UP;
  }
}

/** The end of `t[from, to)` without trailing spaces. */
function trimmedEnd(t: string, from: number, to: number): number {
  while (to > from && t.charCodeAt(to - 1) === 32) to--;
  return to;
}

/**
 * A plain scalar's value under the YAML 1.2 core schema, as `yaml` resolves it (its `core` tags, tried in
 * its order): null, booleans, integers (decimal, 0o octal, 0x hex), floats (with exponent, .inf, .nan),
 * else the string itself.
 */
export function resolvePlain(s: string): string | number | boolean | null {
  const c = s.charCodeAt(0);
  if (s.length === 0 || c === 126 /* ~ */) return s.length <= 1 ? null : s;
  if (c === 110 || c === 78) return /^(?:[Nn]ull|NULL)$/.test(s) ? null : s;
  if (c === 116 || c === 84 || c === 102 || c === 70) return /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s) ? c === 116 || c === 84 : s;
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return s;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

/**
 * The plain data of a fast-parsed tree, as `Document.toJS()` gives it (maps to objects with string
 * keys, a null key as '', later repeated keys win, sequences to arrays).
 */
export function plainOf(node: unknown): unknown {
  if (node === null || typeof node !== 'object') return node ?? null;
  const type = (node as { [NODE_TYPE]?: symbol })[NODE_TYPE];
  if (type === SCALAR) return (node as Scalar).value;
  if (type === SEQ) return (node as YAMLSeq).items.map(plainOf);
  if (type === MAP) {
    const out: Record<string, unknown> = {};
    for (const p of (node as YAMLMap).items as Pair[]) {
      const k = (p.key as Scalar).value;
      const key = k === null ? '' : String(k);
      const v = plainOf(p.value);
      if (key in out) Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true });
      else out[key] = v;
    }
    return out;
  }
  return null;
}
