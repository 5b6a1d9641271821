// Hovers: a finding (its message, why in two sentences, docs), a site (where it is, how far and how
// many ms from the sites it is used with), an element (its RTT table against the limit that applies).

import { MarkupKind, type Hover } from 'vscode-languageserver';
import { docsUrl, fmtKm, fmtMs, provenanceLabel, RULES_BY_ID, type Finding, type PairRtt, type Site } from '../core';
import { rangeOf } from './diagnostics';
import { siteAt } from './navigation';
import { contains, elementsOf, rowsOf, rowVerdict, siteRefsOf, type DesignElement, type Row } from './rows';
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
      second = `It is a warning because physics allows it (lower bound ${ms(lb)}), but a realistic route (estimate ${ms(est)}) does not fit the ${ms(limit)} limit.`;
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
    second =
      f.severity === rule.meta.defaultSeverity
        ? `It is reported as ${f.severity}, the rule's default.`
        : `It is reported as ${f.severity} (the rule's default is ${rule.meta.defaultSeverity}; changed by configuration).`;
  } else {
    second = 'Fix it first: rules only check what parses.';
  }
  return `${first} ${second}`;
}

export function findingMarkdown(f: Finding): string {
  const rule = RULES_BY_ID.get(f.ruleId);
  const lines = [`**${f.severity}** \`${f.ruleId}\`: ${f.message}`, '', why(f)];
  const source = (f.data as { limitSource?: unknown }).limitSource;
  if (typeof source === 'string') lines.push('', `Limit source: ${source}`);
  if (rule) lines.push('', `[Documentation for ${f.ruleId}](${docsUrl(f.ruleId)})`);
  return lines.join('\n');
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

/** "≈ 242 ms" for an estimate, "78 ms measured" for a measurement. */
export function rttText(p: PairRtt): string {
  if (p.measured) return `${ms(p.rttMs)} measured`;
  return `≈ ${ms(p.rttMs)}${p.basis === 'links' && p.path.length > 2 ? ` via ${p.path.slice(1, -1).join(', ')}` : ''}`;
}

function siteMarkdown(a: Analysis, ws: Workspace, hit: NonNullable<ReturnType<typeof siteAt>>): string {
  const site = hit.design.sites.get(hit.id);
  if (!site) return `**site \`${hit.id}\`**: not defined in \`sites\`.`;
  const lines = [`**site \`${site.id}\`**${site.name ? ` — ${site.name}` : ''}`, '', coords(site)];
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
      lines.push(p ? `| ${id} | ${fmtKm(p.distanceKm)} km | ${ms(p.lowerBoundMs)} | ${rttText(p)} |` : `| ${id} | — | — | not placed |`);
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

export function elementMarkdown(a: Analysis, ws: Workspace, de: DesignElement, known?: Row[]): string {
  const model = ws.rttModel(de.design, a.config);
  const rows = known ?? rowsOf(de, model, a.rows);
  const e = de.element as { name: string; method?: string; kind?: string; mode?: string; medium?: string; product?: string };
  const detail = e.method ?? e.kind ?? e.mode ?? e.medium;
  const lines = [`**${de.kind} \`${e.name}\`**${detail ? ` (${detail}${e.product ? `, ${e.product}` : ''})` : ''}`];
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
  lines.push('', 'Lower bound: great-circle distance at the speed of light in fiber. ≈: estimate (route factor and equipment), see the RTT model.');
  return lines.join('\n');
}

export function hover(a: Analysis, ws: Workspace, offset: number): Hover | undefined {
  const sections: string[] = [];
  let range: { start: number; end: number } | undefined;
  const narrow = (start: number, end: number) => {
    if (!range || end - start < range.end - range.start) range = { start, end };
  };
  for (const f of a.findings) {
    if (offset >= f.loc.start && offset <= f.loc.end && !(f.loc.start === f.loc.end && offset !== f.loc.start)) {
      sections.push(findingMarkdown(f));
      narrow(f.loc.start, f.loc.end);
    }
  }
  const hit = siteAt(a, offset);
  if (hit) {
    sections.push(siteMarkdown(a, ws, hit));
    narrow(hit.loc.start, hit.loc.end);
  } else {
    for (const design of a.designs) {
      const inside = elementsOf(design).filter((de) => de.element.loc.file === a.uri && contains(de.element.loc, offset));
      inside.sort((x, y) => x.element.loc.end - x.element.loc.start - (y.element.loc.end - y.element.loc.start));
      const de = inside[0];
      if (de) {
        sections.push(elementMarkdown(a, ws, de));
        if (!range) range = { start: de.element.loc.start, end: de.element.loc.end };
        break;
      }
      const site = [...design.sites.values()].find((s) => s.loc.file === a.uri && contains(s.loc, offset));
      if (site) {
        sections.push(siteMarkdown(a, ws, { design, id: site.id, loc: site.idLoc, definition: true }));
        if (!range) range = { start: site.loc.start, end: site.loc.end };
        break;
      }
    }
  }
  if (sections.length === 0) return undefined;
  const result: Hover = { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') } };
  if (range) result.range = rangeOf(a.index, range.start, range.end);
  return result;
}
