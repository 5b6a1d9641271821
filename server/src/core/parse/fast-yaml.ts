// A fast path for the plain block YAML most topology files are written in: one document, block mappings
// and sequences, one-line plain or simple quoted scalars, one-line flow collections of scalars, comment
// lines at column 0 and comments at the end of a line. It builds the same `yaml` nodes (YAMLMap,
// YAMLSeq, Pair, Scalar) with the same values and the same source ranges that `parseDocument` gives, in a
// fifth of the time, and gives up (returns undefined) on anything else; the caller then parses with
// `yaml`. Giving up is always correct; accepting is correct only for what this file recognises, and
// test/unit/fast-yaml.test.mjs compares the two parsers node by node on every fixture, the bench corpus
// and generated variations.
//
// What "the same ranges" means: `range[0]` of every node, and `range[1]` of scalars and flow collections,
// are yaml's. A block collection's `range[1]` is yaml's up to trailing whitespace (where yaml's ends
// after the newline of its last line, so does this one's): the only way DCI Lint reads it is `nodeLoc`,
// which drops trailing whitespace. `range[2]` (where trailing comments end) is not reproduced: nothing
// reads it. Comment lines that are indented are where yaml's `range[1]` of collections depends on
// comment placement, so such a document takes the `yaml` path.

import { Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

// The nodes are instances of yaml's classes (instanceof, isMap/isSeq/isScalar/isPair, toJS and every
// method work on them), made without running yaml's constructors: those mark each node with
// `Object.defineProperty` (yaml's own symbol, `Symbol.for('yaml.node.type')`), which was 40% of this
// parser's time. Here the mark sits on a prototype between the node and yaml's class.
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
const PLAIN = Scalar.PLAIN;
const QUOTE_DOUBLE = Scalar.QUOTE_DOUBLE;
const QUOTE_SINGLE = Scalar.QUOTE_SINGLE;

/** Thrown inside the parser when the text leaves the supported subset; never escapes `fastParseBlock`. */
const GIVE_UP = new Error('fast-yaml: not in the supported subset');

/** Characters the fast path never accepts anywhere: tabs, CR, controls, BOM, line and paragraph separators, surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const UNSUPPORTED_CHARS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]/;
/** Document markers and directives at the start of a line. */
const MARKERS = /^(?:---|\.\.\.|%)/m;

/** YAML 1.2 core schema (yaml's `core` tags, in the order yaml tries them): a plain scalar's value. */
export function resolvePlain(s: string): string | number | boolean | null {
  const c = s.charCodeAt(0);
  // only null, booleans and numbers need a test: they start with one of these
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

function scalar(value: unknown, start: number, end: number, end2: number, type: Scalar.Type): Scalar {
  return new FastScalar(value, start, end, end2, type);
}

/** Whether a plain scalar may start with this character (code) followed by `next`: not an indicator. */
function plainStart(c: number, next: number): boolean {
  switch (c) {
    // , [ ] { } # & * ! | > ' " % @ `
    case 44:
    case 91:
    case 93:
    case 123:
    case 125:
    case 35:
    case 38:
    case 42:
    case 33:
    case 124:
    case 62:
    case 39:
    case 34:
    case 37:
    case 64:
    case 96:
      return false;
    // - ? : : only before a non-space (and this fast path takes `?` and `:` nowhere)
    case 45:
      return next !== 32 && next !== 10 && !Number.isNaN(next);
    case 63:
    case 58:
      return false;
    default:
      return true;
  }
}

class FastParser {
  /** start of the current content line, its first non-space character, its end (the `\n` or the text's end) */
  ls = 0;
  ci = 0;
  le = 0;
  ind = 0;
  eof = false;
  /** the end of the last comment line `seek` skipped, or -1 */
  commentEnd = -1;
  /** whether the root node has begun (before it, comment lines may have any indentation) */
  started = false;

  constructor(private readonly t: string) {}

  /** Moves to the first content line at or after `from`: blank lines are skipped, comment lines must start at column 0. */
  seek(from: number): void {
    const t = this.t;
    const n = t.length;
    let ls = from;
    this.commentEnd = -1;
    while (ls < n) {
      let le = t.indexOf('\n', ls);
      if (le < 0) le = n;
      let ci = ls;
      while (ci < le && t.charCodeAt(ci) === 32) ci++;
      if (ci === le) {
        ls = le + 1;
        continue;
      }
      if (t.charCodeAt(ci) === 35) {
        if (ci !== ls && this.started) throw GIVE_UP;
        this.commentEnd = le;
        ls = le + 1;
        continue;
      }
      this.ls = ls;
      this.ci = ci;
      this.le = le;
      this.ind = ci - ls;
      this.eof = false;
      return;
    }
    this.eof = true;
    this.ls = this.ci = this.le = n;
    this.ind = -1;
  }

  /** After the line: past its newline, or the text's end. */
  private lineEnd(): number {
    return this.le < this.t.length ? this.le + 1 : this.le;
  }

  private isSeqItem(at: number): boolean {
    const t = this.t;
    if (t.charCodeAt(at) !== 45) return false;
    const next = at + 1;
    return next >= this.le || t.charCodeAt(next) === 32;
  }

  /**
   * An implicit key at `at` on the current line: the offset of its `:` (followed by a space or the line's
   * end), or -1 when the line there is not a `key: ...` line. Only plain keys without `#`, quotes or a space before the colon.
   */
  private keyColon(at: number): number {
    const t = this.t;
    const le = this.le;
    if (!plainStart(t.charCodeAt(at), at + 1 < le ? t.charCodeAt(at + 1) : NaN)) return -1;
    for (let i = at; i < le; i++) {
      const c = t.charCodeAt(i);
      if (c === 58 /* : */) {
        const next = i + 1 < le ? t.charCodeAt(i + 1) : 10;
        if (next === 32 || next === 10) {
          if (t.charCodeAt(i - 1) === 32) throw GIVE_UP;
          return i;
        }
      } else if (c === 35 /* # */ && t.charCodeAt(i - 1) === 32) return -1;
    }
    return -1;
  }

  /** The root: a block mapping, or a block sequence, at the indentation of the first content line. */
  document(): YAMLMap | YAMLSeq | undefined {
    this.seek(0);
    if (this.eof) return undefined;
    this.started = true;
    const root = this.isSeqItem(this.ci) ? this.seq(this.ind) : this.map(this.ind, this.ci);
    if (!this.eof) throw GIVE_UP;
    return root;
  }

  /** A block mapping whose keys are at column `n`; its first key is at `first` on the current line. */
  private map(n: number, first: number): YAMLMap {
    const m = new FastMap(false);
    let at = first;
    let end = first;
    for (;;) {
      const colon = this.keyColon(at);
      if (colon < 0) throw GIVE_UP;
      if (colon - at > 1000) throw GIVE_UP;
      const keyText = this.t.slice(at, colon);
      if (keyText === '<<' || keyText === '__proto__') throw GIVE_UP;
      const key = scalar(resolvePlain(keyText), at, colon, colon, PLAIN);
      const value = this.value(n, colon + 1, false);
      m.items.push(new FastPair(key, value));
      end = value.range![2];
      if (this.eof || this.ind < n) break;
      if (this.ind > n) throw GIVE_UP;
      at = this.ci;
    }
    m.range = [first, end, end];
    return m;
  }

  /** A block sequence whose `-` are at column `n`; the current line starts with its first `-`. */
  private seq(n: number): YAMLSeq {
    const s = new FastSeq(false);
    const first = this.ci;
    let end = first;
    for (;;) {
      const item = this.value(n, this.ci + 1, true);
      s.items.push(item);
      end = item.range![2];
      if (this.eof || this.ind < n) break;
      if (this.ind > n) throw GIVE_UP;
      if (!this.isSeqItem(this.ci)) break;
    }
    s.range = [first, end, end];
    return s;
  }

  /**
   * The value after a key's `:` or an item's `-` at `p` on the current line, in a collection at column `n`:
   * moves past it (to the next content line).
   */
  private value(n: number, p: number, inSeq: boolean): Node {
    const t = this.t;
    const le = this.le;
    let q = p;
    while (q < le && t.charCodeAt(q) === 32) q++;
    const c = q < le ? t.charCodeAt(q) : 10;
    if (c === 10 || c === 35) {
      // nothing on this line (a comment at most): a nested block, or null at `q`. yaml's range of that null
      // takes in its line's comment and the comment lines after it, and so does a collection it ends.
      const lineEnd = this.lineEnd();
      this.seek(lineEnd);
      if (!this.eof && this.ind > n) return this.isSeqItem(this.ci) ? this.seq(this.ind) : this.map(this.ind, this.ci);
      if (!inSeq && !this.eof && this.ind === n && this.isSeqItem(this.ci)) return this.seq(n);
      return scalar(null, q, q, this.commentEnd >= 0 ? this.commentEnd : c === 35 ? lineEnd : q, PLAIN);
    }
    if (inSeq) {
      // `- key: value`: a mapping whose keys are at this column
      if (this.isSeqItem(q)) throw GIVE_UP;
      if (c !== 91 && c !== 123 && c !== 34 && c !== 39 && this.keyColon(q) >= 0) return this.map(q - this.ls, q);
    }
    let node: Node;
    let after: number;
    if (c === 91 || c === 123) {
      const flow = c === 91 ? this.flowSeq(q) : this.flowMap(q);
      node = flow;
      after = flow.range![1];
    } else if (c === 34 || c === 39) {
      const close = this.quoted(q);
      node = scalar(t.slice(q + 1, close), q, close + 1, 0, c === 34 ? QUOTE_DOUBLE : QUOTE_SINGLE);
      after = close + 1;
    } else {
      if (!plainStart(c, q + 1 < le ? t.charCodeAt(q + 1) : NaN)) throw GIVE_UP;
      // a plain scalar to the end of the line or a ` #` comment; `: ` or a final `:` would be a mapping
      let e = q;
      let last = q;
      for (; e < le; e++) {
        const d = t.charCodeAt(e);
        if (d === 32) {
          if (t.charCodeAt(e + 1) === 35) break;
          continue;
        }
        if (d === 58 && (e + 1 >= le || t.charCodeAt(e + 1) === 32)) throw GIVE_UP;
        last = e + 1;
      }
      node = scalar(resolvePlain(t.slice(q, last)), q, last, 0, PLAIN);
      after = last;
    }
    // the rest of the line: spaces, then nothing or a comment
    let r = after;
    while (r < le && t.charCodeAt(r) === 32) r++;
    if (r < le && !(t.charCodeAt(r) === 35 && r > after)) throw GIVE_UP;
    const lineEnd = this.lineEnd();
    node.range![2] = lineEnd;
    this.seek(lineEnd);
    // a deeper line after a complete value: a multi-line scalar, or an error
    if (!this.eof && this.ind > n) throw GIVE_UP;
    return node;
  }

  /** The closing quote of a one-line quoted scalar without escapes at `q`. */
  private quoted(q: number): number {
    const t = this.t;
    const quote = t.charCodeAt(q);
    const close = t.indexOf(quote === 34 ? '"' : "'", q + 1);
    if (close < 0 || close >= this.le) throw GIVE_UP;
    // escapes are yaml's (searched within the scalar only: the rest of the text is not scanned per scalar)
    if (quote === 34) for (let i = q + 1; i < close; i++) if (t.charCodeAt(i) === 92) throw GIVE_UP;
    if (quote === 39 && t.charCodeAt(close + 1) === 39) throw GIVE_UP;
    return close;
  }

  /** A scalar inside a flow collection at `q`: plain (no `:`, `#` or brackets) or quoted. */
  private flowScalar(q: number, allowColon: boolean): { node: Scalar; end: number } {
    const t = this.t;
    const le = this.le;
    const c = t.charCodeAt(q);
    if (c === 34 || c === 39) {
      const close = this.quoted(q);
      return { node: scalar(t.slice(q + 1, close), q, close + 1, 0, c === 34 ? QUOTE_DOUBLE : QUOTE_SINGLE), end: close + 1 };
    }
    if (!plainStart(c, q + 1 < le ? t.charCodeAt(q + 1) : NaN)) throw GIVE_UP;
    let e = q;
    let last = q;
    for (; e < le; e++) {
      const d = t.charCodeAt(e);
      if (d === 44 || d === 93 || d === 125) break;
      if (d === 91 || d === 123 || d === 35 || d === 34 || d === 39) throw GIVE_UP;
      if (d === 58) {
        if (!allowColon) throw GIVE_UP;
        break;
      }
      if (d !== 32) last = e + 1;
    }
    return { node: scalar(resolvePlain(t.slice(q, last)), q, last, 0, PLAIN), end: last };
  }

  private skipSpaces(i: number): number {
    while (i < this.le && this.t.charCodeAt(i) === 32) i++;
    return i;
  }

  /** `[a, b, ...]` on one line, from the `[` at `q`. */
  private flowSeq(q: number): YAMLSeq {
    const t = this.t;
    const s = new FastSeq(true);
    let i = this.skipSpaces(q + 1);
    if (t.charCodeAt(i) !== 93) {
      for (;;) {
        if (i >= this.le) throw GIVE_UP;
        const { node, end } = this.flowScalar(i, false);
        i = this.skipSpaces(end);
        node.range![2] = i;
        s.items.push(node);
        const d = t.charCodeAt(i);
        if (d === 93) break;
        if (d !== 44) throw GIVE_UP;
        i = this.skipSpaces(i + 1);
        if (i >= this.le || t.charCodeAt(i) === 93) throw GIVE_UP;
      }
    }
    s.range = [q, i + 1, i + 1];
    return s;
  }

  /** `{ a: 1, b: 2 }` on one line, from the `{` at `q`. */
  private flowMap(q: number): YAMLMap {
    const t = this.t;
    const m = new FastMap(true);
    let i = this.skipSpaces(q + 1);
    if (t.charCodeAt(i) !== 125) {
      for (;;) {
        if (i >= this.le) throw GIVE_UP;
        const k = this.flowScalar(i, true);
        if (k.node.type !== PLAIN || t.charCodeAt(k.end) !== 58 || t.charCodeAt(k.end + 1) !== 32) throw GIVE_UP;
        const keyText = t.slice(i, k.end);
        if (keyText === '<<' || keyText === '__proto__') throw GIVE_UP;
        k.node.range![2] = k.end;
        i = this.skipSpaces(k.end + 1);
        if (i >= this.le) throw GIVE_UP;
        const v = this.flowScalar(i, false);
        i = this.skipSpaces(v.end);
        v.node.range![2] = i;
        m.items.push(new FastPair(k.node, v.node));
        const d = t.charCodeAt(i);
        if (d === 125) break;
        if (d !== 44) throw GIVE_UP;
        i = this.skipSpaces(i + 1);
        if (i >= this.le || t.charCodeAt(i) === 125) throw GIVE_UP;
      }
    }
    m.range = [q, i + 1, i + 1];
    return m;
  }
}

/**
 * The root collection of `text` (a block mapping or sequence, at any indentation) as `yaml`'s
 * `parseDocument` (with DCI Lint's YAML_OPTIONS) would compose it, or undefined when the text is outside
 * the fast path's subset (or has no collection at its root): then parse it with `yaml`. Linear in the
 * text; never throws.
 */
export function fastParseBlock(text: string): YAMLMap | YAMLSeq | undefined {
  if (UNSUPPORTED_CHARS.test(text) || MARKERS.test(text)) return undefined;
  try {
    return new FastParser(text).document();
  } catch {
    // GIVE_UP, or anything unforeseen (a stack overflow on thousands of nesting levels): yaml decides
    return undefined;
  }
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
