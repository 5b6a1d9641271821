// `.dci-lint.yaml`: per-rule severities and thresholds, model assumptions, extra file globs.
// Pure: the caller finds and reads the file; this parses and validates its text.

import { isMap, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import type { Assumptions, Finding, Loc, Severity } from './design';
import { validateConfig } from './parse/schema';
import { duplicateKeys, errorLoc, findEntry, nodeAtPath, nodeLoc, YAML_OPTIONS } from './parse/yaml';
import { RULES_BY_ID } from './rules';
import { nearest } from './suggest';
import type { OptionValue, RuleOption } from './rules/types';
import { DEFAULT_PLACEMENT, type PinnedPlace, type PlacementConfig } from './placement';
import { lookupPlace, placeKey, placeString } from './geo/gazetteer';
import { validLatLon } from './geo/geodesic';

export type Level = Severity | 'off';
export const LEVELS: readonly Level[] = ['off', 'hint', 'info', 'warning', 'error'];

export interface RuleConfig {
  severity?: Level;
  options: Record<string, OptionValue>;
}

export interface Config {
  file?: string;
  rules: Record<string, RuleConfig>;
  assumptions: Partial<Assumptions>;
  files: string[];
  maxFileBytes: number;
  /** `placement:` and `places:` (docs/places.md) */
  placement: PlacementConfig;
}

export const DEFAULT_MAX_FILE_BYTES = 2_000_000;

export function defaultConfig(): Config {
  return { rules: {}, assumptions: {}, files: [], maxFileBytes: DEFAULT_MAX_FILE_BYTES, placement: DEFAULT_PLACEMENT };
}

const ASSUMPTION_KEYS: Record<string, keyof Assumptions> = {
  fiber_route_factor: 'fiberRouteFactor',
  equipment_ms: 'equipmentMs',
  fiber_index: 'fiberIndex',
  cloud_route_factor: 'cloudRouteFactor',
  cloud_overhead_ms: 'cloudOverheadMs',
};

/** Why a configured option value is not valid for the option ("a number in ms from 0 to 1000000000"), or undefined. */
export function optionProblem(option: RuleOption, v: unknown): string | undefined {
  const unit = option.unit === 'count' || option.unit === 'factor' ? '' : ` in ${option.unit}`;
  const want = `${option.type === 'integer' ? 'an integer' : 'a number'}${unit} from ${option.minimum} to ${option.maximum}`;
  if (typeof v !== 'number' || !Number.isFinite(v)) return want;
  if (option.type === 'integer' && !Number.isInteger(v)) return want;
  if (v < option.minimum || v > option.maximum) return want;
  return undefined;
}

export function parseConfig(text: string, file: string): { config: Config; findings: Finding[] } {
  const config = defaultConfig();
  config.file = file;
  const findings: Finding[] = [];
  // yaml places an error at the end of the text one past it, and nodeLoc widens an empty node by one
  // character: clamp, so every range lies inside the file.
  const at = (offset: number) => Math.max(0, Math.min(offset, text.length));
  const report = (severity: Severity, message: string, loc: Loc) =>
    findings.push({
      ruleId: 'config',
      severity,
      message,
      loc: { file: loc.file, start: at(loc.start), end: Math.max(at(loc.start), at(loc.end)) },
      data: {},
      related: [],
      fixes: [],
    });
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter: new LineCounter(), strict: true });
  for (const e of doc.errors) report('error', e.message.split('\n')[0]!, errorLoc(file, text, e.pos));
  // Repeated keys: said on the repeated key; the last value is the one read (as in topology files).
  for (const f of duplicateKeys(doc, text, file)) report('error', f.message, f.loc);
  if (doc.errors.length > 0 || doc.contents === null) return { config, findings };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    report('error', (e as Error).message, { file, start: 0, end: 0 });
    return { config, findings };
  }
  // Nodes found as the data was read: the last of repeated keys, merge keys applied.
  const nodeAt = (path: string[]): Node | null | undefined => {
    const r = doc.contents;
    return path.length > 0 && (isMap(r) || isSeq(r)) ? nodeAtPath(r, path, doc).node : r;
  };
  // Known rules' entries are checked below against the rule's own option types, with messages that name the
  // default that stays in force; the schema (generated from the same metadata) reports everything else.
  for (const err of validateConfig(data)) {
    if (err.path[0] === 'rules' && err.path.length >= 2 && RULES_BY_ID.has(err.path[1]!)) continue;
    report(err.severity, err.message, nodeLoc(file, nodeAt(err.path), text));
  }
  if (!data || typeof data !== 'object') return { config, findings };
  const d = data as Record<string, unknown>;
  const root = doc.contents as YAMLMap;
  const rules = (d.rules ?? {}) as Record<string, unknown>;
  for (const [id, value] of Object.entries(rules)) {
    const rule = RULES_BY_ID.get(id);
    const rulesNode = isMap(root) ? findEntry(root, 'rules', doc)?.value : undefined;
    const keyNode = isMap(rulesNode) ? (findEntry(rulesNode, id, doc)?.pair.key as Node | undefined) : undefined;
    if (!rule) {
      const hint = nearest(id, RULES_BY_ID.keys());
      report('warning', `Unknown rule \`${id}\`${hint ? `; did you mean \`${hint}\`?` : ''}`, nodeLoc(file, keyNode, text));
      continue;
    }
    const rc: RuleConfig = { options: {} };
    const levels = LEVELS.join(', ');
    if (typeof value === 'string' && (LEVELS as readonly string[]).includes(value)) rc.severity = value as Level;
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const at = nodeLoc(file, doc.getIn(['rules', id, k], true) as Node, text);
        if (k === 'severity') {
          if ((LEVELS as readonly string[]).includes(String(v))) rc.severity = v as Level;
          else report('error', `\`severity\` of rule \`${id}\` must be one of ${levels}; got ${JSON.stringify(v)}: the rule keeps its own severity.`, at);
          continue;
        }
        const option = rule.meta.options[k];
        if (!option) {
          report(
            'warning',
            `Rule \`${id}\` has no option \`${k}\`. Options: ${Object.keys(rule.meta.options).join(', ') || 'none'}.`,
            nodeLoc(file, keyNode, text),
          );
          continue;
        }
        const problem = optionProblem(option, v);
        if (problem) {
          report(
            'error',
            `Option \`${k}\` of rule \`${id}\` must be ${problem}; got ${JSON.stringify(v)}: the rule keeps its default ${option.default}${option.unit === 'count' || option.unit === 'factor' ? '' : ` ${option.unit}`}.`,
            at,
          );
          continue;
        }
        rc.options[k] = v as number;
      }
    } else {
      report(
        'error',
        `Rule \`${id}\` must be a severity (${levels}) or a map of \`severity\` and options; got ${JSON.stringify(value)}.`,
        nodeLoc(file, keyNode, text),
      );
    }
    config.rules[id] = rc;
  }
  const a = (d.assumptions ?? {}) as Record<string, unknown>;
  for (const [k, field] of Object.entries(ASSUMPTION_KEYS)) if (typeof a[k] === 'number' && Number.isFinite(a[k])) config.assumptions[field] = a[k] as number;
  if (Array.isArray(d.files)) config.files = d.files.filter((f): f is string => typeof f === 'string');
  if (typeof d.max_file_bytes === 'number' && d.max_file_bytes >= 1024) config.maxFileBytes = d.max_file_bytes;
  const placement = (d.placement ?? {}) as Record<string, unknown>;
  const places = new Map<string, PinnedPlace>();
  const placesNode = isMap(root) ? findEntry(root, 'places', doc)?.value : undefined;
  for (const [key, value] of Object.entries(d.places && typeof d.places === 'object' ? (d.places as Record<string, unknown>) : {})) {
    const valueNode = isMap(placesNode) ? (findEntry(placesNode, key, doc)?.value ?? undefined) : undefined;
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number')) {
      const [lat, lon] = value as [number, number];
      if (validLatLon(lat, lon)) places.set(placeKey(key), { key, latDeg: lat, lonDeg: lon });
      else report('error', `\`${key}\`: latitude must be in [-90, 90] and longitude in [-180, 180].`, nodeLoc(file, valueNode, text));
    } else if (typeof value === 'string') {
      const r = lookupPlace(value);
      if (r.status === 'found') places.set(placeKey(key), { key, latDeg: r.place.latDeg, lonDeg: r.place.lonDeg, place: r.place });
      else {
        const alternatives = r.status === 'ambiguous' ? r.candidates : r.suggestions;
        const hint = alternatives.length
          ? ` ${r.status === 'ambiguous' ? 'Which one' : 'Did you mean'}: ${alternatives
              .slice(0, 5)
              .map((p) => `"${placeString(p)}"`)
              .join(', ')}?`
          : '';
        report(
          'error',
          `\`${key}\`: "${value}" is ${r.status === 'ambiguous' ? 'ambiguous' : 'not a place DCI Lint knows'}.${hint}`,
          nodeLoc(file, valueNode, text),
        );
      }
    }
  }
  config.placement = { inferFromNames: placement.infer_from_names !== false, places };
  return { config, findings };
}
