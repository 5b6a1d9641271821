// The map renderer: a design's MapData in, a self-contained SVG string out. Pure and deterministic
// (same data, same bytes), offline: land outlines are Natural Earth from the world-atlas package,
// bundled; the projection is d3-geo's. The CLI writes this SVG (`dci-lint map`), the editor's map view
// shows the same SVG and adds hover and click behaviour over its `data-*` attributes.

import { geoCentroid, geoCircle, geoInterpolate, geoNaturalEarth1, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import type { Feature, FeatureCollection, GeoJsonProperties, Geometry, LineString, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import land110Json from 'dci-lint:land-110m';
import land50Json from 'dci-lint:land-50m';
import { fmtKm, fmtMs } from '../rules/physics';
import type { MapData, MapLimit, MapPair, MapVerdict } from './data';

export interface SvgOptions {
  /** pixels; default 1200 x 640 */
  width?: number;
  height?: number;
}

/** Verdict colours (colour-blind safe pair: vermilion / amber / bluish green, Okabe-Ito). */
export const VERDICT_COLOURS: Record<MapVerdict, string> = { error: '#d55e00', warning: '#e69f00', clean: '#009e73' };

export const MAP_ATTRIBUTION = 'Land: Natural Earth (public domain) via world-atlas 2.0.2. Projection: Natural Earth I (d3-geo).';

type LandFeature = Feature<Polygon | MultiPolygon, GeoJsonProperties> | FeatureCollection<Polygon | MultiPolygon, GeoJsonProperties>;
let land110Feature: LandFeature | undefined;
let land50Feature: LandFeature | undefined;
/** The `land` object of a world-atlas TopoJSON text as GeoJSON (the bundle holds the text: see land-data.d.ts). */
function landFeature(json: string): LandFeature {
  const topology = JSON.parse(json) as Topology;
  return feature(topology, topology.objects['land']!) as LandFeature;
}

function landOf(detailed: boolean): LandFeature {
  if (detailed) {
    land50Feature ??= landFeature(land50Json);
    return land50Feature;
  }
  land110Feature ??= landFeature(land110Json);
  return land110Feature;
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const ms = (x: number) => `${fmtMs(x)} ms`;

function limitText(l: MapLimit): string {
  return `${l.unit === 'km' ? `${fmtKm(l.value)} km` : ms(l.value)} (${l.label})`;
}

/** The tooltip of a pair: verdict first, then the figures. One line each. */
export function pairTooltip(p: MapPair): string {
  const head = p.verdict === 'clean' ? `✓ ${p.from} ↔ ${p.to}: within limits` : `${p.verdict === 'error' ? '✗' : '⚠'} ${p.from} ↔ ${p.to}: ${p.verdict}`;
  const rtt = p.measured
    ? `${ms(p.rttMs)} measured`
    : `≈ ${ms(p.rttMs)} estimate${p.basis === 'links' && p.path.length > 2 ? ` via ${p.path.slice(1, -1).join(', ')}` : ''}`;
  const lines = [
    head,
    `distance ${fmtKm(p.distanceKm)} km (great circle)`,
    `lower bound ${ms(p.lowerBoundMs)} (light in fiber)`,
    `RTT ${rtt}`,
    p.limit ? `limit ${limitText(p.limit)}, ${p.limit.source}` : 'no RTT limit on this pair',
  ];
  const uses = p.uses.filter((u) => u.kind !== 'finding');
  if (uses.length) lines.push(`used by ${uses.map((u) => `${u.kind} ${u.name}${u.role ? ` (${u.role})` : ''}`).join(', ')}`);
  for (const f of p.findings.slice(0, 4)) lines.push(`${f.severity} ${f.ruleId}`);
  if (p.findings.length > 4) lines.push(`and ${p.findings.length - 4} more findings`);
  return lines.join('\n');
}

const ORDER: Record<MapVerdict, number> = { clean: 0, warning: 1, error: 2 };

/**
 * The central meridian: the one, in 5° steps, that cuts the fewest arcs at the map's edge (the
 * antimeridian of the view), nearest to the sites' centroid on ties; cutting a declared link costs
 * more than cutting a pair that is only judged, and an error more than a clean pair. A Sydney-Frankfurt-New York design
 * then shows each arc whole rather than split across the edges.
 */
function centralMeridian(lines: Array<{ line: LineString; weight: number }>, centroidLon: number): number {
  if (lines.length === 0) return centroidLon;
  const samples = lines.map(({ line: l, weight }) => {
    const f = geoInterpolate(l.coordinates[0] as [number, number], l.coordinates[1] as [number, number]);
    const pts: number[] = [];
    for (let i = 0; i <= 24; i++) pts.push(f(i / 24)[0]);
    return { pts, weight };
  });
  const wrap = (x: number) => ((((x + 180) % 360) + 360) % 360) - 180;
  let best = centroidLon;
  let bestCost = Infinity;
  for (let k = 0; k < 72; k++) {
    const lon0 = wrap(centroidLon + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 5);
    let cuts = 0;
    for (const { pts, weight } of samples)
      for (let i = 1; i < pts.length; i++) if (Math.abs(wrap(pts[i]! - lon0) - wrap(pts[i - 1]! - lon0)) > 180) cuts += weight;
    if (cuts < bestCost) [best, bestCost] = [lon0, cuts];
    if (cuts === 0) break;
  }
  return best;
}

/**
 * Renders a design's map as an SVG document (UTF-8 text, no external references).
 *
 * Sites are dots with their id as label; each pair is a great-circle arc, solid for a declared link
 * and dashed for a pair only judged (no link of its own), coloured by its worst finding. Every pair
 * has a `<title>` tooltip (distance, lower bound, RTT, limit) and `data-pair` (its index in
 * `data.pairs`); every site `data-site` (its id). The view fits the sites, centred on them.
 */
export function renderMapSvg(data: MapData, options: SvgOptions = {}): string {
  const width = options.width ?? 1200;
  const height = options.height ?? 640;
  const pad = 48;
  const byId = new Map(data.sites.map((s) => [s.id, s]));
  const arcs: Array<{ pair: MapPair; index: number; line: LineString }> = [];
  data.pairs.forEach((pair, index) => {
    const a = byId.get(pair.from);
    const b = byId.get(pair.to);
    if (a && b)
      arcs.push({
        pair,
        index,
        line: {
          type: 'LineString',
          coordinates: [
            [a.lonDeg, a.latDeg],
            [b.lonDeg, b.latDeg],
          ],
        },
      });
  });
  const points: Geometry = { type: 'MultiPoint', coordinates: data.sites.map((s) => [s.lonDeg, s.latDeg]) };
  const centre = data.sites.length ? geoCentroid(points) : [0, 20];
  const [clon, clat] = [Number.isFinite(centre[0]) ? centre[0]! : 0, Number.isFinite(centre[1]) ? centre[1]! : 0];
  const lon0 = centralMeridian(
    arcs.map((a) => ({ line: a.line, weight: (a.pair.link ? 4 : 1) * (1 + ORDER[a.pair.verdict]) })),
    clon,
  );
  // At least a few hundred km around the sites, so a metro design still shows its coast and neighbours.
  const frame: GeoPermissibleObjects = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: {}, geometry: geoCircle().center([clon, clat]).radius(3)() },
      ...(data.sites.length ? [{ type: 'Feature' as const, properties: {}, geometry: points }] : []),
      ...arcs.map((a) => ({ type: 'Feature' as const, properties: {}, geometry: a.line })),
    ],
  };
  const projection = geoNaturalEarth1()
    .rotate([-lon0, 0])
    .fitExtent(
      [
        [pad, pad + 16],
        [width - pad, height - pad - 40],
      ],
      data.sites.length ? frame : { type: 'Sphere' },
    );
  projection.clipExtent([
    [0, 0],
    [width, height],
  ]);
  const path = geoPath(projection).digits(1);
  // 110m land is enough for a continent; closer in, the 50m outlines.
  const detailed = projection.scale() > 700;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Segoe UI, Helvetica, Arial, sans-serif" font-size="13">`,
  );
  const title = `DCI Lint map: ${data.name ?? data.file}`;
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<rect class="ocean" x="0" y="0" width="${width}" height="${height}" fill="#dcebf5"/>`);
  out.push(`<path class="land" d="${path(landOf(detailed)) ?? ''}" fill="#f4f1ea" stroke="#b9b2a3" stroke-width="0.6"/>`);
  // Pairs: clean under warnings under errors, so the worst stays visible where arcs cross.
  const sorted = [...arcs].sort((x, y) => ORDER[x.pair.verdict] - ORDER[y.pair.verdict] || x.index - y.index);
  out.push('<g class="pairs" fill="none" stroke-linecap="round">');
  for (const { pair, index, line } of sorted) {
    const d = path(line);
    if (!d) continue;
    const colour = VERDICT_COLOURS[pair.verdict];
    const widthPx = pair.verdict === 'error' ? 3 : pair.verdict === 'warning' ? 2.5 : 2;
    out.push(
      `<g class="pair ${pair.verdict}" data-pair="${index}" data-from="${escapeXml(pair.from)}" data-to="${escapeXml(pair.to)}" data-verdict="${pair.verdict}"><title>${escapeXml(pairTooltip(pair))}</title>` +
        `<path d="${d}" stroke="${colour}" stroke-width="${widthPx}"${pair.link ? '' : ' stroke-dasharray="7 5"'}/>` +
        `<path d="${d}" stroke="transparent" stroke-width="12"/></g>`,
    );
  }
  out.push('</g>');
  // Sites and labels; a label tries right, left, above, below of its dot, avoiding the labels placed so far.
  const placed: Array<[number, number, number, number]> = [];
  const overlaps = (b: [number, number, number, number]) =>
    b[0] < 4 || b[2] > width - 4 || b[1] < 4 || placed.some((p) => b[0] < p[2] && b[2] > p[0] && b[1] < p[3] && b[3] > p[1]);
  out.push('<g class="sites">');
  for (const s of data.sites) {
    const xy = projection([s.lonDeg, s.latDeg]);
    if (!xy || !Number.isFinite(xy[0]) || !Number.isFinite(xy[1])) continue;
    const [x, y] = [Math.round(xy[0] * 10) / 10, Math.round(xy[1] * 10) / 10];
    const label = s.id;
    const w = label.length * 7.2 + 4;
    const candidates: Array<[number, number, 'start' | 'end' | 'middle']> = [
      [x + 8, y + 4.5, 'start'],
      [x - 8, y + 4.5, 'end'],
      [x, y - 9, 'middle'],
      [x, y + 18, 'middle'],
    ];
    const box = ([lx, ly, anchor]: [number, number, string]): [number, number, number, number] => {
      const left = anchor === 'start' ? lx : anchor === 'end' ? lx - w : lx - w / 2;
      return [left, ly - 12, left + w, ly + 3];
    };
    const chosen = candidates.find((c) => !overlaps(box(c))) ?? candidates[0]!;
    placed.push(box(chosen));
    const tip = [`${s.id}${s.name ? `: ${s.name}` : ''}`, `${s.latDeg.toFixed(4)}, ${s.lonDeg.toFixed(4)} (from ${s.origin})`].join('\n');
    out.push(
      `<g class="site ${s.verdict}" data-site="${escapeXml(s.id)}"><title>${escapeXml(tip)}</title>` +
        `<circle cx="${x}" cy="${y}" r="5" fill="#1f2933" stroke="#ffffff" stroke-width="1.5"/>` +
        `<text x="${chosen[0]}" y="${chosen[1]}" text-anchor="${chosen[2]}" fill="#1f2933" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${escapeXml(label)}</text></g>`,
    );
  }
  out.push('</g>');
  // Title, legend, sources.
  const count = (v: MapVerdict) => data.pairs.filter((p) => p.verdict === v).length;
  out.push(
    `<text x="16" y="26" font-size="16" font-weight="600" fill="#1f2933" stroke="#dcebf5" stroke-width="4" paint-order="stroke">${escapeXml(data.name ?? data.file)}</text>`,
  );
  const legendY = height - 66;
  out.push(`<g class="legend"><rect x="12" y="${legendY - 6}" width="${width - 24}" height="62" rx="4" fill="#ffffff" fill-opacity="0.85"/>`);
  let lx = 24;
  for (const v of ['error', 'warning', 'clean'] as const) {
    out.push(
      `<line x1="${lx}" y1="${legendY + 8}" x2="${lx + 26}" y2="${legendY + 8}" stroke="${VERDICT_COLOURS[v]}" stroke-width="3"/><text x="${lx + 32}" y="${legendY + 12}" fill="#1f2933">${v} (${count(v)})</text>`,
    );
    lx += 130;
  }
  out.push(
    `<line x1="${lx}" y1="${legendY + 8}" x2="${lx + 26}" y2="${legendY + 8}" stroke="#52606d" stroke-width="2"/><text x="${lx + 32}" y="${legendY + 12}" fill="#1f2933">link</text>`,
  );
  lx += 80;
  out.push(
    `<line x1="${lx}" y1="${legendY + 8}" x2="${lx + 26}" y2="${legendY + 8}" stroke="#52606d" stroke-width="2" stroke-dasharray="7 5"/><text x="${lx + 32}" y="${legendY + 12}" fill="#1f2933">judged pair (no link)</text>`,
  );
  const unplaced = data.unplaced.length ? ` Not placed, not drawn: ${data.unplaced.slice(0, 8).join(', ')}${data.unplaced.length > 8 ? ', ...' : ''}.` : '';
  out.push(
    `<text x="24" y="${legendY + 31}" font-size="11" fill="#52606d">Colour: the worst DCI Lint finding on the pair. Lower bound: physics (great circle, light in fiber). RTT: measured, or the DCI Lint heuristic estimate.${escapeXml(unplaced)}</text>`,
    `<text x="24" y="${legendY + 47}" font-size="11" fill="#52606d">${escapeXml(MAP_ATTRIBUTION)} Limits: vendor figures or DCI Lint heuristics, as each pair's tooltip says.</text></g>`,
  );
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
