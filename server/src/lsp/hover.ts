// Hovers: a finding (its message, why in two sentences, docs), a site (where it is, how far and how
// many ms from the sites it is used with), an element (its RTT table against the limit that applies).

import { MarkupKind, type Hover } from 'vscode-languageserver';
import { docsUrl, fmtKm, fmtMs, provenanceLabel, RULES_BY_ID, type Design, type Finding, type Loc, type PairRtt, type Site } from '../core';
import { rangeOf } from './diagnostics';
import { siteAt } from './navigation';
import { contains, elementsOf, rowsOf, rowVerdict, siteRefsOf, worstRow, type DesignElement, type Row } from './rows';
import type { Analysis, Workspace } from './workspace';

const ms = (x: number) => `${fmtMs(x)} ms`;

/** "Why", in two sentences: what the rule protects, then why this severity. */
export function why(f: Finding): string {
  const rule = RULES_BY_ID.get(f.ruleId);
  const first = rule
    ? rule.meta.summary
    : f.ruleId === 'config'
      ? 'The configuration file could not be read completely.'
      : 'The file could not be analysed as written.';
  const d = f.data as {
    lowerBoundMs?: number;
    rttMs?: number;
    estimateLowMs?: number;
    estimateHighMs?: number;
    limitMs?: number;
    measured?: boolean;
    distanceKm?: number;
    routeKm?: number;
    limitKm?: number;
    limit?: { provenance?: { kind?: string } };
  };
  let second: string;
  if (rule?.meta.graded && typeof d.lowerBoundMs === 'number' && typeof d.limitMs === 'number' && typeof d.rttMs === 'number') {
    const [lb, est, limit] = [d.lowerBoundMs, d.rttMs, d.limitMs];
    if (f.severity === 'error' && lb > limit)
      second = `It is an error because even light in a straight fiber needs ${ms(lb)}${typeof d.distanceKm === 'number' ? ` over ${fmtKm(d.distanceKm)} km` : ''}, more than the ${ms(limit)} limit: no network can meet it.`;
    else if (f.severity === 'error' && d.measured && est > limit) second = `It is an error because the measured ${ms(est)} is over the ${ms(limit)} limit.`;
    else if (f.severity === 'warning' && lb > limit && d.limit?.provenance?.kind === 'heuristic')
      second = `It is a warning, not an error, because the ${ms(limit)} limit is a DCI Lint heuristic (no vendor text states it), even though light in a straight fiber already needs ${ms(lb)}.`;
    else if (f.severity === 'warning' && est > limit && lb <= limit)
      second = `It is a warning because physics allows it (lower bound ${ms(lb)}), but a realistic route (estimate ${ms(est)}${typeof d.estimateLowMs === 'number' && typeof d.estimateHighMs === 'number' ? `, 80% between ${fmtMs(d.estimateLowMs)} and ${fmtMs(d.estimateHighMs)}` : ''}) does not fit the ${ms(limit)} limit.`;
    // Rules whose limit is not an RTT (timers against one-way delay): say how the grade is decided.
    else
      second = `It is ${f.severity === 'error' ? 'an error' : `${f.severity === 'info' ? 'an' : 'a'} ${f.severity}`}: the severity comes from physics, error when even the lower bound (${ms(lb)} RTT) breaks the limit, warning when only the realistic estimate (${ms(est)}) does.`;
  } else if (rule?.meta.graded && typeof d.limitKm === 'number' && typeof d.distanceKm === 'number') {
    // Distance limits (cable length): the great circle is the least, the route factor the likely.
    second =
      f.severity === 'error' && d.distanceKm > d.limitKm
        ? `It is an error because even a straight cable would be ${fmtKm(d.distanceKm)} km, more than the ${fmtKm(d.limitKm)} km supported.`
        : d.distanceKm > d.limitKm && d.limit?.provenance?.kind === 'heuristic'
          ? `It is a warning, not an error, because the ${fmtKm(d.limitKm)} km limit is a DCI Lint heuristic (no vendor text states it), even though a straight cable would already be ${fmtKm(d.distanceKm)} km.`
          : `It is ${f.severity === 'error' ? 'an error' : 'a warning'} because the straight line (${fmtKm(d.distanceKm)} km) fits, but a realistic fiber route (about ${fmtKm(d.routeKm ?? d.distanceKm)} km) does not fit the ${fmtKm(d.limitKm)} km supported.`;
  } else if (rule) {
    // Only a configured level is "changed by configuration": a rule may grade a case itself (an unknown
    // key is a schema warning, a site placed from its name caps errors at warnings).
    second =
      f.severity === rule.meta.defaultSeverity
        ? `It is reported as ${f.severity}, the rule's default.`
        : f.configuredSeverity
          ? `It is reported as ${f.severity} (the rule's default is ${rule.meta.defaultSeverity}; changed by configuration).`
          : `It is reported as ${f.severity}: the rule grades this case so (its default is ${rule.meta.defaultSeverity}).`;
  } else {
    second = 'Fix it first: rules only check what parses.';
  }
  return `${first} ${second}`;
}

const ICON: Record<string, string> = { error: '✗', warning: '⚠', info: 'ℹ', hint: '·' };

/**
 * One line, verdict first: "✗ **error** `vmotion-rtt`: fra1 → nyc1 78 ms RTT measured (≥ 60.9 ms), limit 10 ms".
 * The figures come from the finding's data; the message itself is not repeated (VS Code shows it above).
 */
export function verdictLine(f: Finding): string {
  const d = f.data as {
    sites?: unknown;
    rttMs?: unknown;
    lowerBoundMs?: unknown;
    measured?: unknown;
    limitMs?: unknown;
    distanceKm?: unknown;
    routeKm?: unknown;
    limitKm?: unknown;
  };
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
  const sites = Array.isArray(d.sites) && d.sites.length === 2 && d.sites.every((x) => typeof x === 'string') ? `${d.sites[0]} ↔ ${d.sites[1]} ` : '';
  const [rtt, lb, limitMs, km, limitKm] = [num(d.rttMs), num(d.lowerBoundMs), num(d.limitMs), num(d.distanceKm), num(d.limitKm)];
  let figures = '';
  if (rtt !== undefined)
    figures = `${sites}${ms(rtt)} RTT${d.measured === true ? ' measured' : ''}${lb !== undefined ? ` (≥ ${ms(lb)})` : ''}${limitMs !== undefined ? `, limit ${ms(limitMs)}` : ''}`;
  else if (km !== undefined && limitKm !== undefined) figures = `${sites}${fmtKm(km)} km, limit ${fmtKm(limitKm)} km`;
  return `${ICON[f.severity] ?? ''} **${f.severity}** \`${f.ruleId}\`${figures ? `: ${figures}` : ''}`;
}

/** A finding without its message: the verdict line, why (two sentences), the limit's source, the docs. */
export function findingMarkdown(f: Finding): string {
  const rule = RULES_BY_ID.get(f.ruleId);
  const source = (f.data as { limitSource?: unknown }).limitSource;
  const tail = [typeof source === 'string' ? `Limit source: ${source}.` : '', rule ? `[Documentation for ${f.ruleId}](${docsUrl(f.ruleId)})` : '']
    .filter(Boolean)
    .join(' ');
  return [verdictLine(f), '', `${why(f)}${tail ? ` ${tail}` : ''}`].join('\n');
}

function coords(site: Site): string {
  const p = site.placement;
  if (!p && site.placeText) return `not placed: "${site.placeText.text}" is not a place DCI Lint can resolve (see the unknown-place finding)`;
  if (!p) return site.unresolved ? `not placed: ${site.unresolved.reason}` : 'not placed (no valid `location` or `region`)';
  const lat = `${Math.abs(p.latDeg).toFixed(4)}° ${p.latDeg >= 0 ? 'N' : 'S'}`;
  const lon = `${Math.abs(p.lonDeg).toFixed(4)}° ${p.lonDeg >= 0 ? 'E' : 'W'}`;
  const inferred = p.inferred
    ? `\n\nInferred from \`${p.inferred.token}\` in its ${p.inferred.from}, not stated: findings that depend on it are at most warnings. Pin it with the quick fix, or in \`places:\` of .dci-lint.yaml.`
    : '';
  return `${lat}, ${lon} (from ${p.origin})${inferred}`;
}

/** "≈ 242 ms, 80% between 194 and 323" for an estimate (with its p10-p90 band), "78 ms measured" for a measurement. */
export function rttText(p: PairRtt): string {
  if (p.measured) return `${ms(p.rttMs)} measured`;
  const band = p.estimateHighMs > p.estimateLowMs ? `, 80% between ${fmtMs(p.estimateLowMs)} and ${fmtMs(p.estimateHighMs)}` : '';
  return `≈ ${ms(p.rttMs)}${band}${p.basis === 'links' && p.path.length > 2 ? ` via ${p.path.slice(1, -1).join(', ')}` : ''}`;
}

function siteMarkdown(a: Analysis, ws: Workspace, hit: NonNullable<ReturnType<typeof siteAt>>): string {
  const site = hit.design.sites.get(hit.id);
  if (!site) return `**site \`${hit.id}\`**: not defined in \`sites\`.`;
  const on = a.designFindings.filter((f) => {
    const ids = (f.data as { sites?: unknown }).sites;
    return Array.isArray(ids) && ids.includes(site.id) && (f.severity === 'error' || f.severity === 'warning');
  });
  const errors = on.filter((f) => f.severity === 'error').length;
  const warnings = on.length - errors;
  const verdict =
    on.length === 0
      ? ''
      : `: ${[errors ? `✗ ${errors} error${errors > 1 ? 's' : ''}` : '', warnings ? `⚠ ${warnings} warning${warnings > 1 ? 's' : ''}` : ''].filter(Boolean).join(', ')} on its pairs (${[...new Set(on.map((f) => f.ruleId))].join(', ')})`;
  const lines = [`**site \`${site.id}\`**${site.name ? ` — ${site.name}` : ''}${verdict}`, '', coords(site)];
  const uses = siteRefsOf(hit.design).filter((r) => r.ref.id === site.id);
  const peers = new Set<string>();
  for (const u of uses) for (const r of u.owner.refs) if (r.id !== site.id) peers.add(r.id);
  for (const u of uses) {
    const w = (u.owner.element as { witness?: { id: string } }).witness;
    if (w && w.id !== site.id) peers.add(w.id);
  }
  const model = ws.rttModel(hit.design, a.config);
  const rows = [...peers].map((id) => ({ id, p: model.pair(site.id, id) }));
  if (rows.length > 0) {
    lines.push('', '| to | distance | lower bound | RTT |', '|---|--:|--:|--:|');
    for (const { id, p } of rows)
      lines.push(
        p
          ? `| ${id} | ${fmtKm(p.distanceKm)} km | ${ms(p.lowerBoundMs)} | ${rttText(p)} |`
          : // a name the design does not define is not a site at all (unknown-site says so), not one left unplaced
            `| ${id} | — | — | ${hit.design.sites.has(id) ? 'not placed' : 'no such site'} |`,
      );
  }
  if (uses.length > 0) lines.push('', `Used in: ${[...new Set(uses.map((u) => `${u.owner.kind} ${u.owner.element.name}`))].join(', ')}`);
  else if (hit.definition) lines.push('', 'Not used by any link, segment, cluster, migration or replication.');
  return lines.join('\n');
}

const MARK = { error: '✗ no network can' as string, warning: '⚠ over on a real route', ok: '✓', none: '' };

function limitCell(r: Row): string {
  if (!r.limit) return '—';
  return r.limit.unit === 'km' ? `${fmtKm(r.limit.value)} km` : ms(r.limit.value);
}

function verdictCell(r: Row): string {
  const v = rowVerdict(r);
  if (v === 'error' && r.pair?.measured && r.limit && r.pair.lowerBoundMs <= r.limit.value) return '✗ measured over';
  if (v === 'ok' && r.pair && r.limit?.unit === 'ms') return `✓ ${Math.round((r.pair.rttMs / r.limit.value) * 100)} % of budget`;
  // A heuristic limit is at most a warning, even where physics alone breaks it: say both.
  const beyondPhysics = r.pair && r.limit && (r.limit.unit === 'km' ? r.pair.distanceKm > r.limit.value : r.pair.lowerBoundMs > r.limit.value);
  if (v === 'warning' && beyondPhysics)
    return r.limit!.unit === 'km' ? '⚠ too far even in a straight line (heuristic limit)' : '⚠ no network can (heuristic limit)';
  if (r.limit?.unit === 'km' && v !== 'none') return v === 'error' ? '✗ too far even in a straight line' : v === 'warning' ? '⚠ too far on a real route' : '✓';
  return MARK[v];
}

function elementVerdict(rows: Row[]): string {
  const verdicts = rows.map((r) => rowVerdict(r));
  if (verdicts.includes('error')) return '✗ ';
  if (verdicts.includes('warning')) return '⚠ ';
  if (verdicts.includes('ok')) return '✓ ';
  return '';
}

/** After the title: how many pairs break the limit, and the worst figures, on the first line. */
function elementSummary(rows: Row[], routeFactor: number, noun: string): string {
  const judged = rows.filter((r) => r.pair && r.limit);
  // The pair nearest its limit (share of the budget), not the largest RTT: a witness at 8 ms of 200 is
  // not what binds a cluster whose data sites have 5.
  const share = (r: Row) => (r.limit!.unit === 'km' ? (r.pair!.distanceKm * routeFactor) / r.limit!.value : r.pair!.rttMs / r.limit!.value);
  const worst = judged.length ? judged.reduce((x, y) => (share(y) > share(x) ? y : x)) : worstRow(rows);
  if (!worst?.pair) return '';
  const p = worst.pair;
  const name = `${worst.from} ${noun === 'hop' ? '→' : '↔'} ${worst.to}`;
  const figures = `${name} ${rttText(p)} (≥ ${ms(p.lowerBoundMs)})`;
  if (judged.length === 0) return `: worst ${figures}; no RTT limit`;
  const l = worst.limit!;
  const over = judged.filter((r) => rowVerdict(r) === 'error' || rowVerdict(r) === 'warning').length;
  const limit = l.unit === 'km' ? `${fmtKm(l.value)} km` : ms(l.value);
  if (over === 0) return `: within the ${limit} limit; worst ${figures}`;
  return `: ${over} of ${judged.length} ${noun}${judged.length > 1 ? 's' : ''} over the ${limit} limit; worst ${figures}`;
}

export function elementMarkdown(a: Analysis, ws: Workspace, de: DesignElement, known?: Row[]): string {
  const model = ws.rttModel(de.design, a.config);
  const rows = known ?? rowsOf(de, model, a.rows);
  const e = de.element as { name: string; method?: string; kind?: string; mode?: string; medium?: string; product?: string };
  const detail = e.method ?? e.kind ?? e.mode ?? e.medium;
  const title = `**${de.kind} \`${e.name}\`**${detail ? ` (${detail}${e.product ? `, ${e.product}` : ''})` : ''}`;
  const lines = [`${elementVerdict(rows)}${title}${elementSummary(rows, model.assumptions.fiberRouteFactor, de.kind === 'migration' ? 'hop' : 'pair')}`];
  if (rows.length === 0) return [...lines, '', 'No pair of placed sites to measure.'].join('\n');
  const hasLimit = rows.some((r) => r.limit);
  lines.push(
    '',
    `| ${de.kind === 'migration' ? 'hop' : 'sites'} | distance | lower bound | RTT |${hasLimit ? ' limit | |' : ''}`,
    `|---|--:|--:|--:|${hasLimit ? '--:|---|' : ''}`,
  );
  for (const r of rows) {
    const name = `${r.from} ${de.kind === 'migration' ? '→' : '↔'} ${r.to}${r.role ? ` (${r.role})` : ''}`;
    const figures = r.pair ? `${fmtKm(r.pair.distanceKm)} km | ${ms(r.pair.lowerBoundMs)} | ${rttText(r.pair)}` : '— | — | not placed';
    lines.push(`| ${name} | ${figures} |${hasLimit ? ` ${limitCell(r)} | ${verdictCell(r)} |` : ''}`);
  }
  const limits = [...new Map(rows.filter((r) => r.limit).map((r) => [`${r.limit!.label}|${r.limit!.value}|${r.limit!.unit}`, r.limit!])).values()];
  for (const l of limits)
    lines.push(
      '',
      `Limit ${l.unit === 'km' ? `${fmtKm(l.value)} km` : ms(l.value)} (${l.label}, ${provenanceLabel(l.provenance)}, rule [\`${l.ruleId}\`](${docsUrl(l.ruleId)})): ${l.source}`,
    );
  if (!hasLimit)
    lines.push('', de.kind === 'link' ? 'A link has no RTT limit of its own; what runs over it does.' : 'No RTT limit applies (not live, not synchronous).');
  lines.push(
    '',
    'Lower bound: great-circle distance at the speed of light in fiber. ≈: estimate (route factor and equipment), with the p10-p90 band where 80% of real RTTs fall; see the RTT model.',
  );
  return lines.join('\n');
}

/** Is the text at `loc` the site id as written (not a reference synthesized from a Terraform service or attribute)? */
function writtenId(a: Analysis, loc: { start: number; end: number }, id: string): boolean {
  const t = a.text.slice(loc.start, loc.end).replace(/^["']|["']$/g, '');
  return t === id || id.endsWith(`.${t}`) || t.endsWith(id);
}

type Block = { address: string; start: number; end: number };
const blockCache = new WeakMap<Analysis, Block[]>();

/** Terraform: the top-level blocks (`resource "type" "name" { ... }`, data, module) of a text, in one pass. */
export function resourceBlocks(text: string): Block[] {
  const out: Block[] = [];
  const re = /^(resource|data|module)\s+"([^"]+)"(?:\s+"([^"]+)")?\s*\{/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    // The block ends at its matching brace (strings and comments skipped).
    let depth = 0;
    let end = text.length;
    for (let i = start + m[0].length - 1; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') {
        for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      } else if (ch === '#' || (ch === '/' && text[i + 1] === '/')) {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) {
        end = i + 1;
        break;
      }
    }
    const address = m[1] === 'resource' ? `${m[2]}.${m[3] ?? ''}` : m[1] === 'data' ? `data.${m[2]}.${m[3] ?? ''}` : `module.${m[2]}`;
    out.push({ address, start, end });
    re.lastIndex = Math.max(re.lastIndex, end);
  }
  return out;
}

function blockAt(blocks: Block[], offset: number): Block | undefined {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = blocks[mid]!;
    if (offset < b.start) hi = mid - 1;
    else if (offset > b.end) lo = mid + 1;
    else return b;
  }
  return undefined;
}

/**
 * Terraform: the design elements a resource block carries or enables. Its own (an element inside the
 * block), then those of blocks that reference it (a site pairing is used by meshes and extensions).
 */
function terraformElements(
  a: Analysis,
  offset: number,
): { address: string; elements: DesignElement[]; sites: Array<{ design: Design; id: string }>; block: { start: number; end: number } } | undefined {
  if (a.kind !== 'terraform') return undefined;
  let blocks = blockCache.get(a);
  if (!blocks) blockCache.set(a, (blocks = resourceBlocks(a.text)));
  const block = blockAt(blocks, offset);
  if (!block) return undefined;
  const inside = (l: Loc) => l.file === a.uri && l.start >= block.start && l.end <= block.end;
  const elements: DesignElement[] = [];
  const sites: Array<{ design: Design; id: string }> = [];
  const users = new Set<Block>();
  // Blocks that mention this one's address (`hcx_site_pairing.fra1_syd`): what it enables.
  const word = new RegExp(`(^|[^\\w.])${block.address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`, 'g');
  for (let m = word.exec(a.text); m; m = word.exec(a.text)) {
    const b = blockAt(blocks, m.index + m[1]!.length);
    if (b && b !== block) users.add(b);
  }
  for (const design of a.designs) {
    for (const de of elementsOf(design)) {
      const l = de.element.loc;
      const owner = l.file === a.uri ? blockAt(blocks, l.start) : undefined;
      if (inside(l) || (owner && users.has(owner) && l.end <= owner.end)) elements.push(de);
    }
    for (const site of design.sites.values()) if (inside(site.loc) || inside(site.idLoc)) sites.push({ design, id: site.id });
  }
  elements.sort((x, y) => (inside(y.element.loc) ? 1 : 0) - (inside(x.element.loc) ? 1 : 0));
  return { address: block.address, elements, sites, block };
}

/** Several elements of one Terraform block (a service mesh: its migration and its extension): one table. */
function blockMarkdown(a: Analysis, ws: Workspace, address: string, elements: DesignElement[]): string {
  const all: Array<{ de: DesignElement; r: Row; v: ReturnType<typeof rowVerdict> }> = [];
  for (const de of elements) {
    const model = ws.rttModel(de.design, a.config);
    for (const r of rowsOf(de, model, a.rows)) all.push({ de, r, v: rowVerdict(r) });
  }
  const over = all.filter((x) => x.v === 'error' || x.v === 'warning');
  const icon = all.some((x) => x.v === 'error') ? '✗ ' : over.length ? '⚠ ' : all.some((x) => x.v === 'ok') ? '✓ ' : '';
  const lines = [
    `${icon}**\`${address}\`**: ${elements.length} assumptions, ${over.length ? `${over.length} of ${all.length} pairs over their limits` : 'all within their limits'}`,
    '',
    '| element | sites | lower bound | RTT | limit | |',
    '|---|---|--:|--:|--:|---|',
  ];
  for (const { de, r, v } of all.slice(0, 24)) {
    const e = de.element as { name: string; method?: string };
    const limit = r.limit ? (r.limit.unit === 'km' ? `${fmtKm(r.limit.value)} km` : ms(r.limit.value)) : '—';
    const mark = v === 'error' ? '✗' : v === 'warning' ? '⚠' : v === 'ok' ? '✓' : '';
    lines.push(
      `| ${de.kind} ${e.name}${e.method ? ` (${e.method})` : ''} | ${r.from} ${de.kind === 'migration' ? '→' : '↔'} ${r.to} | ${r.pair ? ms(r.pair.lowerBoundMs) : '—'} | ${r.pair ? rttText(r.pair) : 'not placed'} | ${limit} | ${mark} |`,
    );
  }
  if (all.length > 24) lines.push('', `and ${all.length - 24} more pairs`);
  const limits = [...new Map(all.filter((x) => x.r.limit).map((x) => [`${x.r.limit!.label}|${x.r.limit!.value}`, x.r.limit!])).values()];
  for (const l of limits)
    lines.push('', `Limit ${l.unit === 'km' ? `${fmtKm(l.value)} km` : ms(l.value)} (${l.label}, rule [\`${l.ruleId}\`](${docsUrl(l.ruleId)})): ${l.source}`);
  return lines.join('\n');
}

export function hover(a: Analysis, ws: Workspace, offset: number): Hover | undefined {
  let range: { start: number; end: number } | undefined;
  const narrow = (start: number, end: number) => {
    if (!range || end - start < range.end - range.start) range = { start, end };
  };
  const found: Finding[] = [];
  for (const f of a.findings) {
    if (offset >= f.loc.start && offset <= f.loc.end && !(f.loc.start === f.loc.end && offset !== f.loc.start)) {
      found.push(f);
      narrow(f.loc.start, f.loc.end);
    }
  }
  // What the cursor is on: a site as written, else the smallest element around it, else a site
  // definition; in Terraform, else the resource block's elements.
  const subjects: string[] = [];
  let hit = siteAt(a, offset);
  if (hit && !hit.definition && !writtenId(a, hit.loc, hit.id)) hit = undefined;
  if (hit) {
    subjects.push(siteMarkdown(a, ws, hit));
    narrow(hit.loc.start, hit.loc.end);
  } else {
    for (const design of a.designs) {
      const inside = elementsOf(design).filter((de) => de.element.loc.file === a.uri && contains(de.element.loc, offset));
      inside.sort((x, y) => x.element.loc.end - x.element.loc.start - (y.element.loc.end - y.element.loc.start));
      const de = inside[0];
      if (de) {
        subjects.push(elementMarkdown(a, ws, de));
        if (!range) range = { start: de.element.loc.start, end: de.element.loc.end };
        break;
      }
      const site = [...design.sites.values()].find((s) => s.loc.file === a.uri && contains(s.loc, offset));
      if (site) {
        subjects.push(siteMarkdown(a, ws, { design, id: site.id, loc: site.idLoc, definition: true }));
        if (!range) range = { start: site.loc.start, end: site.loc.end };
        break;
      }
    }
    if (subjects.length === 0) {
      const tf = terraformElements(a, offset);
      if (tf && (tf.elements.length || tf.sites.length)) {
        if (tf.elements.length === 1) subjects.push(elementMarkdown(a, ws, tf.elements[0]!));
        else if (tf.elements.length > 1) subjects.push(blockMarkdown(a, ws, tf.address, tf.elements));
        for (const s of tf.sites.slice(0, 2))
          subjects.push(siteMarkdown(a, ws, { design: s.design, id: s.id, loc: { file: a.uri, start: offset, end: offset }, definition: true }));
        const eol = a.text.indexOf('\n', tf.block.start);
        if (!range) range = { start: tf.block.start, end: eol < 0 ? tf.block.end : Math.min(eol, tf.block.end) };
      }
    }
  }
  if (found.length === 0 && subjects.length === 0) return undefined;
  let value: string;
  if (subjects.length === 0) value = found.map(findingMarkdown).join('\n\n---\n\n');
  else {
    // Verdict first (one line per finding here), then the tables, then why.
    const head = found.map(verdictLine);
    const whys = found.map((f) => {
      const rule = RULES_BY_ID.get(f.ruleId);
      const source = (f.data as { limitSource?: unknown }).limitSource;
      return `\`${f.ruleId}\`: ${why(f)}${typeof source === 'string' ? ` Limit source: ${source}.` : ''}${rule ? ` [Documentation for ${f.ruleId}](${docsUrl(f.ruleId)})` : ''}`;
    });
    value = [...(head.length ? [head.join('  \n')] : []), ...subjects, ...(whys.length ? [whys.join('\n\n')] : [])].join('\n\n---\n\n');
  }
  const result: Hover = { contents: { kind: MarkupKind.Markdown, value } };
  if (range) result.range = rangeOf(a.index, range.start, range.end);
  return result;
}
