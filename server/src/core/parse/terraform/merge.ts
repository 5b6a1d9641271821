// Override files (`override.tf`, `*_override.tf`, and their `.tf.json` forms) merged into the primary
// blocks as Terraform documents it (developer.hashicorp.com/terraform/language/files/override):
// - an override block merges into the primary block of the same type and labels (a provider: the same
//   name and `alias`); `locals` merge value by value; override files apply in lexical order of their names;
// - each argument of the override replaces the argument of that name;
// - nested blocks of one type in the override replace ALL nested blocks of that type in the original,
//   `dynamic "x"` blocks counting as type `x` (so an override can add or remove a service of a mesh);
// - `lifecycle` (and `required_providers` of a `terraform` block) merge argument by argument;
// - an override block with no primary block is an error in Terraform: it is not read.
// What comes from an override file carries that file in its ranges (`Range.file`), so findings, hovers
// and fixes land in the override file.

import type { Attribute, Block, Body } from './ast';
import type { HclFile } from './hcl';

const MERGE_NESTED = new Set(['lifecycle', 'required_providers']);

export interface MergedBlock {
  block: Block;
  file: string;
}

export function mergeOverrides(primary: HclFile[], overrides: HclFile[]): MergedBlock[] {
  const out: MergedBlock[] = [];
  for (const f of primary) for (const b of f.body.blocks) out.push({ block: b, file: f.file });
  if (overrides.length === 0) return out;
  for (const f of overrides) {
    tagFile(f.body, f.file);
    for (const ob of f.body.blocks) {
      if (ob.type === 'locals') {
        const names = new Set(ob.body.attributes.map((a) => a.name));
        for (const m of out) {
          if (m.block.type !== 'locals' || !m.block.body.attributes.some((a) => names.has(a.name))) continue;
          m.block = {
            ...m.block,
            body: mergeBody(m.block.body, { attributes: ob.body.attributes.filter((a) => m.block.body.attributes.some((x) => x.name === a.name)), blocks: [] }),
          };
        }
        continue;
      }
      const target = out.find((m) => sameBlock(m.block, ob));
      if (target) target.block = { ...target.block, body: mergeBody(target.block.body, ob.body) };
    }
  }
  return out;
}

function identity(b: Block): string {
  if (b.type === 'provider') {
    const alias = b.body.attributes.find((a) => a.name === 'alias');
    const v = alias?.expr.k === 'lit' ? String(alias.expr.value) : '';
    return `provider ${b.labels[0] ?? ''} ${v}`;
  }
  return `${b.type} ${b.labels.join(' ')}`;
}

function sameBlock(a: Block, b: Block): boolean {
  return a.type === b.type && identity(a) === identity(b);
}

function nestedType(b: Block): string {
  return b.type === 'dynamic' ? (b.labels[0] ?? '') : b.type;
}

export function mergeBody(base: Body, over: Body): Body {
  const attributes: Attribute[] = base.attributes.map((a) => over.attributes.find((o) => o.name === a.name) ?? a);
  for (const o of over.attributes) if (!base.attributes.some((a) => a.name === o.name)) attributes.push(o);
  const overTypes = new Set(over.blocks.map(nestedType));
  const blocks: Block[] = [];
  for (const b of base.blocks) {
    const t = nestedType(b);
    if (!overTypes.has(t)) blocks.push(b);
    else if (MERGE_NESTED.has(t) && b.type !== 'dynamic') {
      const o = over.blocks.find((x) => x.type === t);
      blocks.push({ ...b, body: mergeBody(b.body, o!.body) });
      overTypes.delete(t); // merged, not replaced
    }
  }
  for (const o of over.blocks) if (overTypes.has(nestedType(o))) blocks.push(o);
  return { attributes, blocks };
}

/** Marks every range under `node` as being in `file` (idempotent: a file's nodes are always in that file). */
function tagFile(node: unknown, file: string): void {
  const stack: unknown[] = [node];
  while (stack.length) {
    const n = stack.pop();
    if (Array.isArray(n)) {
      for (const x of n) if (x && typeof x === 'object') stack.push(x);
      continue;
    }
    if (!n || typeof n !== 'object') continue;
    const o = n as Record<string, unknown>;
    if (typeof o['start'] === 'number' && typeof o['end'] === 'number' && Object.keys(o).length <= 3) {
      o['file'] = file;
      continue;
    }
    for (const k in o) {
      const v = o[k];
      if (v && typeof v === 'object') stack.push(v);
    }
  }
}
