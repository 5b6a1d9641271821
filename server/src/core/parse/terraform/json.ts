// Terraform's JSON syntax (`*.tf.json`, `*.tfvars.json`) -> the same syntax tree as HCL (ast.ts), with
// offsets into the JSON text (jsonc-parser), so everything downstream reads both alike. The rules are
// Terraform's (developer.hashicorp.com/terraform/language/syntax/json):
// - the root object's keys are block types; `resource`/`data` nest two labels (type, name), `module`,
//   `variable`, `output`, `provider` one; a block body may be an array of bodies (provider aliases);
// - a property named `//` is a comment, anywhere;
// - strings are templates: `"${var.region}"` is an expression, and a template that is one
//   interpolation alone is that value (a reference, a list); numbers, booleans, null, arrays and objects
//   are what they are;
// - some arguments are bare expressions in a string: `provider` ("hcx.ams"), `depends_on`, a module's
//   `providers` map, a dynamic block's `iterator`; a variable's `default` and every tfvars value are
//   literal (no templates);
// - without the provider schema, an object (or array of objects) inside a block is both an argument and
//   nested block(s), as Terraform decides per schema; `dynamic` is always a block.
// A file that does not parse gets `syntax` findings and what could be read.

import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser/lib/esm/main.js'; // the UMD build does not bundle (esbuild leaves its dynamic requires)
import type { Finding } from '../../design';
import type { Attribute, Block, Body, Expr, Range } from './ast';
import type { HclFile } from './hcl';
import { parseHclExpression } from './hcl';
import { isVarFile } from '../../files';

const LABELS: Record<string, number> = { resource: 2, data: 2, module: 1, variable: 1, output: 1, provider: 1 };
const BARE = new Set(['provider', 'depends_on', 'iterator']);
const MAX_DEPTH = 64;

export function parseTerraformJson(file: string, text: string): HclFile {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const seen = new Set<number>();
  const first = errors.filter((e) => !seen.has(e.offset) && seen.add(e.offset)); // one finding per place
  const findings: Finding[] = first.slice(0, 20).map((e) => ({
    ruleId: 'syntax',
    severity: 'error',
    message: `JSON syntax: ${describe(printParseErrorCode(e.error))} (Terraform's JSON syntax is strict JSON: no comments, no trailing commas; use a "//" property for a comment).`,
    loc: { file, start: e.offset, end: e.offset + Math.max(e.length, 1) },
    data: {},
    related: [],
    fixes: [],
  }));
  const body: Body = { attributes: [], blocks: [] };
  if (root && root.type !== 'object') {
    findings.push({
      ruleId: 'syntax',
      severity: 'error',
      message: `A Terraform JSON file is one object; this one is a${root.type === 'array' ? 'n array' : ` ${root.type}`}.`,
      loc: { file, start: root.offset, end: root.offset + root.length },
      data: {},
      related: [],
      fixes: [],
    });
  } else if (root) {
    if (isVarFile(file)) {
      for (const p of props(root)) body.attributes.push(attribute(p, text, true, 0));
    } else {
      for (const p of props(root)) topLevel(p, text, body);
    }
  }
  return { file, text, body, findings };
}

function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function rng(n: JsonNode): Range {
  return { start: n.offset, end: n.offset + n.length };
}

/** The properties of an object node, `//` comments left out. */
function props(n: JsonNode | undefined): Array<{ key: JsonNode; value: JsonNode; node: JsonNode }> {
  if (!n || n.type !== 'object') return [];
  const out = [];
  for (const p of n.children ?? []) {
    const [key, value] = p.children ?? [];
    if (!key || !value || key.value === '//') continue;
    out.push({ key, value, node: p });
  }
  return out;
}

function bodies(n: JsonNode): JsonNode[] {
  if (n.type === 'object') return [n];
  if (n.type === 'array') return (n.children ?? []).filter((c) => c.type === 'object');
  return [];
}

function topLevel(p: { key: JsonNode; value: JsonNode; node: JsonNode }, text: string, out: Body): void {
  const type = String(p.key.value);
  const labels = LABELS[type];
  const push = (labelList: string[], header: JsonNode, node: JsonNode, value: JsonNode) => {
    for (const b of bodies(value)) out.blocks.push(makeBlock(type, labelList, header, b === value ? node : b, b, text, 0));
  };
  if (labels === 2) {
    for (const t of props(p.value)) for (const n of props(t.value)) push([String(t.key.value), String(n.key.value)], n.key, n.node, n.value);
  } else if (labels === 1) {
    for (const n of props(p.value)) push([String(n.key.value)], n.key, n.node, n.value);
  } else if (type === 'locals' || type === 'terraform') {
    push([], p.key, p.node, p.value);
  }
}

function makeBlock(type: string, labels: string[], header: JsonNode, whole: JsonNode, obj: JsonNode, text: string, depth: number): Block {
  const body = blockBody(type, obj, text, depth + 1);
  const b: Block = { type, labels, header: rng(header), body, range: rng(whole), close: obj.offset + obj.length - 1 };
  if (whole === obj && obj.parent?.type === 'array') b.listItem = true; // removing it removes an array item
  return b;
}

function blockBody(type: string, obj: JsonNode, text: string, depth: number): Body {
  const body: Body = { attributes: [], blocks: [] };
  if (depth > MAX_DEPTH) return body;
  for (const p of props(obj)) {
    const name = String(p.key.value);
    if (type === 'terraform' && (name === 'required_providers' || name === 'backend' || name === 'cloud')) {
      if (name === 'backend')
        for (const n of props(p.value))
          for (const b of bodies(n.value)) body.blocks.push(makeBlock(name, [String(n.key.value)], n.key, n.node, b, text, depth));
      else for (const b of bodies(p.value)) body.blocks.push(makeBlock(name, [], p.key, p.node, b, text, depth));
      continue;
    }
    if (name === 'dynamic') {
      for (const n of props(p.value))
        for (const b of bodies(n.value)) body.blocks.push(makeBlock('dynamic', [String(n.key.value)], n.key, n.node, b, text, depth));
      continue;
    }
    if (type === 'dynamic' && name === 'content') {
      for (const b of bodies(p.value)) body.blocks.push(makeBlock('content', [], p.key, p.node, b, text, depth));
      continue;
    }
    if (name === 'lifecycle' || name === 'provisioner' || name === 'connection') {
      for (const b of bodies(p.value)) body.blocks.push(makeBlock(name, [], p.key, b === p.value ? p.node : b, b, text, depth));
      continue;
    }
    const literal = type === 'variable' && name === 'default';
    body.attributes.push(attribute(p, text, literal, depth, type === 'module' && name === 'providers'));
    // No schema: an object or a list of objects may be nested blocks as well.
    if (type !== 'variable' && type !== 'output' && type !== 'locals' && type !== 'module' && type !== 'required_providers') {
      const bs = bodies(p.value);
      if (bs.length > 0 && (p.value.type === 'object' || bs.length === (p.value.children ?? []).length))
        for (const b of bs) body.blocks.push(makeBlock(name, [], p.key, b === p.value ? p.node : b, b, text, depth));
    }
  }
  return body;
}

function attribute(p: { key: JsonNode; value: JsonNode; node: JsonNode }, text: string, literal: boolean, depth: number, bareValues = false): Attribute {
  const name = String(p.key.value);
  const bare = BARE.has(name);
  return { name, nameRange: rng(p.key), expr: expr(p.value, text, literal, depth, bare, bareValues), range: rng(p.node) };
}

/** A JSON value as an expression: strings are templates unless `literal`; `bare`: the string is an expression. */
function expr(n: JsonNode, text: string, literal: boolean, depth: number, bare = false, bareValues = false): Expr {
  const range = rng(n);
  if (depth > MAX_DEPTH) return { k: 'other', what: 'value nested too deeply', range };
  switch (n.type) {
    case 'string': {
      const s = String(n.value);
      if (bare) return bareExpr(s, n) ?? { k: 'lit', value: s, range };
      if (literal || !/[$%]\{/.test(s)) return { k: 'lit', value: literal ? s : s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'), range };
      return templateExpr(text, n) ?? { k: 'other', what: 'template that does not parse', range };
    }
    case 'number':
    case 'boolean':
    case 'null':
      return { k: 'lit', value: n.value as number | boolean | null, range };
    case 'array':
      return { k: 'tuple', items: (n.children ?? []).map((c) => expr(c, text, literal, depth + 1, bare)), range };
    case 'object':
      return {
        k: 'object',
        entries: props(n).map((p) => ({
          key: { k: 'lit', value: String(p.key.value), range: rng(p.key) },
          value: expr(p.value, text, literal, depth + 1, bareValues),
        })),
        range,
      };
    default:
      return { k: 'other', what: 'JSON value', range };
  }
}

/** `"hcx.ams"`: a reference written as a string (no `${}`), at the string's offset. */
function bareExpr(s: string, n: JsonNode): Expr | undefined {
  if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/.test(s)) return undefined;
  const parts = s.split('.');
  const start = n.offset + 1;
  const base: Expr = { k: 'var', name: parts[0]!, range: { start, end: start + parts[0]!.length } };
  if (parts.length === 1) return base;
  let at = start + parts[0]!.length;
  const steps = parts.slice(1).map((p) => {
    const r = { start: at, end: at + 1 + p.length };
    at = r.end;
    return { k: 'attr' as const, name: p, range: r };
  });
  return { k: 'access', base, steps, range: { start, end: at } };
}

/**
 * A JSON string as an HCL template. The template is the DECODED string (`"${upper(\\"x\\")}"` holds
 * `upper("x")`), so it is re-quoted for HCL (escaping only the literal parts) and every range of the
 * parsed expression is mapped back to the offset of its character in the JSON text.
 */
function templateExpr(text: string, n: JsonNode): Expr | undefined {
  // decoded characters and the file offset of each
  const chars: string[] = [];
  const at: number[] = [];
  const end = n.offset + n.length - 1;
  for (let i = n.offset + 1; i < end;) {
    const c = text[i]!;
    if (c !== '\\') {
      chars.push(c);
      at.push(i);
      i++;
      continue;
    }
    const e = text[i + 1] ?? '';
    if (e === 'u') {
      chars.push(String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)));
      at.push(i);
      i += 6;
    } else {
      chars.push(({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e);
      at.push(i);
      i += 2;
    }
  }
  // HCL source: literal parts escaped, interpolations as written; srcAt maps each source character back
  let src = '"';
  const srcAt: number[] = [n.offset];
  let depth = 0;
  let quote = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    let out = c;
    if (depth === 0) {
      if ((c === '$' || c === '%') && chars[i + 1] === '{' && chars[i - 1] !== c) depth = 1;
      else if (c === '"' || c === '\\') out = `\\${c}`;
      else if (c === '\n') out = '\\n';
      else if (c === '\r') out = '\\r';
      else if (c === '\t') out = '\\t';
    } else if (quote) {
      if (c === '\\') {
        src += c + (chars[i + 1] ?? '');
        srcAt.push(at[i]!, at[i + 1] ?? at[i]!);
        i++;
        continue;
      }
      if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if (c === '{' && !(chars[i - 1] === '$' || chars[i - 1] === '%')) depth++;
    else if (c === '}') depth--;
    src += out;
    for (let k = 0; k < out.length; k++) srcAt.push(at[i]!);
  }
  src += '"';
  srcAt.push(end);
  const e = parseHclExpression(src, 0);
  if (!e) return undefined;
  const map = (o: number) => (o <= 0 ? n.offset : o >= srcAt.length ? end + 1 : srcAt[o]!);
  remap(e, (r) => {
    const start = map(r.start);
    const stop = r.end >= src.length ? end + 1 : map(r.end - 1) + 1;
    r.start = start;
    r.end = Math.max(start, stop);
  });
  return e;
}

function remap(node: unknown, fn: (r: Range) => void): void {
  const stack: unknown[] = [node];
  while (stack.length) {
    const x = stack.pop();
    if (!x || typeof x !== 'object') continue;
    if (Array.isArray(x)) {
      for (const y of x) stack.push(y);
      continue;
    }
    const o = x as Record<string, unknown>;
    if (typeof o['start'] === 'number' && typeof o['end'] === 'number' && !('k' in o)) {
      fn(o as unknown as Range);
      continue;
    }
    for (const k in o) if (o[k] && typeof o[k] === 'object') stack.push(o[k]);
  }
}
