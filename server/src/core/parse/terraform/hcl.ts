// HCL text -> syntax tree (ast.ts) with UTF-16 ranges, plus `syntax` findings worded for HCL.
//
// tree-sitter does the parsing (web-tree-sitter + the tree-sitter-hcl "terraform" grammar). Its error
// recovery has known gaps: a missing `}` swallows every later block into the open one; an unterminated
// string runs to the end of the file; a block header without `{` or with labels over several lines is
// accepted or mangled. So when a file has errors, it is split at top-level lines (an identifier in
// column 0 starts a block or a tfvars attribute) and every piece is parsed on its own: one broken block
// does not hide the findings of the others. Unterminated strings are repaired for the second parse by
// blanking the opening quote (same length, so every offset stays true).
//
// Trees are cached per file; a new text of a known file is reparsed incrementally from the old tree
// (the edit is found by comparing the two texts), so the server needs to pass nothing but the text.

// The CJS build of web-tree-sitter: in a CJS bundle esbuild would take the ESM build, whose
// createRequire(import.meta.url) throws (import.meta is undefined there).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import TreeSitter = require('web-tree-sitter');
import type { Finding } from '../../design';
import { LineIndex } from '../../lines';
import type { Attribute, Block, Body, Expr, Range, Step } from './ast';

/**
 * A plain-JS copy of the tree, taken in one TreeCursor pass: walking tree-sitter's own nodes costs a
 * call into wasm and an allocation per property, several times over for the conversion below.
 */
class Node {
  children: Node[] = [];
  field: string | null = null;
  hasError = false;
  constructor(
    readonly type: string,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    private readonly src: string,
  ) {}

  get text(): string {
    return this.src.slice(this.startIndex, this.endIndex);
  }

  child(i: number): Node | undefined {
    return this.children[i];
  }

  childForFieldName(name: string): Node | undefined {
    return this.children.find((c) => c.field === name);
  }
}

function snapshot(tree: TreeSitter.Tree, src: string): Node {
  const cur = tree.walk();
  try {
    return snapshotAt(cur, src);
  } finally {
    cur.delete();
  }
}

/** Copies the subtree under the cursor; the cursor ends where it started. */
function snapshotAt(cur: TreeSitter.TreeCursor, src: string): Node {
  const make = () => new Node(cur.nodeType, cur.startIndex, cur.endIndex, cur.nodeIsNamed, cur.nodeIsMissing, src);
  const root = make();
  const stack: Node[] = [root];
  if (cur.gotoFirstChild()) {
    outer: for (;;) {
      const parent = stack[stack.length - 1]!;
      const n = make();
      if (parent.type === 'object_elem') n.field = cur.currentFieldName;
      parent.children.push(n);
      if (cur.gotoFirstChild()) {
        stack.push(n);
        continue;
      }
      while (!cur.gotoNextSibling()) {
        cur.gotoParent();
        if (stack.length === 1) break outer;
        stack.pop();
      }
    }
  }
  markErrors(root);
  return root;
}

function markErrors(n: Node): boolean {
  let e = n.type === 'ERROR' || n.isMissing;
  for (const c of n.children) if (markErrors(c)) e = true;
  n.hasError = e;
  return e;
}

function kids(n: Node | null | undefined): Node[] {
  return n ? n.children : [];
}

let parser: TreeSitter.Parser | undefined;
let initializing: Promise<void> | undefined;

/** Loads the tree-sitter runtime and the HCL grammar from `wasmDir`. Idempotent; concurrent calls share one load. */
export function initHcl(wasmDir: string): Promise<void> {
  if (parser) return Promise.resolve();
  initializing ??= (async () => {
    const dir = wasmDir.replace(/[\\/]+$/, '');
    await TreeSitter.Parser.init({ locateFile: (name: string) => `${dir}/${name}` });
    const lang = await TreeSitter.Language.load(`${dir}/tree-sitter-terraform.wasm`);
    const p = new TreeSitter.Parser();
    p.setLanguage(lang);
    parser = p;
  })().catch((e: unknown) => {
    initializing = undefined;
    throw e;
  });
  return initializing;
}

export function hclReady(): boolean {
  return parser !== undefined;
}

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

/** The single edit that turns `a` into `b` (common prefix and suffix), in tree-sitter's terms. */
function diffEdit(a: string, b: string): TreeSitter.Edit {
  let start = 0;
  const min = Math.min(a.length, b.length);
  while (start < min && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return {
    startIndex: start,
    oldEndIndex: endA,
    newEndIndex: endB,
    startPosition: point(a, start),
    oldEndPosition: point(a, endA),
    newEndPosition: point(b, endB),
  };
}

function point(text: string, offset: number): TreeSitter.Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

function syntaxFinding(file: string, start: number, end: number, message: string, fix?: { title: string; at: number; newText: string }): Finding {
  return {
    ruleId: 'syntax',
    severity: 'error',
    message,
    loc: { file, start, end },
    data: {},
    related: [],
    fixes: fix ? [{ title: fix.title, edits: [{ file, start: fix.at, end: fix.at, newText: fix.newText }], preferred: true }] : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Building the tree, and recovery

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

/**
 * [start, end) of each piece: a new one starts at every line whose first column holds an identifier,
 * except inside a heredoc (whose text may start in column 0).
 */
function topLevelPieces(text: string): Array<[number, number]> {
  const starts = [0];
  let heredoc: string | undefined;
  let pos = 0;
  for (const line of text.split('\n')) {
    if (heredoc) {
      if (line.trim() === heredoc) heredoc = undefined;
    } else {
      if (pos > 0 && /^[A-Za-z_]/.test(line)) starts.push(pos);
      heredoc = /<<-?[ \t]*([A-Za-z_]\w*)\s*$/.exec(line)?.[1];
    }
    pos += line.length + 1;
  }
  return starts.map((s, i) => [s, i + 1 < starts.length ? starts[i + 1]! : text.length]);
}

function parsePiece(file: string, text: string, lines: LineIndex, piece: string, offset: number, nextStart: number, body: Body, findings: Finding[]): void {
  let tree = parser!.parse(piece);
  if (!tree) return;
  let root = snapshot(tree, piece);
  tree.delete();
  if (!root.hasError) {
    collectBody(root, offset, body);
    return;
  }
  const before = findings.length;
  // 1. Strings that run past their line: HCL has no multi-line quoted strings.
  // 2. `name =` with nothing after it (typing in progress): commented out for the second parse.
  const strings = unterminatedStrings(file, piece, offset, lines, findings);
  const repaired = missingValues(file, strings ?? piece, offset, findings) ?? strings;
  // 3. A block header with no `{` on its line.
  const headerLine = piece.slice(0, piece.indexOf('\n') < 0 ? piece.length : piece.indexOf('\n'));
  const header = /^([A-Za-z_][\w-]*)((?:\s+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*)\s*(?:#.*|\/\/.*)?$/.exec(headerLine);
  const text2 = repaired ?? piece;
  if (header && !headerLine.includes('=') && header[2]!.trim() !== '' && !/^\s*\{/.test(piece.slice(headerLine.length))) {
    const at = offset + header[1]!.length + header[2]!.length;
    const lastLabel = /(?:"[^"\n]*"|[A-Za-z_][\w-]*)\s*$/.exec(header[2]!)!;
    findings.push(
      syntaxFinding(
        file,
        at - lastLabel[0].trimEnd().length - (header[2]!.length - header[2]!.trimEnd().length),
        at,
        `Block header \`${(header[1]! + header[2]!).trim()}\` has no \`{\`: a block's body starts with \`{\` on the header line.`,
        {
          title: 'Insert `{`',
          at,
          newText: ' {',
        },
      ),
    );
  }
  if (repaired !== undefined) {
    tree = parser!.parse(text2);
    if (!tree) return;
    root = snapshot(tree, text2);
    tree.delete();
  }
  if (findings.length === before) describeErrors(file, text, lines, root, offset, nextStart, findings);
  collectBody(root, offset, body);
}

/** Reports `name =` lines without a value; returns the text with those lines commented out, or undefined. */
function missingValues(file: string, piece: string, offset: number, findings: Finding[]): string | undefined {
  const re = /^([ \t]*)([A-Za-z_][\w-]*)[ \t]*=[ \t]*(?:(?:#|\/\/).*)?$/gm;
  let out: string | undefined;
  for (let m = re.exec(piece); m; m = re.exec(piece)) {
    const start = m.index + m[1]!.length;
    const eq = piece.indexOf('=', start);
    findings.push(syntaxFinding(file, offset + start, offset + eq + 1, `Attribute \`${m[2]}\` has no value after \`=\`.`));
    out = (out ?? piece).slice(0, start) + '#' + (out ?? piece).slice(start + 1);
  }
  return out;
}

/** Reports quoted strings whose line ends before the closing quote; returns the piece with those quotes blanked. */
function unterminatedStrings(file: string, piece: string, offset: number, lines: LineIndex, findings: Finding[]): string | undefined {
  let out: string | undefined;
  let inHeredoc: string | undefined;
  const rows = piece.split('\n');
  let pos = 0;
  for (const row of rows) {
    const rowStart = pos;
    pos += row.length + 1;
    if (inHeredoc) {
      if (row.trim() === inHeredoc) inHeredoc = undefined;
      continue;
    }
    const heredoc = /<<-?\s*([A-Za-z_]\w*)\s*$/.exec(row);
    let open = -1;
    let depth = 0;
    for (let i = 0; i < row.length; i++) {
      const c = row[i]!;
      if (open < 0) {
        if (c === '#' || (c === '/' && row[i + 1] === '/')) break;
        if (c === '"') open = i;
      } else if (c === '\\') i++;
      else if (c === '$' && row[i + 1] === '{') {
        depth++;
        i++;
      } else if (c === '}' && depth > 0) depth--;
      else if (c === '"' && depth === 0) open = -1;
    }
    if (open >= 0) {
      const start = offset + rowStart + open;
      const end = offset + rowStart + row.replace(/\r$/, '').length;
      findings.push(
        syntaxFinding(
          file,
          start,
          Math.max(end, start + 1),
          `Unterminated string: the \`"\` on line ${lines.position(start).line + 1} has no closing quote on its line (HCL strings cannot span lines; use a heredoc \`<<EOT\` for multi-line text).`,
          {
            title: 'Close the string',
            at: end,
            newText: '"',
          },
        ),
      );
      out = (out ?? piece).slice(0, rowStart + open) + ' ' + (out ?? piece).slice(rowStart + open + 1);
    }
    if (heredoc) inHeredoc = heredoc[1];
  }
  return out;
}

const CLOSER: Record<string, string> = { '[': ']', '(': ')', '{': '}' };

/** The first `[`, `(` or `{` of a snippet that is never closed (strings and comments skipped). */
function unclosedBracket(src: string): { char: string; index: number } | undefined {
  const stack: Array<{ char: string; index: number }> = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"') {
      for (i++; i < src.length && src[i] !== '"' && src[i] !== '\n'; i++) if (src[i] === '\\') i++;
    } else if (c === '#' || (c === '/' && src[i + 1] === '/')) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '[' || c === '(' || c === '{') stack.push({ char: c, index: i });
    else if (c === ']' || c === ')' || c === '}') {
      if (stack.length && CLOSER[stack[stack.length - 1]!.char] === c) stack.pop();
      else return undefined; // a stray closer: not this kind of error
    }
  }
  return stack[0];
}

const BRACE_NAMES: Record<string, string> = { '}': 'closing `}`', ']': 'closing `]`', ')': 'closing `)`', '{': '`{`', '=': '`=`', '"': 'closing `"`' };

function describeErrors(file: string, text: string, lines: LineIndex, root: Node, offset: number, nextStart: number, findings: Finding[]): void {
  let reported = 0;
  const found: Finding[] = [];
  const visit = (n: Node, openBlock: Node | undefined) => {
    if (reported >= 3) return;
    if (n.isMissing) {
      if (n.type === 'heredoc_identifier') {
        let opener: RegExpExecArray | undefined;
        const re = /<<-?[ \t]*([A-Za-z_]\w*)/g;
        const before = text.slice(offset, offset + n.startIndex);
        for (let m = re.exec(before); m; m = re.exec(before)) opener = m;
        const at = offset + (opener ? opener.index : n.startIndex);
        // The heredoc swallowed the rest of the piece: anything else reported here is its echo.
        found.length = 0;
        found.push(
          syntaxFinding(
            file,
            at,
            at + (opener ? opener[0].length : 0),
            `Unterminated heredoc: \`<<${opener?.[1] ?? ''}\` on line ${lines.position(at).line + 1} has no closing line \`${opener?.[1] ?? 'EOT'}\`.`,
          ),
        );
        reported = 3;
        return;
      }
      const what = BRACE_NAMES[n.type] ?? `\`${n.type}\``;
      const at = offset + n.startIndex;
      if (n.type === '}' && openBlock) {
        const hdr = headerText(openBlock, text, offset);
        const line = lines.position(offset + openBlock.startIndex).line + 1;
        // The insertion goes before the next top-level line, where the user meant the block to end.
        const insertAt = nextStart;
        const brace = offset + headerEnd(openBlock);
        found.push(
          syntaxFinding(
            file,
            brace,
            brace + 1,
            `Missing \`}\`: the block \`${hdr}\` opened on line ${line} is not closed before ${insertAt >= text.length ? 'the end of the file' : `line ${lines.position(insertAt).line + 1}`}.`,
            {
              title: 'Insert the missing `}`',
              at: insertAt,
              newText: insertAt >= text.length && !text.endsWith('\n') ? '\n}\n' : '}\n',
            },
          ),
        );
      } else {
        found.push(syntaxFinding(file, at, at, `Missing ${what}.`));
      }
      reported++;
      return;
    }
    if (n.type === 'ERROR') {
      const start = offset + n.startIndex;
      const open = unclosedBracket(n.text);
      if (open) {
        const at = start + open.index;
        found.push(syntaxFinding(file, at, at + 1, `\`${open.char}\` on line ${lines.position(at).line + 1} is not closed: add \`${CLOSER[open.char]}\`.`));
        reported++;
        return;
      }
      const first = n.child(0);
      const token = (first ?? n).text.split('\n')[0]!.slice(0, 40);
      const inBlock = openBlock ? ` in block \`${headerText(openBlock, text, offset)}\`` : '';
      found.push(
        syntaxFinding(
          file,
          start,
          Math.max(start + 1, offset + Math.min(n.endIndex, n.startIndex + token.length)),
          `Unexpected \`${token}\`${inBlock}: expected an attribute (\`name = value\`), a block (\`type "label" { ... }\`) or \`}\`.`,
        ),
      );
      reported++;
      return;
    }
    if (!n.hasError) return;
    const block = n.type === 'block' ? n : openBlock;
    for (const c of kids(n)) visit(c, block);
  };
  visit(root, undefined);
  findings.push(...found);
}

function headerEnd(block: Node): number {
  for (const c of kids(block)) if (c.type === 'block_start') return c.startIndex;
  return Math.min(block.endIndex, block.startIndex + (block.text.indexOf('\n') < 0 ? block.text.length : block.text.indexOf('\n')));
}

function headerText(block: Node, text: string, offset: number): string {
  return text
    .slice(offset + block.startIndex, offset + headerEnd(block))
    .trim()
    .replace(/\s+/g, ' ');
}

/** A block's type, labels and `{` must share one line; tree-sitter accepts them over several. */
function headerChecks(file: string, text: string, lines: LineIndex, list: Block[], findings: Finding[]): void {
  for (const b of list) {
    const hdr = text.slice(b.header.start, b.header.end);
    const open = text.indexOf('{', b.header.end);
    if (hdr.includes('\n') || (open >= 0 && text.slice(b.header.end, open).includes('\n'))) {
      findings.push(
        syntaxFinding(
          file,
          b.header.start,
          b.header.end,
          `Block header \`${hdr.replace(/\s+/g, ' ')}\` spans lines ${lines.position(b.header.start).line + 1}-${lines.position(open).line + 1}: the type, the labels and \`{\` must be on one line.`,
        ),
      );
    }
    headerChecks(file, text, lines, b.body.blocks, findings);
  }
}

// ---------------------------------------------------------------------------------------------
// tree-sitter node -> ast

function rng(n: Node, offset: number): Range {
  return { start: offset + n.startIndex, end: offset + n.endIndex };
}

function collectBody(n: Node, offset: number, out: Body): void {
  for (const c of kids(n)) {
    if (c.type === 'body') collectBody(c, offset, out);
    else if (c.type === 'attribute') {
      const a = attribute(c, offset);
      if (a) out.attributes.push(a);
    } else if (c.type === 'block') {
      const b = block(c, offset);
      if (b) out.blocks.push(b);
    } else if (c.type === 'ERROR')
      collectBody(c, offset, out); // keep what the parser could read inside
    else if (c.type === 'object') jsonAttributes(c, offset, out); // *.tfvars.json
  }
}

function jsonAttributes(n: Node, offset: number, out: Body): void {
  const o = object(n, offset);
  if (o.k !== 'object') return;
  for (const e of o.entries) {
    const name =
      e.key.k === 'lit'
        ? String(e.key.value)
        : e.key.k === 'template' && e.key.parts.length === 1 && typeof e.key.parts[0] === 'string'
          ? e.key.parts[0]
          : e.key.k === 'var'
            ? e.key.name
            : undefined;
    if (name !== undefined) out.attributes.push({ name, nameRange: e.key.range, expr: e.value, range: { start: e.key.range.start, end: e.value.range.end } });
  }
}

function attribute(n: Node, offset: number): Attribute | undefined {
  let name: Node | undefined;
  let value: Node | undefined;
  for (const c of kids(n)) {
    if (c.type === 'identifier' && !name) name = c;
    else if (c.type === 'expression') value = c;
  }
  if (!name) return undefined;
  return {
    name: name.text,
    nameRange: rng(name, offset),
    expr: value ? expression(value, offset) : { k: 'other', what: 'missing value', range: rng(n, offset) },
    range: rng(n, offset),
  };
}

function block(n: Node, offset: number): Block | undefined {
  let type: Node | undefined;
  const labels: string[] = [];
  let headerEndAt = n.startIndex;
  let close: number | undefined;
  const body: Body = { attributes: [], blocks: [] };
  let opened = false;
  for (const c of kids(n)) {
    if (!opened) {
      if (c.type === 'identifier') {
        if (!type) type = c;
        else labels.push(c.text);
        headerEndAt = c.endIndex;
      } else if (c.type === 'string_lit') {
        labels.push(stringContent(c));
        headerEndAt = c.endIndex;
      } else if (c.type === 'block_start') opened = true;
    } else if (c.type === 'body') collectBody(c, offset, body);
    else if (c.type === 'block_end' && !c.isMissing && c.endIndex > c.startIndex) close = offset + c.startIndex;
  }
  if (!type) return undefined;
  const b: Block = { type: type.text, labels, header: { start: offset + n.startIndex, end: offset + headerEndAt }, body, range: rng(n, offset) };
  if (close !== undefined) b.close = close;
  return b;
}

function stringContent(n: Node): string {
  let s = '';
  for (const c of kids(n)) if (c.type === 'template_literal') s += c.text;
  return unescape(s);
}

function unescape(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(["\\nrt]|u[0-9a-fA-F]{4})/g, (_, e: string) =>
    e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e[0] === 'u' ? String.fromCharCode(parseInt(e.slice(1), 16)) : e,
  );
}

const BINARY = new Set(['*', '/', '%', '+', '-', '>', '>=', '<', '<=', '==', '!=', '&&', '||']);

function expression(n: Node, offset: number): Expr {
  if (n.type === 'expression') {
    const ks = kids(n);
    if (ks.length === 1 && ks[0]!.type === 'conditional') return conditional(ks[0]!, offset);
    return term(ks, rng(n, offset), offset);
  }
  return term([n], rng(n, offset), offset);
}

function conditional(n: Node, offset: number): Expr {
  const parts = kids(n).filter((c) => c.type === 'expression');
  if (parts.length < 3) return { k: 'other', what: 'conditional', range: rng(n, offset) };
  return { k: 'cond', cond: expression(parts[0]!, offset), then: expression(parts[1]!, offset), else: expression(parts[2]!, offset), range: rng(n, offset) };
}

/** A base term followed by postfix steps (`.attr`, `[i]`, `[*]`), as tree-sitter flattens them. */
function term(ks: Node[], range: Range, offset: number): Expr {
  if (ks.length === 0) return { k: 'other', what: 'empty', range };
  let i = 0;
  let base: Expr;
  const first = ks[0]!;
  if (first.type === '(') {
    const inner = ks.find((c) => c.type === 'expression');
    base = inner ? expression(inner, offset) : { k: 'other', what: 'parentheses', range };
    i = ks.findIndex((c) => c.type === ')') + 1 || ks.length;
  } else {
    base = primary(first, offset);
    i = 1;
  }
  const steps: Step[] = [];
  for (; i < ks.length; i++) {
    const c = ks[i]!;
    if (c.type === 'get_attr') {
      const id = kids(c).find((x) => x.type === 'identifier');
      if (id) steps.push({ k: 'attr', name: id.text, range: rng(c, offset) });
    } else if (c.type === 'index') {
      const idx = c.child(0);
      if (idx?.type === 'new_index') {
        const e = kids(idx).find((x) => x.type === 'expression');
        steps.push({ k: 'index', key: e ? expression(e, offset) : { k: 'other', what: 'index', range: rng(c, offset) }, range: rng(c, offset) });
      } else if (idx?.type === 'legacy_index') {
        steps.push({ k: 'index', key: { k: 'lit', value: Number(idx.text.slice(1)), range: rng(idx, offset) }, range: rng(c, offset) });
      }
    } else if (c.type === 'splat') {
      steps.push({ k: 'splat', range: rng(c, offset) });
      const s = c.child(0);
      for (const x of kids(s)) {
        if (x.type === 'get_attr') {
          const id = kids(x).find((y) => y.type === 'identifier');
          if (id) steps.push({ k: 'attr', name: id.text, range: rng(x, offset) });
        }
      }
    }
  }
  return steps.length ? { k: 'access', base, steps, range } : base;
}

function primary(n: Node, offset: number): Expr {
  const range = rng(n, offset);
  switch (n.type) {
    case 'literal_value': {
      const c = n.child(0);
      if (!c) return { k: 'other', what: 'literal', range };
      if (c.type === 'numeric_lit') return { k: 'lit', value: Number(c.text), range };
      if (c.type === 'bool_lit') return { k: 'lit', value: c.text === 'true', range };
      if (c.type === 'null_lit') return { k: 'lit', value: null, range };
      return { k: 'lit', value: stringContent(c), range };
    }
    case 'template_expr': {
      const t = n.child(0);
      if (!t || t.type !== 'quoted_template') return { k: 'other', what: 'heredoc', range };
      const parts: Array<string | Expr> = [];
      for (const c of kids(t)) {
        if (c.type === 'template_literal') parts.push(unescape(c.text));
        else if (c.type === 'template_interpolation') {
          const e = kids(c).find((x) => x.type === 'expression');
          parts.push(e ? expression(e, offset) : { k: 'other', what: 'interpolation', range: rng(c, offset) });
        } else if (c.type === 'template_directive') parts.push({ k: 'other', what: 'template directive', range: rng(c, offset) });
      }
      return { k: 'template', parts, range };
    }
    case 'collection_value': {
      const c = n.child(0);
      if (c?.type === 'tuple')
        return {
          k: 'tuple',
          items: kids(c)
            .filter((x) => x.type === 'expression')
            .map((x) => expression(x, offset)),
          range,
        };
      if (c?.type === 'object') return object(c, offset);
      return { k: 'other', what: 'collection', range };
    }
    case 'object':
      return object(n, offset);
    case 'variable_expr':
      return { k: 'var', name: n.text, range };
    case 'function_call': {
      const name = kids(n).find((x) => x.type === 'identifier')?.text ?? '';
      const args = kids(n).find((x) => x.type === 'function_arguments');
      return {
        k: 'call',
        name,
        args: kids(args)
          .filter((x) => x.type === 'expression')
          .map((x) => expression(x, offset)),
        range,
      };
    }
    case 'operation': {
      const c = n.child(0);
      if (!c) return { k: 'other', what: 'operation', range };
      const ks = kids(c);
      if (c.type === 'unary_operation') return { k: 'unary', op: ks[0]!.type, operand: term(ks.slice(1), range, offset), range };
      const at = ks.findIndex((x) => !x.isNamed && BINARY.has(x.type));
      if (at < 0) return { k: 'other', what: 'operation', range };
      return { k: 'binary', op: ks[at]!.type, left: term(ks.slice(0, at), range, offset), right: term(ks.slice(at + 1), range, offset), range };
    }
    case 'expression':
      return expression(n, offset);
    case 'for_expr':
      return forExpr(n, offset, range);
    default:
      return { k: 'other', what: n.type, range };
  }
}

/** `[for v in xs : f(v)]`, `{for k, v in m : k => v... if c}` */
function forExpr(n: Node, offset: number, range: Range): Expr {
  const f = n.child(0);
  const intro = kids(f).find((c) => c.type === 'for_intro');
  if (!f || !intro) return { k: 'other', what: 'for expression', range };
  const ids = kids(intro).filter((c) => c.type === 'identifier');
  const coll = kids(intro).find((c) => c.type === 'expression');
  const exprs = kids(f).filter((c) => c.type === 'expression');
  const cond = kids(kids(f).find((c) => c.type === 'for_cond')).find((c) => c.type === 'expression');
  const isObject = f.type === 'for_object_expr';
  if (!coll || ids.length === 0 || exprs.length < (isObject ? 2 : 1)) return { k: 'other', what: 'for expression', range };
  const out: Expr = {
    k: 'for',
    valVar: ids[ids.length - 1]!.text,
    coll: expression(coll, offset),
    value: expression(exprs[isObject ? 1 : 0]!, offset),
    group: kids(f).some((c) => c.type === 'ellipsis'),
    range,
  };
  if (ids.length > 1) out.keyVar = ids[0]!.text;
  if (isObject) out.key = expression(exprs[0]!, offset);
  if (cond) out.cond = expression(cond, offset);
  return out;
}

/**
 * Parses one HCL expression written at `offset` of a file (a `${...}` string of Terraform JSON syntax, a
 * reference in a plan). Not cached; the ranges are offsets in that file. `undefined` when it does not parse.
 */
export function parseHclExpression(source: string, offset: number): Expr | undefined {
  if (!parser) throw new Error('initTerraform(wasmDir) has not completed');
  const prefix = 'x = ';
  const src = `${prefix}${source}\n`;
  const tree = parser.parse(src);
  if (!tree) return undefined;
  try {
    const root = snapshot(tree, src);
    if (root.hasError) return undefined;
    const body: Body = { attributes: [], blocks: [] };
    collectBody(root, offset - prefix.length, body);
    return body.attributes.length === 1 && body.blocks.length === 0 ? body.attributes[0]!.expr : undefined;
  } finally {
    tree.delete();
  }
}

function object(n: Node, offset: number): Expr {
  const entries: Array<{ key: Expr; value: Expr }> = [];
  for (const e of kids(n)) {
    if (e.type !== 'object_elem') continue;
    const k = e.childForFieldName('key');
    const v = e.childForFieldName('val');
    if (k && v) entries.push({ key: expression(k, offset), value: expression(v, offset) });
  }
  return { k: 'object', entries, range: rng(n, offset) };
}
