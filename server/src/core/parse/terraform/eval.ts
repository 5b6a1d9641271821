// Evaluation of HCL expressions, as far as placing things needs: literals, templates, `var.*` (with
// tfvars), `local.*`, references to resources and data sources (configured attributes evaluate to their
// expression; computed ones stay a reference), a few pure functions. Anything else is `unknown` with the
// reason, so the caller can say why something is not placed; nothing is ever guessed.

import type { Loc } from '../../design';
import type { Block, Body, Expr, Range } from './ast';
import { attr } from './ast';
import type { Module, ModuleCall, Resource } from './module';

/**
 * Where an expression is evaluated: which module instance (`prefix` `module.net["a"].`), the arguments
 * its call passes (bound to the caller's frame), and the names in scope there (`each`, `count`, a
 * dynamic block's iterator).
 */
export interface Frame {
  mod: Module;
  /** `` for the root module, `module.x.` / `module.x["k"].` for a child */
  prefix: string;
  /** the frame of the module instance itself (without `each`/`count`/iterators) */
  base?: Frame;
  /** arguments of the module call: expressions bound to the caller's frame */
  args?: Map<string, { expr: Expr; file: string }>;
  names?: Map<string, Value>;
  /** a child's provider configurations -> the root module's (`hcx` -> `hcx.ams`) */
  providers?: Map<string, string>;
  /** module nesting depth and the module folders from the root (a module calling itself stops) */
  depth: number;
  dirs: string[];
}

/** A child module's files as a Module, by the folder the call's `source` resolves to; undefined when not given. */
export type ModuleLoader = (call: ModuleCall, from: Frame) => { module: Module; dir: string } | undefined;

/** What the module tree holds once count, for_each, dynamic blocks and module calls are expanded. */
export interface Expanded {
  /** every resource and data instance of every module instance (addresses with module path and key) */
  resources: Resource[];
  /** module calls whose source is not on disk (registry, git) or not given: named in an info */
  missing: Array<{ call: ModuleCall; prefix: string; reason: string }>;
}

const MAX_MODULE_DEPTH = 16;
/** instances per resource or module call: `count = 1e9` must not hang the editor */
const MAX_INSTANCES = 1000;
/** instances and expanded dynamic blocks in the whole tree (nested counts multiply) */
const MAX_TOTAL_INSTANCES = 5000;
/** elements `for` expressions may visit in one lint, all together */
const MAX_FOR_ITERATIONS = 100_000;

export type Value =
  | { t: 'str'; v: string; loc: Loc }
  | { t: 'num'; v: number; loc: Loc }
  | { t: 'bool'; v: boolean; loc: Loc }
  | { t: 'null'; loc: Loc }
  /** a list, or a set (`set`: from toset(); iterating a set, the key is the value, as in Terraform) */
  | { t: 'tuple'; items: Value[]; loc: Loc; set?: boolean }
  | { t: 'obj'; fields: Map<string, Value>; loc: Loc }
  /** a resource, a nested block of one, or an attribute the provider computes (`hcx_vmc.x.cloud_url`) */
  | { t: 'ref'; res: Resource; path: string[]; loc: Loc }
  /** `isNull`: a variable whose value is null (an argument set to it is omitted, as Terraform treats it) */
  | { t: 'unknown'; reason: string; loc: Loc; isNull?: true };

const MAX_DEPTH = 40;

export class Evaluator {
  private readonly localStack = new Set<string>();
  private depth = 0;
  readonly rootFrame: Frame;
  private readonly stack: Frame[];
  /** per module instance prefix + configuration address: its instances (`undefined` while being built) */
  private readonly instanceCache = new Map<string, Instances | undefined>();
  private readonly callCache = new Map<string, CallInstances | undefined>();
  /** what is left of MAX_TOTAL_INSTANCES */
  private budget = MAX_TOTAL_INSTANCES;
  /** what is left of MAX_FOR_ITERATIONS */
  private forBudget = MAX_FOR_ITERATIONS;

  constructor(
    readonly module: Module,
    private readonly vars: Record<string, string | number | boolean> = {},
    private readonly loader?: ModuleLoader,
  ) {
    this.rootFrame = { mod: module, prefix: '', depth: 0, dirs: [] };
    this.stack = [this.rootFrame];
  }

  private get cur(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  private inFrame<T>(f: Frame, fn: () => T): T {
    this.stack.push(f);
    try {
      return fn();
    } finally {
      this.stack.pop();
    }
  }

  /** Evaluates an attribute of a block; `undefined` when the attribute is not written. */
  /**
   * The value of argument `name` of `block`, undefined when it is absent or null: Terraform treats an
   * argument set to null as omitted (its default, or the provider's: an AWS resource's `region = var.region`
   * with a null default is in the provider's region, as every terraform-aws-modules module is written).
   */
  attr(block: Block, file: string, name: string): Value | undefined {
    const a = attr(block.body, name);
    if (!a) return undefined;
    const v = this.eval(a.expr, a.range.file ?? file);
    return v.t === 'null' || (v.t === 'unknown' && v.isNull) ? undefined : v;
  }

  eval(e: Expr, file: string): Value {
    if (this.depth > MAX_DEPTH) return unknown('the expression nests too deeply to evaluate', file, e.range);
    this.depth++;
    try {
      if (e.k === 'bind') return this.inFrame(e.scope as Frame, () => this.eval(e.inner, file));
      return this.evalInner(e, e.range.file ?? file);
    } finally {
      this.depth--;
    }
  }

  private evalInner(e: Expr, file: string): Value {
    const loc = { file, start: e.range.start, end: e.range.end };
    switch (e.k) {
      case 'bind':
        return this.eval(e, file);
      case 'value':
        return e.value as Value;
      case 'for':
        return this.forExpr(e, file, loc);
      case 'lit':
        if (e.value === null) return { t: 'null', loc };
        if (typeof e.value === 'string') return { t: 'str', v: e.value, loc };
        if (typeof e.value === 'number') return { t: 'num', v: e.value, loc };
        return { t: 'bool', v: e.value, loc };
      case 'template': {
        // "${x}" alone is x itself (a reference, a list), as in Terraform.
        if (e.parts.length === 1 && typeof e.parts[0] !== 'string') return this.eval(e.parts[0]!, file);
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
    const bound = this.cur.names?.get(name);
    if (bound) return apply(bound, 0);
    const mod = this.cur.mod;
    const loc = { file, start: range.start, end: range.end };
    switch (name) {
      case 'var':
        return first === undefined ? unknown('`var` needs a variable name', file, range) : apply(this.variable(first, file, range), 1);
      case 'local':
        return first === undefined ? unknown('`local` needs a name', file, range) : apply(this.local(first, file, range), 1);
      case 'data': {
        const type = first;
        const nm = steps[1]?.k === 'attr' ? steps[1].name : undefined;
        if (!type || !nm) return unknown('incomplete data source reference', file, range);
        const res = mod.resources.get(`data.${type}.${nm}`);
        if (!res) return unknown(`no data source \`data.${type}.${nm}\` in this module`, file, range);
        return apply(this.resourceValue(this.baseOf(this.cur), res, loc), 2);
      }
      case 'each':
      case 'count':
        return unknown(`\`${name}.${first ?? ''}\` is only set in a resource or module with ${name === 'each' ? 'for_each' : 'count'}`, file, range);
      case 'self':
        return unknown('`self` is not evaluated', file, range);
      case 'module': {
        if (first === undefined) return unknown('`module` needs a module name', file, range);
        return this.moduleRef(first, steps.slice(1), file, range, apply);
      }
      case 'path':
      case 'terraform':
        return unknown(`\`${name}.${first ?? ''}\` is only known when Terraform runs`, file, range);
      default: {
        if (!first) return unknown(`\`${name}\` is not a value here`, file, range);
        const res = mod.resources.get(`${name}.${first}`);
        if (!res) return unknown(`no resource \`${name}.${first}\` in this module`, file, range);
        return apply(this.resourceValue(this.baseOf(this.cur), res, loc), 1);
      }
    }
  }

  private baseOf(f: Frame): Frame {
    return f.base ?? f;
  }

  /** `module.x.out`, `module.x["k"].out`, `module.x[0].out`: the child's output, evaluated in the child. */
  private moduleRef(
    name: string,
    steps: Array<{ k: string; name?: string; key?: Expr }>,
    file: string,
    range: Range,
    apply: (v: Value, from: number) => Value,
  ): Value {
    const frame = this.baseOf(this.cur);
    const call = frame.mod.calls.get(name);
    if (!call) return unknown(`no module call \`module.${name}\` in this module`, file, range);
    const inst = this.callInstances(frame, call);
    if (inst.missing) return unknown(`module \`${name}\` is not read: ${inst.missing}`, file, range);
    const loc = { file, start: range.start, end: range.end };
    const outputsOf = (child: Frame): Value => {
      const fields = new Map<string, Value>();
      for (const out of child.mod.outputs.keys()) fields.set(out, this.output(child, out, file, range));
      return { t: 'obj', fields, loc };
    };
    let i = 0;
    let child: Frame | undefined;
    if (inst.mode === 'single') child = inst.frames[0]?.frame;
    else {
      const s = steps[0];
      if (s?.k === 'index' && s.key) {
        const k = this.eval(s.key, file);
        if (k.t === 'unknown') return k;
        const key = k.t === 'num' || k.t === 'str' ? k.v : undefined;
        child = inst.frames.find((x) => x.key === key)?.frame;
        if (!child) return unknown(`module \`${name}\` has no instance [${JSON.stringify(key)}]`, file, range);
        i = 1;
      } else {
        // the whole collection of instances: a list (count) or a map (for_each) of output objects
        const items = inst.frames.map((x) => outputsOf(x.frame));
        const coll: Value =
          inst.mode === 'count' ? { t: 'tuple', items, loc } : { t: 'obj', fields: new Map(inst.frames.map((x, j) => [String(x.key), items[j]!])), loc };
        return apply(coll, 1);
      }
    }
    if (!child) return unknown(`module \`${name}\` has no instances`, file, range);
    const out = steps[i];
    if (out?.k !== 'attr' || !out.name) return apply(outputsOf(child), 1 + i);
    if (!child.mod.outputs.has(out.name)) return unknown(`module \`${name}\` has no output \`${out.name}\``, file, range);
    return apply(this.output(child, out.name, file, range), 2 + i);
  }

  private output(child: Frame, name: string, file: string, range: Range): Value {
    const o = child.mod.outputs.get(name)!;
    const key = `${child.prefix}output.${name}`;
    if (this.localStack.has(key)) return unknown(`output \`${name}\` refers to itself`, file, range);
    this.localStack.add(key);
    try {
      return this.inFrame(child, () => this.eval(o.expr, o.file));
    } finally {
      this.localStack.delete(key);
    }
  }

  /** A resource as a value: one instance (a reference), or its instances as a list (count) or a map (for_each). */
  private resourceValue(frame: Frame, res: Resource, loc: Loc): Value {
    const inst = this.instances(frame, res);
    if (inst.mode === 'single' || inst.mode === 'unknown') return { t: 'ref', res: inst.list[0] ?? res, path: [], loc };
    const items: Value[] = inst.list.map((r) => ({ t: 'ref', res: r, path: [], loc }));
    if (inst.mode === 'count') return { t: 'tuple', items, loc };
    return { t: 'obj', fields: new Map(inst.list.map((r, i) => [String(r.key), items[i]!])), loc };
  }

  variable(name: string, file: string, range: Range): Value {
    const frame = this.baseOf(this.cur);
    if (frame !== this.rootFrame) return this.childVariable(frame, name, file, range);
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
      return v.t === 'null' ? nullVariable(`variable \`${name}\` is null (${decl.value.source})`, file, range) : v;
    } finally {
      this.localStack.delete(key);
    }
  }

  /** A child module's variable: the module call's argument (evaluated where the call is), else its default. */
  private childVariable(frame: Frame, name: string, file: string, range: Range): Value {
    const decl = frame.mod.variables.get(name);
    if (!decl) return unknown(`variable \`${name}\` is not declared in module ${frame.prefix.slice(0, -1)}`, file, range);
    const key = `${frame.prefix}var.${name}`;
    if (this.localStack.has(key)) return unknown(`variable \`${name}\` refers to itself`, file, range);
    this.localStack.add(key);
    try {
      const arg = frame.args?.get(name);
      const v = arg ? this.eval(arg.expr, arg.file) : decl.value ? this.inFrame(frame, () => this.eval(decl.value!.expr, decl.value!.file)) : undefined;
      if (!v) return unknown(`variable \`${name}\` of module ${frame.prefix.slice(0, -1)} has no default and the module call does not set it`, file, range);
      return v.t === 'null' ? nullVariable(`variable \`${name}\` of module ${frame.prefix.slice(0, -1)} is null`, file, range) : v;
    } finally {
      this.localStack.delete(key);
    }
  }

  private local(name: string, file: string, range: Range): Value {
    const frame = this.baseOf(this.cur);
    const l = frame.mod.locals.get(name);
    if (!l) return unknown(`no local value \`${name}\` in this module`, file, range);
    const key = `${frame.prefix}local.${name}`;
    if (this.localStack.has(key)) return unknown(`local \`${name}\` refers to itself`, file, range);
    this.localStack.add(key);
    try {
      return this.inFrame(frame, () => this.eval(l.expr, l.file));
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
        const f = a.range.file ?? res.file;
        let v = this.eval(a.expr, f);
        for (const k of path.slice(i + 1)) v = this.step(v, k, f, a.range);
        return v;
      }
      const nested = body.blocks.find((b) => b.type === path[i]);
      if (!nested) break;
      body = nested.body;
    }
    return { t: 'ref', res, path, loc };
  }

  // -- for expressions ---------------------------------------------------------------------------

  private forExpr(e: Extract<Expr, { k: 'for' }>, file: string, loc: Loc): Value {
    const coll = this.eval(e.coll, file);
    const pairs = entriesOf(coll);
    if (!pairs) return coll.t === 'unknown' ? coll : unknown(`a for expression needs a list, set or map, not a ${coll.t}`, file, e.coll.range);
    if (pairs.length > this.forBudget) return unknown(`for expressions over more than ${MAX_FOR_ITERATIONS} elements in all are not evaluated`, file, e.range);
    this.forBudget -= pairs.length;
    const outItems: Value[] = [];
    const outFields = new Map<string, Value>();
    const groups = new Map<string, Value[]>();
    for (const [k, v] of pairs.slice(0, MAX_INSTANCES * 10)) {
      const names = new Map(this.cur.names ?? []);
      names.set(e.valVar, v);
      if (e.keyVar) names.set(e.keyVar, k);
      const frame: Frame = { ...this.cur, base: this.baseOf(this.cur), names };
      const r = this.inFrame(frame, () => {
        if (e.cond) {
          const c = this.eval(e.cond, file);
          if (c.t === 'unknown') return c;
          if (c.t !== 'bool') return unknown('the `if` of a for expression is not a boolean', file, e.cond.range);
          if (!c.v) return undefined;
        }
        const value = this.eval(e.value, file);
        if (!e.key) return { value };
        return { key: this.eval(e.key, file), value };
      });
      if (r === undefined) continue;
      if ('t' in r) return r;
      if (r.key === undefined) outItems.push(r.value);
      else {
        const key = r.key;
        if (key.t === 'unknown') return key;
        if (key.t !== 'str' && key.t !== 'num' && key.t !== 'bool') return unknown('a for expression key is not a string', file, e.key!.range);
        const ks = String(key.v);
        if (e.group) groups.set(ks, [...(groups.get(ks) ?? []), r.value]);
        else outFields.set(ks, r.value);
      }
    }
    if (!e.key) return { t: 'tuple', items: outItems, loc };
    if (e.group) for (const [k, list] of groups) outFields.set(k, { t: 'tuple', items: list, loc });
    return { t: 'obj', fields: outFields, loc };
  }

  // -- instances: count, for_each, dynamic blocks, module calls ----------------------------------

  /**
   * The instances of a resource or data source in a module instance. `count`/`for_each` known: one per
   * index or key (`hcx_l2_extension.vlan["120"]`), none for 0 or empty (Terraform creates nothing);
   * unknown: one representative instance whose `count.index`/`each.*` are unknown. Every instance's
   * block is bound to its frame and has its dynamic blocks expanded.
   */
  instances(frame: Frame, res: Resource): Instances {
    const ck = `${frame.prefix}${res.config ?? res.addr}`;
    if (this.instanceCache.has(ck)) return this.instanceCache.get(ck) ?? { mode: 'unknown', list: [res] };
    this.instanceCache.set(ck, undefined); // a resource whose for_each refers to itself
    const addr = `${frame.prefix}${res.config ?? res.addr}`;
    const make = (names: Map<string, Value> | undefined, key?: string | number): Resource => {
      const f: Frame = names ? { ...frame, base: frame, names } : frame;
      const plain = f === this.rootFrame;
      const r: Resource = {
        ...res,
        addr: key === undefined ? addr : `${addr}[${typeof key === 'number' ? key : JSON.stringify(key)}]`,
        block: this.bindBlock(res.block, f, res.file, plain),
        provider: frame.providers?.get(res.provider) ?? frame.providers?.get(res.provider.split('.')[0]!) ?? res.provider,
      };
      if (key !== undefined) r.key = key;
      return r;
    };
    const meta = this.inFrame(frame, () => this.meta(res.block, res.file));
    let out: Instances;
    if (meta.mode === 'single') out = { mode: 'single', list: [make(undefined)] };
    else if (meta.mode === 'unknown') out = { mode: 'unknown', list: [make(meta.names)] };
    else out = { mode: meta.mode, list: meta.items.map((it) => make(it.names, it.key)) };
    this.instanceCache.set(ck, out);
    return out;
  }

  /** `count` / `for_each` of a resource or module block, evaluated in the current frame. */
  private meta(block: Block, file: string): Meta {
    const count = attr(block.body, 'count');
    const each = attr(block.body, 'for_each');
    if ((count || each) && this.budget <= 0) {
      const at = (count ?? each)!;
      const loc = { file: at.range.file ?? file, start: at.range.start, end: at.range.end };
      const u: Value = { t: 'unknown', reason: `the module tree has more than ${MAX_TOTAL_INSTANCES} instances, more than DCI Lint expands`, loc };
      const name = count ? 'count' : 'each';
      return {
        mode: 'unknown',
        names: new Map([
          [
            name,
            {
              t: 'obj',
              fields: new Map(
                count
                  ? [['index', u]]
                  : [
                      ['key', u],
                      ['value', u],
                    ],
              ),
              loc,
            },
          ],
        ]),
      };
    }
    const unknownNames = (name: 'count' | 'each', why: string, loc: Loc): Map<string, Value> => {
      const u: Value = { t: 'unknown', reason: `${name === 'count' ? 'count' : 'for_each'} is not known (${why})`, loc };
      return new Map([
        [
          name,
          {
            t: 'obj',
            fields: new Map(
              name === 'count'
                ? [['index', u]]
                : [
                    ['key', u],
                    ['value', u],
                  ],
            ),
            loc,
          },
        ],
      ]);
    };
    if (count) {
      const v = this.eval(count.expr, count.range.file ?? file);
      const loc = { file: count.range.file ?? file, start: count.range.start, end: count.range.end };
      const n = v.t === 'num' ? v.v : v.t === 'bool' ? Number(v.v) : NaN;
      if (!Number.isInteger(n) || n < 0) return { mode: 'unknown', names: unknownNames('count', v.t === 'unknown' ? v.reason : 'not a whole number', loc) };
      if (n > this.budget) return { mode: 'unknown', names: unknownNames('count', `${n} instances are more than DCI Lint expands`, loc) };
      this.budget -= n;
      const items = [];
      for (let i = 0; i < Math.min(n, MAX_INSTANCES); i++)
        items.push({ key: i, names: new Map<string, Value>([['count', { t: 'obj', fields: new Map([['index', { t: 'num', v: i, loc } as Value]]), loc }]]) });
      return { mode: 'count', items };
    }
    if (each) {
      const f = each.range.file ?? file;
      const v = this.eval(each.expr, f);
      const loc = { file: f, start: each.range.start, end: each.range.end };
      const pairs = v.t === 'obj' ? entriesOf(v) : v.t === 'tuple' ? v.items.map((x) => [x, x] as [Value, Value]) : undefined; // a set: key = value
      if (!pairs) return { mode: 'unknown', names: unknownNames('each', v.t === 'unknown' ? v.reason : `a ${v.t} is not a map or set`, loc) };
      if (pairs.length > this.budget) return { mode: 'unknown', names: unknownNames('each', `${pairs.length} instances are more than DCI Lint expands`, loc) };
      this.budget -= pairs.length;
      const items = [];
      const seen = new Set<string>();
      for (const [k, val] of pairs.slice(0, MAX_INSTANCES)) {
        if (k.t !== 'str' && k.t !== 'num' && k.t !== 'bool') return { mode: 'unknown', names: unknownNames('each', 'a key is not a string', loc) };
        const key = String(k.v);
        if (seen.has(key)) continue;
        seen.add(key);
        items.push({
          key,
          names: new Map<string, Value>([
            [
              'each',
              {
                t: 'obj',
                fields: new Map([
                  ['key', { t: 'str', v: key, loc: k.loc } as Value],
                  ['value', val],
                ]),
                loc,
              },
            ],
          ]),
        });
      }
      return { mode: 'each', items };
    }
    return { mode: 'single' };
  }

  /** A block whose expressions evaluate in `frame`, with `dynamic` blocks expanded into ordinary blocks. */
  bindBlock(b: Block, frame: Frame, file: string, plain: boolean): Block {
    const body = this.bindBody(b.body, frame, file, plain);
    return body === b.body ? b : { ...b, body };
  }

  private bindBody(body: Body, frame: Frame, file: string, plain: boolean): Body {
    if (plain && !hasDynamic(body, 0)) return body; // the root module's plain blocks stay as parsed
    const attributes = plain
      ? body.attributes
      : body.attributes.map((a) => ({ ...a, expr: { k: 'bind' as const, scope: frame, inner: a.expr, range: a.expr.range } }));
    const blocks: Block[] = [];
    for (const nb of body.blocks) {
      if (nb.type === 'dynamic') blocks.push(...this.expandDynamic(nb, frame, file));
      else blocks.push(this.bindBlock(nb, frame, file, plain));
    }
    return { attributes, blocks };
  }

  /**
   * `dynamic "x" { for_each = ...; iterator = it; content { ... } }` -> one `x` block per element, its
   * content evaluated with `it.key` / `it.value` (default iterator name: the label). A literal list item
   * is where the instance is written: its block points there (`listItem`, so a fix removes the item).
   */
  private expandDynamic(d: Block, frame: Frame, file: string): Block[] {
    const label = d.labels[0];
    const content = d.body.blocks.find((x) => x.type === 'content');
    if (!label || !content) return [];
    const itAttr = attr(d.body, 'iterator');
    const it = itAttr?.expr.k === 'var' ? itAttr.expr.name : label;
    const eachAttr = attr(d.body, 'for_each');
    if (!eachAttr) return [];
    const f = eachAttr.range.file ?? file;
    const v = this.inFrame(frame, () => this.eval(eachAttr.expr, f));
    const pairs =
      v.t === 'obj'
        ? entriesOf(v)
        : v.t === 'tuple'
          ? v.items.map((x, i) => [v.set ? x : ({ t: 'num', v: i, loc: x.loc } as Value), x] as [Value, Value])
          : undefined;
    const mk = (names: Map<string, Value>, range = d.range, listItem = false): Block => {
      const inner: Frame = { ...frame, base: this.baseOf(frame), names };
      const b: Block = { type: label, labels: [], header: d.header, range, body: this.bindBody(content.body, inner, file, false) };
      if (content.close !== undefined && !listItem) b.close = content.close;
      if (listItem) b.listItem = true;
      return b;
    };
    const withIt = (key: Value, value: Value) => {
      const names = new Map(frame.names ?? []);
      names.set(it, {
        t: 'obj',
        fields: new Map([
          ['key', key],
          ['value', value],
        ]),
        loc: value.loc,
      });
      return names;
    };
    if (!pairs) {
      // unknown: one block whose iterator is unknown (what it would enable is unknown, never guessed)
      const loc = { file: f, start: eachAttr.range.start, end: eachAttr.range.end };
      const u: Value = v.t === 'unknown' ? v : { t: 'unknown', reason: `the for_each of dynamic "${label}" is a ${v.t}, not a list or map`, loc };
      return [mk(withIt(u, u))];
    }
    if (pairs.length > this.budget) return [];
    this.budget -= pairs.length;
    const within = (x: Value) => x.loc.file === f && x.loc.start >= eachAttr.range.start && x.loc.end <= eachAttr.range.end && x.loc.end > x.loc.start;
    return pairs
      .slice(0, MAX_INSTANCES)
      .map(([k, x]) => (within(x) && x.t === 'str' ? mk(withIt(k, x), { start: x.loc.start, end: x.loc.end, file: x.loc.file }, true) : mk(withIt(k, x))));
  }

  /** The instances of a module call in a module instance: their frames, or why the module is not read. */
  callInstances(frame: Frame, call: ModuleCall): CallInstances {
    const ck = `${frame.prefix}module.${call.name}`;
    const cached = this.callCache.get(ck);
    if (cached) return cached;
    if (this.callCache.has(ck)) return { mode: 'single', frames: [], missing: 'it refers to itself' };
    this.callCache.set(ck, undefined);
    const out = this.buildCall(frame, call);
    this.callCache.set(ck, out);
    return out;
  }

  private buildCall(frame: Frame, call: ModuleCall): CallInstances {
    const fail = (missing: string): CallInstances => ({ mode: 'single', frames: [], missing });
    if (frame.depth >= MAX_MODULE_DEPTH) return fail(`modules nest deeper than ${MAX_MODULE_DEPTH} levels`);
    if (this.budget <= 0) return fail(`the module tree has more than ${MAX_TOTAL_INSTANCES} instances, more than DCI Lint expands`);
    this.budget--;
    const loaded = this.loader?.(call, frame);
    if (!loaded)
      return fail(
        call.source === undefined
          ? 'it has no literal `source`'
          : /^\.\.?[\\/]/.test(call.source)
            ? `its folder "${call.source}" is not there`
            : `its source "${call.source}" is not on disk (not a local folder, and not in .terraform/modules: run \`terraform init\`)`,
      );
    if (frame.dirs.includes(loaded.dir)) return fail(`it calls a module that calls it (${loaded.dir})`);
    const meta = this.inFrame(frame, () => this.meta(call.block, call.file));
    const providers = this.providerMap(frame, call);
    const make = (names: Map<string, Value> | undefined, key?: string | number): { key?: string | number; frame: Frame } => {
      const callerFrame: Frame = names ? { ...frame, base: frame, names } : frame;
      const args = new Map<string, { expr: Expr; file: string }>();
      for (const a of call.block.body.attributes) {
        if (META_ARGS.has(a.name)) continue;
        args.set(a.name, { expr: { k: 'bind', scope: callerFrame, inner: a.expr, range: a.expr.range }, file: a.range.file ?? call.file });
      }
      const suffix = key === undefined ? '' : `[${typeof key === 'number' ? key : JSON.stringify(key)}]`;
      const child: Frame = {
        mod: loaded.module,
        prefix: `${frame.prefix}module.${call.name}${suffix}.`,
        args,
        providers,
        depth: frame.depth + 1,
        dirs: [...frame.dirs, loaded.dir],
      };
      return key === undefined ? { frame: child } : { key, frame: child };
    };
    if (meta.mode === 'single') return { mode: 'single', frames: [make(undefined)] };
    if (meta.mode === 'unknown') return { mode: 'single', frames: [make(meta.names)] };
    return { mode: meta.mode, frames: meta.items.map((it) => make(it.names, it.key)) };
  }

  /** `providers = { hcx = hcx.ams }`, else the child inherits the caller's default configurations. */
  private providerMap(frame: Frame, call: ModuleCall): Map<string, string> {
    const out = new Map<string, string>();
    const p = attr(call.block.body, 'providers');
    const name = (e: Expr): string | undefined =>
      e.k === 'var'
        ? e.name
        : e.k === 'access' && e.base.k === 'var' && e.steps.length === 1 && e.steps[0]!.k === 'attr'
          ? `${e.base.name}.${e.steps[0]!.name}`
          : undefined;
    if (p?.expr.k === 'object') {
      for (const en of p.expr.entries) {
        const k = name(en.key);
        const v = name(en.value);
        if (k && v) out.set(k, frame.providers?.get(v) ?? v);
      }
    } else if (frame.providers) for (const [k, v] of frame.providers) out.set(k, v);
    return out;
  }

  /** Every resource instance of the module tree, and the module calls that could not be read. */
  expandAll(): Expanded {
    const out: Expanded = { resources: [], missing: [] };
    const reported = new Set<ModuleCall>();
    const visit = (frame: Frame) => {
      for (const res of frame.mod.resources.values()) for (const r of this.instances(frame, res).list) out.resources.push(r);
      for (const call of frame.mod.calls.values()) {
        const inst = this.callInstances(frame, call);
        // one finding per module block, however many instances of its caller there are
        if (inst.missing && !reported.has(call)) {
          reported.add(call);
          out.missing.push({ call, prefix: frame.prefix, reason: inst.missing });
        }
        for (const c of inst.frames) visit(c.frame);
      }
    };
    visit(this.rootFrame);
    return out;
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
      case 'keys':
      case 'values': {
        const [v] = vals();
        if (v?.t === 'obj') {
          const pairs = entriesOf(v)!;
          return { t: 'tuple', items: pairs.map((p) => (name === 'keys' ? p[0] : p[1])), loc };
        }
        return v?.t === 'unknown' ? v : { t: 'unknown', reason: `${name}() needs a map`, loc };
      }
      case 'length': {
        const [v] = vals();
        if (v?.t === 'tuple') return { t: 'num', v: v.items.length, loc };
        if (v?.t === 'obj') return { t: 'num', v: v.fields.size, loc };
        if (v?.t === 'str') return { t: 'num', v: [...v.v].length, loc };
        return v?.t === 'unknown' ? v : { t: 'unknown', reason: 'length() needs a list, map or string', loc };
      }
      case 'range': {
        const nums = vals();
        if (nums.some((x) => x.t === 'unknown')) return nums.find((x) => x.t === 'unknown')!;
        if (!nums.every((x) => x.t === 'num') || nums.length === 0 || nums.length > 3) return { t: 'unknown', reason: 'range() needs 1 to 3 numbers', loc };
        const n = nums.map((x) => (x as { v: number }).v);
        const [start, end, stepBy] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? (n[1]! >= n[0]! ? 1 : -1)];
        if (stepBy === 0 || Math.abs((end - start) / stepBy) > MAX_INSTANCES)
          return { t: 'unknown', reason: 'range() is empty-stepped or too long to evaluate', loc };
        const items: Value[] = [];
        for (let i = start; stepBy > 0 ? i < end : i > end; i += stepBy) items.push({ t: 'num', v: i, loc });
        return { t: 'tuple', items, loc };
      }
      case 'merge': {
        const fields = new Map<string, Value>();
        for (const v of vals()) {
          if (v.t === 'unknown') return v;
          if (v.t === 'null') continue;
          if (v.t !== 'obj') return { t: 'unknown', reason: 'merge() needs maps', loc };
          for (const [k, x] of v.fields) fields.set(k, x);
        }
        return { t: 'obj', fields, loc };
      }
      case 'zipmap': {
        const [ks, vs] = vals();
        if (ks?.t === 'tuple' && vs?.t === 'tuple' && ks.items.length === vs.items.length && ks.items.every((k) => k.t === 'str'))
          return { t: 'obj', fields: new Map(ks.items.map((k, i) => [(k as { v: string }).v, vs.items[i]!])), loc };
        return [ks, vs].find((x) => x?.t === 'unknown') ?? { t: 'unknown', reason: 'zipmap() needs a list of strings and a list of the same length', loc };
      }
      case 'index': {
        // index(list, value): the position of the first element equal to value (Terraform fails when none is)
        const [list, x] = vals();
        if (list?.t === 'tuple' && x && (x.t === 'str' || x.t === 'num' || x.t === 'bool')) {
          const i = list.items.findIndex((it) => (it.t === 'str' || it.t === 'num' || it.t === 'bool') && it.t === x.t && it.v === x.v);
          return i >= 0 ? { t: 'num', v: i, loc } : { t: 'unknown', reason: `index(): ${JSON.stringify(x.v)} is not in the list`, loc };
        }
        return [list, x].find((y) => y?.t === 'unknown') ?? { t: 'unknown', reason: 'index() needs a list and a value', loc };
      }
      case 'contains': {
        const [list, x] = vals();
        if (list?.t === 'tuple' && x && (x.t === 'str' || x.t === 'num' || x.t === 'bool'))
          return { t: 'bool', v: list.items.some((i) => (i.t === 'str' || i.t === 'num' || i.t === 'bool') && i.v === x.v), loc };
        return [list, x].find((y) => y?.t === 'unknown') ?? { t: 'unknown', reason: 'contains() needs a list and a value', loc };
      }
      case 'toset': {
        const [v] = vals();
        if (v?.t !== 'tuple') return v ?? { t: 'unknown', reason: 'toset() needs an argument', loc };
        const seen = new Set<string>();
        const items = v.items.filter((i) => {
          if (i.t !== 'str' && i.t !== 'num' && i.t !== 'bool') return true;
          const k = `${i.t}:${String(i.v)}`;
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        });
        return { t: 'tuple', items, loc: v.loc, set: true };
      }
      case 'tomap':
      case 'tolist':
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

interface Instances {
  mode: 'single' | 'unknown' | 'count' | 'each';
  list: Resource[];
}

interface CallInstances {
  mode: 'single' | 'count' | 'each';
  frames: Array<{ key?: string | number; frame: Frame }>;
  /** why the module is not read (not on disk, a loop) */
  missing?: string;
}

type Meta =
  | { mode: 'single' }
  | { mode: 'unknown'; names: Map<string, Value> }
  | { mode: 'count' | 'each'; items: Array<{ key: string | number; names: Map<string, Value> }> };

const META_ARGS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

function hasDynamic(body: Body, depth: number): boolean {
  return depth < 32 && body.blocks.some((b) => b.type === 'dynamic' || hasDynamic(b.body, depth + 1));
}

/** A collection's (key, value) pairs: a list by index, a map by key (sorted, as Terraform iterates maps). */
function entriesOf(v: Value): Array<[Value, Value]> | undefined {
  if (v.t === 'tuple') return v.items.map((x, i) => [{ t: 'num', v: i, loc: x.loc }, x]);
  if (v.t === 'obj')
    return [...v.fields.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k, x]) => [{ t: 'str', v: k, loc: x.loc }, x]);
  return undefined;
}

export function unknown(reason: string, file: string, range: Range): Value {
  return { t: 'unknown', reason, loc: { file, start: range.start, end: range.end } };
}

/** A variable whose value is null: unknown where a value is needed, omitted as an argument (Evaluator.attr). */
function nullVariable(reason: string, file: string, range: Range): Value {
  return { t: 'unknown', reason, loc: { file, start: range.start, end: range.end }, isNull: true };
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
