// A Terraform plan as `terraform show -json` writes it (developer.hashicorp.com/terraform/internals/json-format)
// -> the same Module the extractor reads, so a plan is linted by the same code as the configuration.
//
// - Resources are the instances of `planned_values` (root_module and child_modules, nested), with their
//   full addresses (`module.mesh.hcx_l2_extension.vlan["120"]`) and `values`: every value Terraform
//   knows at plan time, variables, count, for_each and modules already resolved.
// - What is only known after apply (an `hcx_vmc`'s `cloud_url`, a `site_pairing` object) is not in
//   `values`; the `configuration` section's `references` say what it refers to (`hcx_site_pairing.p`,
//   `each.value` through the resource's `for_each_expression`, `var.x` through the module call,
//   `module.x.out` through the child's outputs), which becomes a reference to that resource instance.
// - Provider configurations come from `configuration.provider_config` (`expressions`, `full_name`).
// - Locations: when the configuration is given (the `.tf` files beside the plan), each resource points at
//   its block there, each value at its argument (a nested block at the same-numbered block of its type);
//   otherwise at the resource's object in the plan JSON.

import { parseTree, findNodeAtLocation, type Node as JsonNode } from 'jsonc-parser/lib/esm/main.js';
import type { Loc } from '../../design';
import type { Attribute, Block, Body, Range } from './ast';
import { attr, blocks } from './ast';
import type { HclFile } from './hcl';
import type { Value } from './eval';
import { buildModule, type Module, type Resource } from './module';

export interface PlanInput {
  file: string;
  text: string;
  /** the parsed configuration beside the plan: root module files, and child module files by module address (`module.mesh`) */
  configuration?: { root: HclFile[]; modules: Map<string, HclFile[]> };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface PlanResource {
  json: Obj;
  node: JsonNode | undefined;
  /** `module.a.module.b` or `` */
  modulePath: string;
  res: Resource;
}

/** Builds the module; `undefined` (with a reason) when the text is no plan. */
export function planModule(input: PlanInput): { module: Module; resources: Resource[] } | { error: string } {
  let plan: Json;
  try {
    plan = JSON.parse(input.text) as Json;
  } catch (e) {
    return { error: `the plan is not JSON: ${(e as Error).message}` };
  }
  if (!isObj(plan) || !isObj(plan['planned_values']))
    return { error: 'the file has no `planned_values`: it is not the output of `terraform show -json PLANFILE`' };
  const tree = parseTree(input.text);
  const m = buildModule([]);
  const file = input.file;
  const all: PlanResource[] = [];
  const cfgRoot = isObj(plan['configuration']) ? plan['configuration'] : {};

  // -- resources of planned_values, with their JSON nodes ---------------------------------------
  const walk = (mod: Json | undefined, path: (string | number)[], modulePath: string) => {
    if (!isObj(mod)) return;
    const rs = Array.isArray(mod['resources']) ? mod['resources'] : [];
    rs.forEach((r, i) => {
      if (!isObj(r) || typeof r['address'] !== 'string' || typeof r['type'] !== 'string' || typeof r['name'] !== 'string') return;
      const node = tree ? findNodeAtLocation(tree, [...path, 'resources', i]) : undefined;
      const mode = r['mode'] === 'data' ? 'data' : 'managed';
      const type = r['type'];
      const local = `${mode === 'data' ? 'data.' : ''}${type}.${r['name']}`;
      const cfg = configResource(cfgRoot, modulePath, local);
      const pk = cfg && typeof cfg['provider_config_key'] === 'string' ? cfg['provider_config_key'].replace(/^.*:/, '') : type.split('_')[0]!;
      const where = locate(input, modulePath, mode, type, r['name'], node, file);
      const res: Resource = { addr: r['address'], mode, type, name: r['name'], block: where.block, file: where.file, provider: pk, config: local };
      const index = r['index'];
      if (typeof index === 'string' || typeof index === 'number') res.key = index;
      all.push({ json: r, node, modulePath, res });
    });
    const children = Array.isArray(mod['child_modules']) ? mod['child_modules'] : [];
    children.forEach((c, i) => {
      if (isObj(c) && typeof c['address'] === 'string') walk(c, [...path, 'child_modules', i], c['address']);
    });
  };
  walk(isObj(plan['planned_values']) ? plan['planned_values']['root_module'] : undefined, ['planned_values', 'root_module'], '');

  const byAddr = new Map(all.map((p) => [p.res.addr, p]));
  const variables = isObj(plan['variables']) ? plan['variables'] : {};

  // -- values (and references for what is unknown) -> the bodies of the blocks --------------------
  for (const p of all) {
    const values = isObj(p.json['values']) ? p.json['values'] : {};
    const valuesNode = p.node ? findNodeAtLocation(p.node, ['values']) : undefined;
    const cfg = configResource(cfgRoot, p.modulePath, p.res.config!);
    const exprs = cfg && isObj(cfg['expressions']) ? cfg['expressions'] : {};
    const ctx: RefContext = { cfgRoot, modulePath: p.modulePath, key: p.res.key, forEach: cfg?.['for_each_expression'], byAddr, variables };
    const body = bodyOf(values, valuesNode, exprs, p.res.block.body, p.res.block.header, p.res.file, file, ctx, 0);
    p.res.block = { ...p.res.block, body };
    m.resources.set(p.res.addr, p.res);
    const list = m.byType.get(p.res.type) ?? [];
    list.push(p.res);
    m.byType.set(p.res.type, list);
  }

  // -- provider configurations ---------------------------------------------------------------------
  const pc = isObj(cfgRoot['provider_config']) ? cfgRoot['provider_config'] : {};
  for (const [key, v] of Object.entries(pc)) {
    if (!isObj(v) || key.includes(':')) continue; // module-local configurations: legacy
    const name = typeof v['name'] === 'string' ? v['name'] : key.split('.')[0]!;
    if (typeof v['full_name'] === 'string') m.sources.set(name, v['full_name']);
    const node = tree ? findNodeAtLocation(tree, ['configuration', 'provider_config', key]) : undefined;
    const range: Range = node ? { start: node.offset, end: node.offset + node.length } : { start: 0, end: 0 };
    const attributes: Attribute[] = [];
    const ex = isObj(v['expressions']) ? v['expressions'] : {};
    for (const [an, e] of Object.entries(ex)) {
      const val = isObj(e) && 'constant_value' in e ? e['constant_value'] : isObj(e) ? resolveVarRef(e, variables) : undefined;
      if (val === undefined) continue;
      const at = node ? findNodeAtLocation(node, ['expressions', an]) : undefined;
      const r: Range = at ? { start: at.offset, end: at.offset + at.length } : range;
      attributes.push({ name: an, nameRange: r, range: r, expr: { k: 'value', value: toValue(val, { file, start: r.start, end: r.end }), range: r } });
    }
    const alias = typeof v['alias'] === 'string' ? v['alias'] : undefined;
    const k = alias ? `${name}.${alias}` : name;
    m.providers.set(k, { key: k, file, block: { type: 'provider', labels: [name], header: range, range, body: { attributes, blocks: [] } } });
  }
  return { module: m, resources: all.map((p) => p.res) };
}

/** A root variable named by `references: ["var.x"]`, from the plan's `variables`. */
function resolveVarRef(e: Obj, variables: Obj): Json | undefined {
  const refs = Array.isArray(e['references']) ? e['references'] : [];
  const v = refs.find((r): r is string => typeof r === 'string' && r.startsWith('var.'));
  const entry = v ? variables[v.slice(4)] : undefined;
  return isObj(entry) ? entry['value'] : undefined;
}

/** The configuration of a resource: `configuration.root_module` and `module_calls.x.module`, by module path. */
function configResource(cfgRoot: Obj, modulePath: string, local: string): Obj | undefined {
  const mod = configModule(cfgRoot, modulePath);
  const rs = mod && Array.isArray(mod['resources']) ? mod['resources'] : [];
  return rs.find((r): r is Obj => isObj(r) && r['address'] === local);
}

function configModule(cfgRoot: Obj, modulePath: string): Obj | undefined {
  let mod: Json | undefined = cfgRoot['root_module'];
  for (const name of callNames(modulePath)) {
    const calls: Json | undefined = isObj(mod) ? mod['module_calls'] : undefined;
    const call: Json | undefined = isObj(calls) ? calls[name] : undefined;
    mod = isObj(call) ? call['module'] : undefined;
  }
  return isObj(mod) ? mod : undefined;
}

/** `module.a["k"].module.b` -> [a, b] */
function callNames(modulePath: string): string[] {
  return [...modulePath.matchAll(/module\.([\w-]+)(?:\[[^\]]*\])?/g)].map((x) => x[1]!);
}

interface RefContext {
  cfgRoot: Obj;
  modulePath: string;
  key: string | number | undefined;
  forEach: Json | undefined;
  byAddr: Map<string, PlanResource>;
  variables: Obj;
}

/**
 * The resource instance (and attribute path) an unknown value refers to, following `each.value`,
 * `var.x` (module call arguments), `module.x.out` (outputs) up to 8 steps.
 */
function resolveRefs(refs: Json | undefined, ctx: RefContext, depth = 0): { res: Resource; path: string[] } | undefined {
  if (!Array.isArray(refs) || depth > 8) return undefined;
  for (const ref of refs) {
    if (typeof ref !== 'string') continue;
    const parts = splitRef(ref);
    if (parts.length === 0) continue;
    const [head] = parts;
    if (head === 'each') {
      const fe = isObj(ctx.forEach) ? ctx.forEach['references'] : undefined;
      const target = resolveRefs(fe, { ...ctx, key: undefined }, depth + 1);
      if (!target) continue;
      const inst = instanceOf(ctx.byAddr, target.res.addr.replace(/\[[^\]]*\]$/, ''), ctx.key);
      if (inst) return { res: inst, path: parts.slice(2).filter((x): x is string => typeof x === 'string') };
      continue;
    }
    if (head === 'var') {
      const name = parts[1];
      const names = callNames(ctx.modulePath);
      if (typeof name !== 'string' || names.length === 0) continue;
      const parentPath = ctx.modulePath.replace(/\.?module\.[\w-]+(\[[^\]]*\])?$/, '');
      const parent = configModule(ctx.cfgRoot, parentPath);
      const calls = parent?.['module_calls'];
      const call = isObj(calls) ? calls[names[names.length - 1]!] : undefined;
      const ex = isObj(call) && isObj(call['expressions']) ? call['expressions'][name] : undefined;
      const key = /\[("?)([^\]]*)\1\]$/.exec(ctx.modulePath)?.[2];
      const r = resolveRefs(
        isObj(ex) ? ex['references'] : undefined,
        { ...ctx, modulePath: parentPath, key: key ?? undefined, forEach: isObj(call) ? call['for_each_expression'] : undefined },
        depth + 1,
      );
      if (r) return r;
      continue;
    }
    if (head === 'module') {
      const [, name, out] = parts;
      const mod = configModule(ctx.cfgRoot, ctx.modulePath);
      const calls = mod?.['module_calls'];
      const call = isObj(calls) && typeof name === 'string' ? calls[name] : undefined;
      const outs = isObj(call) && isObj(call['module']) ? call['module']['outputs'] : undefined;
      const o = isObj(outs) && typeof out === 'string' ? outs[out] : undefined;
      const expr = isObj(o) ? o['expression'] : undefined;
      const childPath = `${ctx.modulePath ? `${ctx.modulePath}.` : ''}module.${String(name)}`;
      const r = resolveRefs(isObj(expr) ? expr['references'] : undefined, { ...ctx, modulePath: childPath, forEach: undefined }, depth + 1);
      if (r) return r;
      continue;
    }
    if (head === 'local' || head === 'count' || head === 'path' || head === 'self' || head === 'terraform') continue;
    // a resource: type.name[key].attr...
    const isData = head === 'data';
    const base = isData ? `data.${String(parts[1])}.${String(parts[2])}` : `${String(parts[0])}.${String(parts[1])}`;
    let rest = parts.slice(isData ? 3 : 2);
    let key: string | number | undefined;
    if (rest.length > 0 && typeof rest[0] !== 'string') {
      key = (rest[0] as { key: string | number }).key;
      rest = rest.slice(1);
    }
    const full = `${ctx.modulePath ? `${ctx.modulePath}.` : ''}${base}`;
    const inst = instanceOf(ctx.byAddr, full, key);
    if (inst) return { res: inst, path: rest.filter((x): x is string => typeof x === 'string') };
  }
  return undefined;
}

function instanceOf(byAddr: Map<string, PlanResource>, base: string, key: string | number | undefined): Resource | undefined {
  if (key === undefined) return byAddr.get(base)?.res;
  return byAddr.get(`${base}[${typeof key === 'number' ? key : JSON.stringify(key)}]`)?.res;
}

/** `hcx_site_pairing.p["syd"].id` -> ['hcx_site_pairing', 'p', {key: 'syd'}, 'id'] */
function splitRef(ref: string): Array<string | { key: string | number }> {
  const out: Array<string | { key: string | number }> = [];
  const re = /([A-Za-z_][\w-]*)|\[(?:"((?:[^"\\]|\\.)*)"|(\d+))\]/g;
  for (const m of ref.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push({ key: m[2] });
    else if (m[3] !== undefined) out.push({ key: Number(m[3]) });
  }
  return out;
}

/** A body from planned values; locations from the configuration block when there is one, else from the plan JSON. */
function bodyOf(
  values: Obj,
  node: JsonNode | undefined,
  exprs: Obj,
  cfgBody: Body,
  header: Range,
  cfgFile: string,
  planFile: string,
  ctx: RefContext,
  depth: number,
): Body {
  const body: Body = { attributes: [], blocks: [] };
  if (depth > 32) return body;
  const fromConfig = cfgFile !== planFile;
  const names = new Set([...Object.keys(values), ...Object.keys(exprs)]);
  for (const name of names) {
    const v = values[name];
    const vNode = node ? findNodeAtLocation(node, [name]) : undefined;
    const cfgAttr = fromConfig ? attr(cfgBody, name) : undefined;
    const cfgBlocks = fromConfig ? [...blocks(cfgBody, name), ...cfgBody.blocks.filter((b) => b.type === 'dynamic' && b.labels[0] === name)] : [];
    // In the configuration: the argument, else its first block, else the block header; else the plan JSON.
    const range: Range = fromConfig
      ? { ...(cfgAttr?.range ?? cfgBlocks[0]?.range ?? header), file: cfgFile }
      : vNode
        ? { start: vNode.offset, end: vNode.offset + vNode.length, file: planFile }
        : { ...header, file: planFile };
    const loc: Loc = { file: range.file!, start: range.start, end: range.end };
    const ex = exprs[name];
    let value: Value | undefined;
    if (v === undefined || v === null) {
      // unknown at plan time, or null (not set): what the configuration refers to, if anything
      const target = isObj(ex) ? resolveRefs(ex['references'], ctx) : undefined;
      if (target) value = { t: 'ref', res: target.res, path: target.path, loc };
      else if (v === null || !isObj(ex)) continue;
      else value = { t: 'unknown', reason: `\`${name}\` is only known after apply`, loc };
    } else {
      const exprLoc: Loc = cfgAttr ? { file: cfgFile, start: cfgAttr.expr.range.start, end: cfgAttr.expr.range.end } : loc;
      value = toValue(v, exprLoc);
    }
    const exprRange: Range = { ...range };
    body.attributes.push({ name, nameRange: range, range, expr: { k: 'value', value, range: exprRange } });
    // nested blocks: a list of objects (or one object)
    const items = Array.isArray(v) ? v : isObj(v) ? [v] : [];
    if (items.length > 0 && items.every(isObj)) {
      items.forEach((item, i) => {
        const itemNode = vNode ? (Array.isArray(v) ? findNodeAtLocation(vNode, [i]) : vNode) : undefined;
        const cb = cfgBlocks.length === items.length ? cfgBlocks[i] : cfgBlocks.length === 1 ? cfgBlocks[0] : undefined;
        const exItems = Array.isArray(ex) ? ex : [];
        const subEx = isObj(exItems[i]) ? (exItems[i] as Obj) : {};
        const r: Range = cb
          ? { ...cb.range, file: cfgFile }
          : itemNode
            ? { start: itemNode.offset, end: itemNode.offset + itemNode.length, file: planFile }
            : { ...range };
        const inner = bodyOf(
          item as Obj,
          itemNode,
          subEx,
          cb?.body ?? { attributes: [], blocks: [] },
          cb ? cb.header : r,
          cb ? cfgFile : planFile,
          planFile,
          ctx,
          depth + 1,
        );
        const b: Block = { type: name, labels: [], header: cb ? { ...cb.header, file: cfgFile } : r, range: r, body: inner };
        body.blocks.push(b);
      });
    }
  }
  return body;
}

function toValue(v: Json, loc: Loc): Value {
  if (v === null) return { t: 'null', loc };
  if (typeof v === 'string') return { t: 'str', v, loc };
  if (typeof v === 'number') return { t: 'num', v, loc };
  if (typeof v === 'boolean') return { t: 'bool', v, loc };
  if (Array.isArray(v)) return { t: 'tuple', items: v.map((x) => toValue(x, loc)), loc };
  return { t: 'obj', fields: new Map(Object.entries(v).map(([k, x]) => [k, toValue(x, loc)])), loc };
}

/** The block of a resource in the configuration beside the plan, else its object in the plan JSON. */
function locate(
  input: PlanInput,
  modulePath: string,
  mode: 'managed' | 'data',
  type: string,
  name: string,
  node: JsonNode | undefined,
  planFile: string,
): { block: Block; file: string } {
  const files = modulePath === '' ? input.configuration?.root : input.configuration?.modules.get(modulePath.replace(/\[[^\]]*\]/g, ''));
  for (const f of files ?? []) {
    const b = f.body.blocks.find((x) => x.type === (mode === 'data' ? 'data' : 'resource') && x.labels[0] === type && x.labels[1] === name);
    if (b) return { block: { ...b, body: b.body }, file: f.file };
  }
  const r: Range = node ? { start: node.offset, end: node.offset + node.length } : { start: 0, end: 0 };
  const addrNode = node ? findNodeAtLocation(node, ['address']) : undefined;
  const header: Range = addrNode ? { start: addrNode.offset, end: addrNode.offset + addrNode.length } : r;
  return {
    block: { type: mode === 'data' ? 'data' : 'resource', labels: [type, name], header, range: r, body: { attributes: [], blocks: [] } },
    file: planFile,
  };
}
