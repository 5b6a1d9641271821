// The HCL syntax tree the evaluator reads: plain data with absolute UTF-16 offsets into the file text.
// Built from tree-sitter nodes (hcl.ts), so nothing downstream depends on the parser library.

export interface Range {
  start: number;
  end: number;
  /**
   * The file the range is in, when it is not the file of the block that holds it: an attribute merged in
   * from an override file, a plan value mapped to its `.tf` line. Absent: the enclosing resource's file.
   */
  file?: string;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
}

export interface Attribute {
  name: string;
  nameRange: Range;
  expr: Expr;
  /** `name = value` */
  range: Range;
}

export interface Block {
  type: string;
  labels: string[];
  /** the block type and its labels: `resource "hcx_service_mesh" "m"` */
  header: Range;
  body: Body;
  /** from the type to the closing `}` (or where the parser gave up) */
  range: Range;
  /** offset of the closing `}`, when it is written */
  close?: number;
  /** an instance of a `dynamic` block whose `range` is its item in a literal `for_each` list */
  listItem?: boolean;
}

export type Step = { k: 'attr'; name: string; range: Range } | { k: 'index'; key: Expr; range: Range } | { k: 'splat'; range: Range };

export type Expr =
  | { k: 'lit'; value: string | number | boolean | null; range: Range }
  | { k: 'template'; parts: Array<string | Expr>; range: Range }
  | { k: 'tuple'; items: Expr[]; range: Range }
  | { k: 'object'; entries: Array<{ key: Expr; value: Expr }>; range: Range }
  | { k: 'var'; name: string; range: Range }
  | { k: 'access'; base: Expr; steps: Step[]; range: Range }
  | { k: 'call'; name: string; args: Expr[]; range: Range }
  | { k: 'cond'; cond: Expr; then: Expr; else: Expr; range: Range }
  | { k: 'binary'; op: string; left: Expr; right: Expr; range: Range }
  | { k: 'unary'; op: string; operand: Expr; range: Range }
  /** `[for k, v in coll : value if cond]` and `{for k, v in coll : key => value... if cond}` */
  | { k: 'for'; keyVar?: string; valVar: string; coll: Expr; key?: Expr; value: Expr; cond?: Expr; group: boolean; range: Range }
  /**
   * An expression of a resource instance, dynamic block or child module: evaluated in `scope` (an
   * evaluator frame: which module, which `each`/`count`/iterator). Built by the evaluator, never parsed.
   */
  | { k: 'bind'; scope: unknown; inner: Expr; range: Range }
  /** an already known value (plan JSON, tfvars JSON): the evaluator's `Value` */
  | { k: 'value'; value: unknown; range: Range }
  /** heredocs with directives, anything half-typed */
  | { k: 'other'; what: string; range: Range };

export function attr(body: Body, name: string): Attribute | undefined {
  for (const a of body.attributes) if (a.name === name) return a;
  return undefined;
}

export function blocks(body: Body, type: string): Block[] {
  return body.blocks.filter((b) => b.type === type);
}
