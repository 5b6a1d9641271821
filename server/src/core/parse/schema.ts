// JSON Schema validation (ajv, draft 2020-12) of topology documents and `.dci-lint.yaml`.
// Errors come back as paths into the document; the YAML layer maps them to node ranges.

// The validators are compiled at build time (ajv standalone code, scripts/schema-validators.mjs, with the
// options allErrors, strict: false, allowUnionTypes): no schema is compiled at run time.
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as compiled from 'dci-lint:schema-validators';

export interface SchemaError {
  path: string[];
  message: string;
  severity: 'error' | 'warning';
  /** point at this key of the object at `path` (unknown keys) */
  pointAtKey?: string;
  /** point at the key that holds the node at `path` (missing keys) */
  atKey?: boolean;
}

export function validateTopology(data: unknown): SchemaError[] {
  return run(compiled.topology, data);
}

export type TopologyPart = 'site' | 'link' | 'segment' | 'cluster' | 'migration' | 'replication' | 'user' | 'service';
const partValidators: Record<TopologyPart, ValidateFunction> = {
  site: compiled.part_site,
  link: compiled.part_link,
  segment: compiled.part_segment,
  cluster: compiled.part_cluster,
  migration: compiled.part_migration,
  replication: compiled.part_replication,
  user: compiled.part_user,
  service: compiled.part_service,
};

/** Raw errors of one part of a topology (a site, a list item) against its definition in the schema (`$defs/<part>`). */
export function validateTopologyPartRaw(part: TopologyPart, data: unknown): ErrorObject[] {
  const v = partValidators[part];
  return v(data) ? [] : [...(v.errors ?? [])];
}

/** Readable errors from raw ones, paths relative to the part; messages name the full path (`prefix`). */
export function simplifySchemaErrors(errors: ErrorObject[], prefix: string[]): SchemaError[] {
  return simplify(errors, prefix);
}

export function validateConfig(data: unknown): SchemaError[] {
  return run(compiled.config, data);
}

function run(validate: ValidateFunction, data: unknown): SchemaError[] {
  if (validate(data)) return [];
  return simplify(validate.errors ?? []);
}

function decode(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function where(path: string[]): string {
  if (path.length === 0) return 'The document';
  return `\`${path.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')}\``;
}

/** One readable error per problem: drop the noise of oneOf branches, keep the most specific. */
function simplify(errors: ErrorObject[], prefix: string[] = []): SchemaError[] {
  const out: SchemaError[] = [];
  const seen = new Set<string>();
  const specific = new Set(errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf').map((e) => e.instancePath));
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  // The branches of a oneOf each say "must be <type>": keep them only when nothing deeper is wrong, as one message.
  const deeper = (p: string) => errors.some((e) => e.instancePath.startsWith(`${p}/`));
  const branchTypes = new Map<string, string[]>();
  for (const e of errors)
    if (e.keyword === 'type' && oneOfPaths.has(e.instancePath)) {
      const list = branchTypes.get(e.instancePath) ?? [];
      list.push(String((e.params as { type: string }).type));
      branchTypes.set(e.instancePath, list);
    }
  for (const e of errors) {
    const path = decode(e.instancePath);
    const full = prefix.length ? [...prefix, ...path] : path;
    let item: SchemaError;
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String((e.params as { additionalProperty: string }).additionalProperty);
        item = {
          path,
          pointAtKey: key,
          severity: 'warning',
          message: `Unknown key \`${abbreviated(key)}\` in ${where(full).replace('The document', 'the document')}; it is ignored.`,
        };
        break;
      }
      case 'required': {
        const key = String((e.params as { missingProperty: string }).missingProperty);
        const siteNeedsPlace = full.length === 2 && full[0] === 'sites' && (key === 'location' || key === 'region');
        const userNeedsPlace = full.length === 2 && full[0] === 'users' && (key === 'location' || key === 'region');
        item = {
          path,
          atKey: true,
          severity: 'error',
          message: siteNeedsPlace
            ? `Site \`${full[1]}\` needs exactly one of \`location\` or \`region\`.`
            : userNeedsPlace
              ? `User group ${where(full)} needs exactly one of \`location\` or \`region\`.`
              : `${where(full)} needs \`${key}\`.`,
        };
        break;
      }
      case 'enum':
        item = {
          path,
          severity: 'error',
          message: `${where(full)} must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => `\`${String(v)}\``).join(', ')}.`,
        };
        break;
      case 'type':
        if (branchTypes.has(e.instancePath)) {
          if (deeper(e.instancePath)) continue;
          item = { path, severity: 'error', message: `${where(full)} must be ${branchTypes.get(e.instancePath)!.join(' or ')}.` };
          break;
        }
        item = { path, severity: 'error', message: `${where(full)} must be ${String((e.params as { type: string }).type).replace(',', ' or ')}.` };
        break;
      case 'if':
        // The branch it selected says what is wrong ("needs `mode`"); "must match else schema" adds nothing.
        continue;
      case 'oneOf':
        // Only report the oneOf itself when no branch said something more specific about this node.
        if (specific.has(e.instancePath)) continue;
        item = {
          path,
          severity: 'error',
          message:
            full.length === 2 && full[0] === 'sites'
              ? `Site \`${full[1]}\` has both \`location\` and \`region\`: give one (or neither, to place it from its name).`
              : full.length === 2 && full[0] === 'users'
                ? `User group ${where(full)} needs exactly one of \`location\` or \`region\`.`
                : `${where(full)} ${e.message ?? 'is invalid'}.`,
        };
        break;
      default:
        item = { path, severity: 'error', message: `${where(full)} ${e.message ?? 'is invalid'}.` };
    }
    const key = `${item.path.join('/')}|${item.pointAtKey ?? ''}|${item.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/**
 * A key as a message quotes it: at most 60 characters, on one line. A list pasted where a key was expected
 * is a key too, written out whole by the YAML library (55,000 characters of a 500-site design's links).
 */
function abbreviated(key: string): string {
  const line = key.replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
