// Custom requests behind the editor's views and commands (not part of LSP; other editors may send them):
// - `dciLint/map` {uri}: the design of a document as the map and the RTT matrix show it: map data
//   (sites, judged pairs, verdicts, limits, locations), the rendered SVG (the renderer `dci-lint map`
//   uses), and every pair of placed sites for the matrix;
// - `dciLint/lintFiles` {uris}: diagnostics of files that need not be open (Lint Workspace), computed
//   exactly as for an open document.

import * as fs from 'node:fs';
import type { Connection, Diagnostic, Location } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  buildMapData,
  isModuleFile,
  MAX_PAIRWISE_SITES,
  MAX_PLAN_BYTES,
  mayBePlanHead,
  PLAN_HEAD_BYTES,
  renderMapSvg,
  type Design,
  type Finding,
  type Loc,
  type MapData,
  type MapVerdict,
} from '../core';
import { indexFor, rangeOf, toDiagnostics } from './diagnostics';
import { judgedRows } from './mapRows';
import type { Settings } from './settings';
import { fsPathOf, kindOf, type Analysis, type Workspace } from './workspace';

import { LINT_FILES_REQUEST, MAP_REQUEST } from './protocol';

export { LINT_FILES_REQUEST, MAP_REQUEST };

/** One row of the RTT matrix: a pair of placed sites. `origin`: measured on a link, estimated along declared links (path), or a direct estimate. */
export interface MatrixRow {
  from: string;
  to: string;
  distanceKm: number;
  lowerBoundMs: number;
  rttMs: number;
  origin: 'measured' | 'path' | 'estimate';
  path: string[];
  /** the strictest limit in force on the pair, when an element is judged on it */
  limit?: { value: number; unit: 'ms' | 'km'; label: string; ruleId: string; source: string };
  verdict?: MapVerdict;
}

export interface MapResult {
  uri: string;
  version: number;
  name?: string;
  svg: string;
  /** the map data; every `loc` replaced by `location` (uri and range) */
  sites: Array<Omit<MapData['sites'][number], 'loc'> & { location?: Location }>;
  pairs: Array<
    Omit<MapData['pairs'][number], 'uses' | 'findings'> & {
      uses: Array<{ kind: string; name: string; location?: Location }>;
      findings: Array<{ ruleId: string; severity: string; message: string; location?: Location }>;
    }
  >;
  unplaced: string[];
  matrix: MatrixRow[];
  /** the matrix lists at most this many sites (pairs grow with the square) */
  matrixSites: number;
  truncated: boolean;
}

function locationOf(a: Analysis, loc: Loc): Location | undefined {
  const index = indexFor(a, loc.file);
  return index ? { uri: loc.file, range: rangeOf(index, loc.start, loc.end) } : undefined;
}

/** The design of an analysis the views show: the one with the most placed sites. */
function mainDesign(a: Analysis): Design | undefined {
  let best: Design | undefined;
  let bestCount = -1;
  for (const d of a.designs) {
    let n = 0;
    for (const s of d.sites.values()) if (s.placement) n++;
    if (n > bestCount) [best, bestCount] = [d, n];
  }
  return best;
}

export function mapResult(a: Analysis, ws: Workspace, options: { width?: number; height?: number } = {}): MapResult | null {
  const design = mainDesign(a);
  if (!design) return null;
  const model = ws.rttModel(design, a.config);
  const findings: Finding[] = a.designFindings;
  const data = buildMapData(design, findings, model, judgedRows(design, model, a.rows));
  const svg = renderMapSvg(data, options);
  const judged = new Map(data.pairs.map((p) => [p.from < p.to ? `${p.from}\u0000${p.to}` : `${p.to}\u0000${p.from}`, p]));
  const ids = data.sites.map((s) => s.id).slice(0, MAX_PAIRWISE_SITES);
  const matrix: MatrixRow[] = [];
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const p = model.pair(ids[i]!, ids[j]!);
      if (!p) continue;
      const row: MatrixRow = {
        from: p.from,
        to: p.to,
        distanceKm: p.distanceKm,
        lowerBoundMs: p.lowerBoundMs,
        rttMs: p.rttMs,
        origin: p.measured && p.path.length === 2 ? 'measured' : p.basis === 'links' || p.path.length > 2 ? 'path' : 'estimate',
        path: p.path,
      };
      const k = p.from < p.to ? `${p.from}\u0000${p.to}` : `${p.to}\u0000${p.from}`;
      const m = judged.get(k);
      if (m) {
        row.verdict = m.verdict;
        if (m.limit) row.limit = { value: m.limit.value, unit: m.limit.unit, label: m.limit.label, ruleId: m.limit.ruleId, source: m.limit.source };
      }
      matrix.push(row);
    }
  const result: MapResult = {
    uri: a.uri,
    version: a.version,
    svg,
    sites: data.sites.map(({ loc, ...s }) => {
      const location = locationOf(a, loc);
      return location ? { ...s, location } : s;
    }),
    pairs: data.pairs.map(({ uses, findings: fs_, ...p }) => ({
      ...p,
      uses: uses.map((u) => {
        const location = locationOf(a, u.loc);
        return { kind: u.kind, name: u.name, ...(location ? { location } : {}) };
      }),
      findings: fs_.map((f) => {
        const location = locationOf(a, f.loc);
        return { ruleId: f.ruleId, severity: f.severity, message: f.message, ...(location ? { location } : {}) };
      }),
    })),
    unplaced: data.unplaced,
    matrix,
    matrixSites: ids.length,
    truncated: data.sites.length > ids.length,
  };
  if (data.name) result.name = data.name;
  return result;
}

export interface ViewDeps {
  connection: Connection;
  workspace: Workspace;
  analysisOf(uri: string): Promise<Analysis | undefined>;
  settingsFor(uri: string): Promise<Settings>;
  isOpen(uri: string): boolean;
  log(message: string): void;
}

/** The first `bytes` bytes of a file as text (a character cut at the end is dropped). */
function readHead(file: string, bytes: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = new Uint8Array(bytes);
    return new TextDecoder().decode(buf.subarray(0, fs.readSync(fd, buf, 0, bytes, 0)));
  } finally {
    fs.closeSync(fd);
  }
}

/** Files a Lint Workspace request may name at once (the client sends batches, for progress and cancel). */
const MAX_BATCH = 200;

export function registerViews(deps: ViewDeps): void {
  const { connection, workspace } = deps;
  connection.onRequest(MAP_REQUEST, async (params: { uri?: unknown; width?: unknown; height?: unknown }) => {
    try {
      if (typeof params?.uri !== 'string') return null;
      const a = await deps.analysisOf(params.uri);
      if (!a || a.kind === 'config') return null;
      const size = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) && x >= 200 && x <= 8000 ? x : undefined);
      const width = size(params.width);
      const height = size(params.height);
      return mapResult(a, workspace, { ...(width ? { width } : {}), ...(height ? { height } : {}) });
    } catch (e) {
      deps.log(`${MAP_REQUEST} failed: ${(e as Error)?.stack ?? String(e)}`);
      return null;
    }
  });

  connection.onRequest(LINT_FILES_REQUEST, async (params: { uris?: unknown }, token) => {
    const uris = Array.isArray(params?.uris) ? params.uris.filter((u): u is string => typeof u === 'string').slice(0, MAX_BATCH) : [];
    const out: Array<{ uri: string; kind: string; diagnostics: Diagnostic[] }> = [];
    for (const uri of uris) {
      if (token.isCancellationRequested) break;
      try {
        if (deps.isOpen(uri)) {
          const a = await deps.analysisOf(uri);
          if (a) out.push({ uri, kind: a.kind, diagnostics: toDiagnostics(a) });
          continue;
        }
        const file = fsPathOf(uri);
        if (!file) continue;
        let text: string;
        try {
          const st = fs.statSync(file);
          if (!st.isFile()) continue;
          // JSON that is not Terraform's is a plan only when its head names one, as the CLI decides in a
          // folder: a large data file of the workspace is not read whole
          if (/\.json$/i.test(file) && !isModuleFile(file) && (st.size > MAX_PLAN_BYTES || !mayBePlanHead(readHead(file, PLAN_HEAD_BYTES)))) continue;
          text = fs.readFileSync(file, 'utf8');
        } catch {
          continue;
        }
        const kind = kindOf(uri, text);
        if (!kind || kind === 'config') continue;
        const doc = TextDocument.create(uri, kind === 'terraform' ? 'terraform' : 'yaml', 0, text);
        const a = await workspace.analyze(doc, await deps.settingsFor(uri));
        // Not open: keep nothing of it (an open document gets its own analysis).
        workspace.forget(uri);
        if (a) out.push({ uri, kind: a.kind, diagnostics: toDiagnostics(a) });
      } catch (e) {
        deps.log(`${LINT_FILES_REQUEST} ${uri}: ${(e as Error)?.stack ?? String(e)}`);
      }
    }
    return out;
  });
}
