// The HCL syntax tree the evaluator reads: plain data with absolute UTF-16 offsets into the file text.
// Built from tree-sitter nodes (hcl.ts), so nothing downstream depends on the parser library.

export interface Range {
  start: number;
  end: number;
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
  /** for-expressions, heredocs with directives, anything half-typed */
  | { k: 'other'; what: string; range: Range };

export function attr(body: Body, name: string): Attribute | undefined {
  for (const a of body.attributes) if (a.name === name) return a;
  return undefined;
}

export function blocks(body: Body, type: string): Block[] {
  return body.blocks.filter((b) => b.type === type);
}
