// The JSON Schema of `.dci-lint.yaml`, generated from the rule metadata: each rule's options with their
// type, unit, bounds, default and source. `node scripts/config-schema.mjs` writes it to
// schemas/config.schema.json; test/unit/config.test.mjs keeps the file and the code in sync.

import { provenanceLabel } from './limits';
import { RULES } from './rules';

const LEVEL = { $ref: '#/$defs/level' };

/** The configuration schema (draft 2020-12) as a plain object. */
export function configSchema(): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const rule of RULES) {
    const properties: Record<string, unknown> = { severity: LEVEL };
    for (const [key, o] of Object.entries(rule.meta.options)) {
      const unit = o.unit === 'count' || o.unit === 'factor' ? '' : ` (${o.unit})`;
      properties[key] = {
        type: o.type,
        minimum: o.minimum,
        maximum: o.maximum,
        default: o.default,
        description: `${o.description}${unit}. Default ${o.default}, ${provenanceLabel(o.provenance)}: ${o.source}`,
      };
    }
    rules[rule.meta.id] = {
      description: `${rule.meta.summary} See docs/rules/${rule.meta.id}.md.`,
      oneOf: [LEVEL, { type: 'object', properties, additionalProperties: false }],
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://dci-lint.dev/schemas/config.schema.json',
    title: 'DCI Lint configuration (.dci-lint.yaml)',
    description: 'Generated from the rule metadata by scripts/config-schema.mjs: do not edit by hand.',
    type: 'object',
    properties: {
      rules: {
        type: 'object',
        description: "Per rule: a severity, or an object with `severity` and the rule's options (see docs/rules/<id>.md).",
        properties: rules,
        additionalProperties: {
          oneOf: [LEVEL, { type: 'object', properties: { severity: LEVEL }, additionalProperties: { type: ['number', 'string', 'boolean'] } }],
        },
      },
      assumptions: {
        type: 'object',
        description: "Figures of the RTT model, as in a topology's `assumptions`.",
        properties: {
          fiber_route_factor: { type: 'number', minimum: 1, maximum: 10 },
          equipment_ms: { type: 'number', minimum: 0, maximum: 1000 },
          fiber_index: { type: 'number', minimum: 1, maximum: 2 },
          cloud_route_factor: { type: 'number', minimum: 1, maximum: 10 },
          cloud_overhead_ms: { type: 'number', minimum: 0, maximum: 1000 },
        },
        additionalProperties: false,
      },
      files: {
        type: 'array',
        description: 'Extra glob patterns of topology files (besides *.dci.yaml and documents with `dci: 1`).',
        items: { type: 'string' },
      },
      max_file_bytes: { type: 'integer', minimum: 1024, description: 'Files above this size are not analysed (default 2,000,000 bytes).' },
      placement: {
        type: 'object',
        description: 'How sites are placed by name (docs/places.md).',
        properties: {
          infer_from_names: {
            type: 'boolean',
            description:
              'Place a site with neither coordinates nor a region from a city name or IATA code in its id or name (inferred: an info finding, and findings that depend on it are at most warnings). Default true.',
          },
        },
        additionalProperties: false,
      },
      places: {
        type: 'object',
        description:
          'Names pinned to places, for YAML and Terraform alike: a site id or name, or a place string used in `location:`, -> a place string ("Milan, IT") or [lat, lon]. Wins over the gazetteer and over inference.',
        additionalProperties: {
          oneOf: [
            { type: 'string', minLength: 1 },
            { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
          ],
        },
      },
    },
    additionalProperties: false,
    $defs: { level: { enum: ['off', 'hint', 'info', 'warning', 'error'] } },
  };
}

/**
 * Every rule option as a markdown table (rule, option, default, unit, provenance, what it says and whose
 * claim it is): the table of docs/physics-and-limits.md.
 */
export function limitsTable(): string {
  const lines = ['| rule | option | default | unit | provenance | source |', '|---|---|---|---|---|---|'];
  for (const rule of RULES)
    for (const [key, o] of Object.entries(rule.meta.options)) {
      const unit = o.unit === 'count' || o.unit === 'factor' ? '' : o.unit;
      lines.push(
        `| [\`${rule.meta.id}\`](rules/${rule.meta.id}.md) | \`${key}\` | ${o.default} | ${unit} | **${provenanceLabel(o.provenance)}** | ${o.source} |`,
      );
    }
  return lines.join('\n');
}
