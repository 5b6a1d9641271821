// HCL conversion: a tree-sitter tree (hcl-tree.ts's Node copy) -> the syntax tree of ast.ts, with every
// range moved by the offset of the piece it was parsed from. Pure; never throws on a tree with errors
// (what does not convert is left out; recovery in hcl-recovery.ts reports it).

import type { Attribute, Block, Body, Expr, Range, Step } from './ast';
import { hclParser, kids, snapshot, type Node } from './hcl-tree';

function rng(n: Node, offset: number): Range {
  return { start: offset + n.startIndex, end: offset + n.endIndex };
}

export function collectBody(n: Node, offset: number, out: Body): void {
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

export function jsonAttributes(n: Node, offset: number, out: Body): void {
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

export function attribute(n: Node, offset: number): Attribute | undefined {
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

export function block(n: Node, offset: number): Block | undefined {
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
  const parser = hclParser();
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
