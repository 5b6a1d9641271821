// HCL tree loading: the tree-sitter runtime and the HCL grammar loaded once from their wasm files, and
// a plain-JS copy of a parse tree (Node) that recovery (hcl-recovery.ts) and conversion (hcl-convert.ts)
// read. What a file's tree is, and its cache, is hcl.ts's.

// The CJS build of web-tree-sitter: in a CJS bundle esbuild would take the ESM build, whose
// createRequire(import.meta.url) throws (import.meta is undefined there).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import TreeSitter = require('web-tree-sitter');

export { TreeSitter };

/**
 * A plain-JS copy of the tree, taken in one TreeCursor pass: walking tree-sitter's own nodes costs a
 * call into wasm and an allocation per property, several times over for the conversion below.
 */
export class Node {
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

export function snapshot(tree: TreeSitter.Tree, src: string): Node {
  const cur = tree.walk();
  try {
    return snapshotAt(cur, src);
  } finally {
    cur.delete();
  }
}

/** Copies the subtree under the cursor; the cursor ends where it started. */
export function snapshotAt(cur: TreeSitter.TreeCursor, src: string): Node {
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

export function kids(n: Node | null | undefined): Node[] {
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

/** The loaded parser; undefined until initHcl has completed. */
export function hclParser(): TreeSitter.Parser | undefined {
  return parser;
}

export function hclReady(): boolean {
  return parser !== undefined;
}

/** The single edit that turns `a` into `b` (common prefix and suffix), in tree-sitter's terms. */
export function diffEdit(a: string, b: string): TreeSitter.Edit {
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
