// Evaluation of HCL expressions, as far as placing things needs: literals, templates, `var.*` (with
// tfvars), `local.*`, references to resources and data sources (configured attributes evaluate to their
// expression; computed ones stay a reference), a few pure functions. Anything else is `unknown` with the
// reason, so the caller can say why something is not placed; nothing is ever guessed.

import type { Loc } from '../../design';
import type { Block, Expr, Range } from './ast';
import { attr } from './ast';
import type { Module, Resource } from './module';

export type Value =
  | { t: 'str'; v: string; loc: Loc }
  | { t: 'num'; v: number; loc: Loc }
  | { t: 'bool'; v: boolean; loc: Loc }
  | { t: 'null'; loc: Loc }
  | { t: 'tuple'; items: Value[]; loc: Loc }
  | { t: 'obj'; fields: Map<string, Value>; loc: Loc }
  /** a resource, a nested block of one, or an attribute the provider computes (`hcx_vmc.x.cloud_url`) */
  | { t: 'ref'; res: Resource; path: string[]; loc: Loc }
  | { t: 'unknown'; reason: string; loc: Loc };

const MAX_DEPTH = 40;

export class Evaluator {
  private readonly localStack = new Set<string>();
  private depth = 0;

  constructor(
    readonly module: Module,
    private readonly vars: Record<string, string | number | boolean> = {},
  ) {}

  /** Evaluates an attribute of a block; `undefined` when the attribute is not written. */
  attr(block: Block, file: string, name: string): Value | undefined {
    const a = attr(block.body, name);
    return a ? this.eval(a.expr, file) : undefined;
  }

  eval(e: Expr, file: string): Value {
    if (this.depth > MAX_DEPTH) return unknown('the expression nests too deeply to evaluate', file, e.range);
    this.depth++;
    try {
      return this.evalInner(e, file);
    } finally {
      this.depth--;
    }
  }

  private evalInner(e: Expr, file: string): Value {
    const loc = { file, start: e.range.start, end: e.range.end };
    switch (e.k) {
      case 'lit':
        if (e.value === null) return { t: 'null', loc };
        if (typeof e.value === 'string') return { t: 'str', v: e.value, loc };
        if (typeof e.value === 'number') return { t: 'num', v: e.value, loc };
        return { t: 'bool', v: e.value, loc };
      case 'template': {
        let s = '';
        for (const p of e.parts) {
          if (typeof p === 'string') s += p;
          else {
            const v = this.eval(p, file);
            if (v.t === 'str' || v.t === 'num' || v.t === 'bool') s += String(v.v);
            else return v.t === 'unknown' ? { ...v, loc } : unknown(`\`${describeExpr(p)}\` is not a string`, file, e.range);
          }
        }
        return { t: 'str', v: s, loc };
      }
      case 'tuple':
        return { t: 'tuple', items: e.items.map((x) => this.eval(x, file)), loc };
      case 'object': {
        const fields = new Map<string, Value>();
        for (const en of e.entries) {
          const key = en.key.k === 'var' ? en.key.name : this.eval(en.key, file);
          const k = typeof key === 'string' ? key : key.t === 'str' ? key.v : undefined;
          if (k !== undefined) fields.set(k, this.eval(en.value, file));
        }
        return { t: 'obj', fields, loc };
      }
      case 'var':
        return this.root(e.name, [], e.range, file);
      case 'access': {
        if (e.base.k === 'var') return this.root(e.base.name, e.steps, e.range, file);
        let v = this.eval(e.base, file);
        for (const s of e.steps) v = this.step(v, s.k === 'attr' ? s.name : s.k === 'splat' ? '*' : this.eval(s.key, file), file, e.range);
        return v;
      }
      case 'cond': {
        const c = this.eval(e.cond, file);
        if (c.t === 'bool') return this.eval(c.v ? e.then : e.else, file);
        return c.t === 'unknown' ? c : unknown('the condition is not a boolean', file, e.cond.range);
      }
      case 'binary':
        return this.binary(e.op, this.eval(e.left, file), this.eval(e.right, file), loc);
      case 'unary': {
        const v = this.eval(e.operand, file);
        if (e.op === '-' && v.t === 'num') return { t: 'num', v: -v.v, loc };
        if (e.op === '!' && v.t === 'bool') return { t: 'bool', v: !v.v, loc };
        return v.t === 'unknown' ? v : unknown(`\`${e.op}\` needs a ${e.op === '-' ? 'number' : 'boolean'}`, file, e.range);
      }
      case 'call':
        return this.call(e.name, e.args, file, loc);
      case 'other':
        return unknown(`a ${e.what} is not evaluated`, file, e.range);
    }
  }

  /** `var.x...`, `local.x...`, `data.t.n...`, `type.name...`, `each`/`count`/`self`/`module`/`path`. */
  private root(name: string, steps: Array<{ k: string; name?: string; key?: Expr }>, range: Range, file: string): Value {
    const first = steps[0]?.k === 'attr' ? steps[0].name : undefined;
    const rest = (from: number) => steps.slice(from);
    const apply = (v: Value, from: number): Value => {
      let out = v;
      for (const s of rest(from)) out = this.step(out, s.k === 'attr' ? s.name! : s.k === 'splat' ? '*' : this.eval(s.key!, file), file, range);
      return out;
    };
    switch (name) {
      case 'var':
        return first === undefined ? unknown('`var` needs a variable name', file, range) : apply(this.variable(first, file, range), 1);
      case 'local':
        return first === undefined ? unknown('`local` needs a name', file, range) : apply(this.local(first, file, range), 1);
      case 'data': {
        const type = first;
        const nm = steps[1]?.k === 'attr' ? steps[1].name : undefined;
        if (!type || !nm) return unknown('incomplete data source reference', file, range);
        const res = this.module.resources.get(`data.${type}.${nm}`);
        if (!res) return unknown(`no data source \`data.${type}.${nm}\` in this module`, file, range);
        return apply({ t: 'ref', res, path: [], loc: { file, start: range.start, end: range.end } }, 2);
      }
      case 'each':
      case 'count':
        return unknown(`\`${name}.${first ?? ''}\` changes per instance (for_each/count) and is not evaluated`, file, range);
      case 'self':
        return unknown('`self` is not evaluated', file, range);
      case 'module':
        return unknown(`outputs of \`module.${first ?? ''}\` are not evaluated (only this module's files are read)`, file, range);
      case 'path':
      case 'terraform':
        return unknown(`\`${name}.${first ?? ''}\` is only known when Terraform runs`, file, range);
      default: {
        if (!first) return unknown(`\`${name}\` is not a value here`, file, range);
        const res = this.module.resources.get(`${name}.${first}`);
        if (!res) return unknown(`no resource \`${name}.${first}\` in this module`, file, range);
        return apply({ t: 'ref', res, path: [], loc: { file, start: range.start, end: range.end } }, 1);
      }
    }
  }

  variable(name: string, file: string, range: Range): Value {
    if (Object.prototype.hasOwnProperty.call(this.vars, name)) {
      const v = this.vars[name]!;
      const loc = { file, start: range.start, end: range.end };
      return typeof v === 'string' ? { t: 'str', v, loc } : typeof v === 'number' ? { t: 'num', v, loc } : { t: 'bool', v, loc };
    }
    const decl = this.module.variables.get(name);
    if (!decl) return unknown(`variable \`${name}\` is not declared in this module`, file, range);
    if (!decl.value) {
      const optional = this.module.optionalVarFiles.get(name);
      const hint = optional ? `; it is set in ${optional.join(', ')}, which Terraform reads only with -var-file` : '';
      return unknown(`variable \`${name}\` has no default and no value in terraform.tfvars or *.auto.tfvars${hint}`, file, range);
    }
    const key = `var.${name}`;
    if (this.localStack.has(key)) return unknown(`variable \`${name}\` refers to itself`, file, range);
    this.localStack.add(key);
    try {
      const v = this.eval(decl.value.expr, decl.value.file);
      return v.t === 'null' ? unknown(`variable \`${name}\` is null (${decl.value.source})`, file, range) : v;
    } finally {
      this.localStack.delete(key);
    }
  }

  private local(name: string, file: string, range: Range): Value {
    const l = this.module.locals.get(name);
    if (!l) return unknown(`no local value \`${name}\` in this module`, file, range);
    const key = `local.${name}`;
    if (this.localStack.has(key)) return unknown(`local \`${name}\` refers to itself`, file, range);
    this.localStack.add(key);
    try {
      return this.eval(l.expr, l.file);
    } finally {
      this.localStack.delete(key);
    }
  }

  /** One step into a value: `.name`, `[key]`, `[*]`. Resources and count instances are one config. */
  private step(v: Value, key: string | Value, file: string, range: Range): Value {
    if (v.t === 'unknown') return v;
    if (v.t === 'ref') {
      if (typeof key !== 'string' || key === '*') return v; // x[0], x["a"], x[*]: same configuration
      return this.resourceAttr(v.res, [...v.path, key], v.loc);
    }
    if (typeof key === 'string' && key === '*') return v;
    if (v.t === 'obj') {
      const k = typeof key === 'string' ? key : key.t === 'str' ? key.v : undefined;
      if (k === undefined) return typeof key !== 'string' && key.t === 'unknown' ? key : unknown('the key is not a string', file, range);
      return v.fields.get(k) ?? unknown(`the object has no key \`${k}\``, file, range);
    }
    if (v.t === 'tuple') {
      if (typeof key === 'string') return { t: 'tuple', items: v.items.map((i) => this.step(i, key, file, range)), loc: v.loc };
      if (key.t === 'num') return v.items[key.v] ?? unknown(`index ${key.v} is out of range`, file, range);
      return key.t === 'unknown' ? key : unknown('the index is not a number', file, range);
    }
    return unknown(`cannot look into a ${v.t}`, file, range);
  }

  /** A configured attribute evaluates to what is written; a nested block to a reference to it; else computed. */
  resourceAttr(res: Resource, path: string[], loc: Loc): Value {
    let body = res.block.body;
    for (let i = 0; i < path.length; i++) {
      const a = attr(body, path[i]!);
      if (a) {
        let v = this.eval(a.expr, res.file);
        for (const k of path.slice(i + 1)) v = this.step(v, k, res.file, a.range);
        return v;
      }
      const nested = body.blocks.find((b) => b.type === path[i]);
      if (!nested) break;
      body = nested.body;
    }
    return { t: 'ref', res, path, loc };
  }

  private binary(op: string, l: Value, r: Value, loc: Loc): Value {
    if (l.t === 'unknown') return l;
    if (r.t === 'unknown') return r;
    if (op === '==' || op === '!=') {
      const eq = (l.t === r.t && 'v' in l && 'v' in r && l.v === r.v) || (l.t === 'null' && r.t === 'null');
      return { t: 'bool', v: op === '==' ? eq : !eq, loc };
    }
    if ((op === '&&' || op === '||') && l.t === 'bool' && r.t === 'bool') return { t: 'bool', v: op === '&&' ? l.v && r.v : l.v || r.v, loc };
    if (l.t === 'num' && r.t === 'num') {
      const [a, b] = [l.v, r.v];
      const n = (x: number): Value => ({ t: 'num', v: x, loc });
      const bo = (x: boolean): Value => ({ t: 'bool', v: x, loc });
      switch (op) {
        case '+':
          return n(a + b);
        case '-':
          return n(a - b);
        case '*':
          return n(a * b);
        case '/':
          return n(a / b);
        case '%':
          return n(a % b);
        case '<':
          return bo(a < b);
        case '<=':
          return bo(a <= b);
        case '>':
          return bo(a > b);
        case '>=':
          return bo(a >= b);
      }
    }
    return { t: 'unknown', reason: `\`${op}\` on a ${l.t} and a ${r.t} is not evaluated`, loc };
  }

  private call(name: string, args: Expr[], file: string, loc: Loc): Value {
    const vals = () => args.map((a) => this.eval(a, file));
    const str = (v: Value | undefined) => (v && v.t === 'str' ? v.v : undefined);
    switch (name) {
      case 'lower':
      case 'upper':
      case 'trimspace':
      case 'tostring': {
        const [v] = vals();
        if (!v) return { t: 'unknown', reason: `${name}() needs an argument`, loc };
        if (v.t === 'unknown') return v;
        const s = v.t === 'num' || v.t === 'bool' ? String(v.v) : str(v);
        if (s === undefined) return { t: 'unknown', reason: `${name}() needs a string`, loc };
        return { t: 'str', v: name === 'lower' ? s.toLowerCase() : name === 'upper' ? s.toUpperCase() : name === 'trimspace' ? s.trim() : s, loc: v.loc };
      }
      case 'tonumber': {
        const [v] = vals();
        if (v?.t === 'num') return v;
        if (v?.t === 'str' && v.v.trim() !== '' && Number.isFinite(Number(v.v))) return { t: 'num', v: Number(v.v), loc: v.loc };
        return v?.t === 'unknown' ? v : { t: 'unknown', reason: 'tonumber() needs a number', loc };
      }
      case 'replace': {
        const [s, a, b] = vals();
        if (s?.t === 'str' && a?.t === 'str' && b?.t === 'str' && !/^\/.*\/$/.test(a.v)) return { t: 'str', v: s.v.split(a.v).join(b.v), loc };
        return [s, a, b].find((x) => x?.t === 'unknown') ?? { t: 'unknown', reason: 'replace() with a pattern is not evaluated', loc };
      }
      case 'format': {
        const [f, ...rest] = vals();
        if (f?.t !== 'str') return f?.t === 'unknown' ? f : { t: 'unknown', reason: 'format() needs a format string', loc };
        let i = 0;
        let bad: Value | undefined;
        const out = f.v.replace(/%%|%[sdv]/g, (m) => {
          if (m === '%%') return '%';
          const v = rest[i++];
          if (v && (v.t === 'str' || v.t === 'num' || v.t === 'bool')) return String(v.v);
          bad ??= v ?? { t: 'unknown', reason: 'format() is missing an argument', loc };
          return '';
        });
        return bad ? (bad.t === 'unknown' ? bad : { t: 'unknown', reason: 'format() argument is not a string', loc }) : { t: 'str', v: out, loc };
      }
      case 'lookup': {
        const [mapV, keyV, def] = vals();
        if (mapV?.t === 'unknown') return mapV;
        if (keyV?.t === 'unknown') return keyV;
        if (mapV?.t === 'obj' && keyV?.t === 'str') return mapV.fields.get(keyV.v) ?? def ?? { t: 'unknown', reason: `lookup(): no key \`${keyV.v}\``, loc };
        return { t: 'unknown', reason: 'lookup() needs a map and a string key', loc };
      }
      case 'element': {
        const [list, idx] = vals();
        if (list?.t === 'tuple' && idx?.t === 'num' && list.items.length > 0)
          return list.items[((idx.v % list.items.length) + list.items.length) % list.items.length]!;
        return [list, idx].find((x) => x?.t === 'unknown') ?? { t: 'unknown', reason: 'element() needs a list and an index', loc };
      }
      case 'coalesce': {
        for (const v of vals()) {
          if (v.t === 'unknown') return v;
          if (v.t !== 'null' && !(v.t === 'str' && v.v === '')) return v;
        }
        return { t: 'unknown', reason: 'coalesce(): every argument is empty', loc };
      }
      case 'try': {
        const all = vals();
        return all.find((v) => v.t !== 'unknown') ?? all[0] ?? { t: 'unknown', reason: 'try() without arguments', loc };
      }
      case 'concat': {
        const items: Value[] = [];
        for (const v of vals()) {
          if (v.t === 'tuple') items.push(...v.items);
          else if (v.t === 'ref') items.push(v);
          else return v.t === 'unknown' ? v : { t: 'unknown', reason: 'concat() needs lists', loc };
        }
        return { t: 'tuple', items, loc };
      }
      case 'join': {
        const [sep, list] = vals();
        if (sep?.t === 'str' && list?.t === 'tuple' && list.items.every((i) => i.t === 'str'))
          return { t: 'str', v: list.items.map((i) => (i as { v: string }).v).join(sep.v), loc };
        return [sep, list].find((x) => x?.t === 'unknown') ?? { t: 'unknown', reason: 'join() needs a separator and a list of strings', loc };
      }
      case 'tolist':
      case 'toset':
      case 'flatten': {
        const [v] = vals();
        if (!v) return { t: 'unknown', reason: `${name}() needs an argument`, loc };
        if (name === 'flatten' && v.t === 'tuple') return { t: 'tuple', items: v.items.flatMap((i) => (i.t === 'tuple' ? i.items : [i])), loc };
        return v;
      }
      default:
        return { t: 'unknown', reason: `function \`${name}()\` is not evaluated`, loc };
    }
  }
}

export function unknown(reason: string, file: string, range: Range): Value {
  return { t: 'unknown', reason, loc: { file, start: range.start, end: range.end } };
}

function describeExpr(e: Expr): string {
  return e.k === 'var' ? e.name : e.k;
}

/** The resources a value points at: a reference, or a list of them (`[a.x.id, b.y.id]`, `concat(...)`). */
export function refsIn(v: Value | undefined): Array<{ res: Resource; path: string[]; loc: Loc }> {
  if (!v) return [];
  if (v.t === 'ref') return [{ res: v.res, path: v.path, loc: v.loc }];
  if (v.t === 'tuple') return v.items.flatMap(refsIn);
  return [];
}

export function asString(v: Value | undefined): string | undefined {
  return v && v.t === 'str' ? v.v : undefined;
}
