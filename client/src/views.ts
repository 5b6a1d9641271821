// The map and the RTT matrix: webviews over the server's `dciLint/map` answer. The map shows the SVG the
// server renders (the renderer behind `dci-lint map`), with a tooltip and click-to-reveal on its arcs
// and sites; the matrix is a sortable table of every pair, limits in force highlighted, exportable as
// CSV. Both follow the design's document as it is edited. Offline and locked down: a strict Content
// Security Policy (no network, scripts and styles by nonce only), nothing fetched.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

// The shapes of the server's answer, as the server declares them (type-only: nothing of the server is bundled).
import type { MapResult, MatrixRow } from '../../server/src/lsp/views';
// Which documents are designs: the core's one definition of file kinds, as the server and the watchers use it.
import { fileKind } from '../../server/src/core/files';
import { MAP_REQUEST } from '../../server/src/lsp/protocol';
import { count } from './text';

type Location = NonNullable<MapResult['sites'][number]['location']>;

/** A topology or a file of a Terraform module (core/files.ts decides, from the name and for YAML the head of the text). */
export function isDesignDocument(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  if (!doc) return false;
  const kind = fileKind(doc.uri.path, doc.getText(new vscode.Range(0, 0, 200, 0)));
  return kind === 'topology' || kind === 'terraform' || kind === 'terraform-vars';
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars.charAt(Math.floor(Math.random() * chars.length));
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type Kind = 'map' | 'matrix';

/** One panel per kind; it shows the design of the last active design document. */
export class DesignView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private doc: vscode.TextDocument | undefined;
  private last: MapResult | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly kind: Kind,
    private readonly client: () => LanguageClient | undefined,
    private readonly output: vscode.OutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && e.document === this.doc) this.schedule(400);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        // A Terraform module is several files: a save of a sibling changes the design.
        if (this.panel && this.doc && d !== this.doc && /\.(tf|tfvars)$/i.test(d.uri.path)) this.schedule(200);
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (this.panel && e && isDesignDocument(e.document) && e.document !== this.doc) {
          this.doc = e.document;
          this.schedule(0);
        }
      }),
    );
  }

  /** Opens (or reveals) the panel for `doc`, or the active design document. */
  async show(doc?: vscode.TextDocument): Promise<void> {
    const target = doc ?? vscode.window.activeTextEditor?.document ?? this.doc;
    if (!isDesignDocument(target)) {
      void vscode.window.showInformationMessage(
        `DCI Lint: open a topology (*.dci.yaml, or YAML with \`dci: 1\`) or Terraform file to show its ${this.kind === 'map' ? 'map' : 'RTT matrix'}.`,
      );
      return;
    }
    this.doc = target;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        `dciLint.${this.kind}`,
        this.kind === 'map' ? 'DCI Lint map' : 'DCI Lint RTT matrix',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.last = undefined;
      });
      this.panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m));
      this.panel.webview.html = this.html(this.panel.webview);
    } else this.panel.reveal(undefined, true);
    await this.refresh();
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  async refresh(): Promise<void> {
    const client = this.client();
    if (!this.panel || !this.doc || !client) return;
    let result: MapResult | null = null;
    try {
      result = await client.sendRequest<MapResult | null>(MAP_REQUEST, { uri: this.doc.uri.toString() });
    } catch (e) {
      this.output.appendLine(`[views] ${MAP_REQUEST} failed: ${(e as Error)?.message ?? String(e)}`);
    }
    if (!this.panel) return;
    const file = vscode.workspace.asRelativePath(this.doc.uri);
    this.panel.title = `${this.kind === 'map' ? 'Map' : 'RTT matrix'}: ${result?.name ?? file}`;
    if (!result) {
      void this.panel.webview.postMessage({ type: 'empty', text: `No design to show in ${file} (no sites, or the file is not analysed).` });
      return;
    }
    this.last = result;
    if (this.kind === 'map') void this.panel.webview.postMessage({ type: 'map', svg: result.svg, file, name: result.name ?? file, summary: summary(result) });
    else
      void this.panel.webview.postMessage({
        type: 'matrix',
        rows: result.matrix,
        file,
        name: result.name ?? file,
        truncated: result.truncated,
        sites: result.matrixSites,
      });
  }

  private async onMessage(m: unknown): Promise<void> {
    const msg = m as { type?: string; pair?: number; site?: string };
    const r = this.last;
    if (!r) return;
    if (msg.type === 'revealPair' && typeof msg.pair === 'number') {
      const p = r.pairs[msg.pair];
      const loc = p?.findings.find((f) => f.location)?.location ?? p?.uses.find((u) => u.location)?.location;
      if (loc) await reveal(loc);
    } else if (msg.type === 'revealSite' && typeof msg.site === 'string') {
      const s = r.sites.find((x) => x.id === msg.site);
      if (s?.location) await reveal(s.location);
    } else if (msg.type === 'exportCsv') {
      await exportCsv(r);
    } else if (msg.type === 'saveSvg') {
      const target = await vscode.window.showSaveDialog({ filters: { SVG: ['svg'] }, saveLabel: 'Save map' });
      if (target) await vscode.workspace.fs.writeFile(target, Buffer.from(r.svg, 'utf8'));
    }
  }

  private html(webview: vscode.Webview): string {
    const n = nonce();
    const csp = `default-src 'none'; img-src ${webview.cspSource} data:; style-src 'nonce-${n}'; script-src 'nonce-${n}'; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'`;
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${n}">${CSS}</style></head>
<body data-kind="${this.kind}">
<header><h1 id="title">DCI Lint</h1><span id="summary"></span><span class="spacer"></span>${
      this.kind === 'map' ? '<button id="save">Save SVG…</button>' : '<button id="csv">Export CSV…</button>'
    }</header>
<main id="main"><p class="muted">Analysing…</p></main>
<div id="tip" hidden></div>
<script nonce="${n}">${SCRIPT}</script>
</body></html>`;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.panel?.dispose();
  }
}

function summary(r: MapResult): string {
  const c = (v: string) => r.pairs.filter((p) => p.verdict === v).length;
  const unplaced = r.unplaced.length ? `; not placed: ${r.unplaced.slice(0, 6).join(', ')}${r.unplaced.length > 6 ? ', …' : ''}` : '';
  return `${count(r.sites.length, 'site')}, ${count(r.pairs.length, 'pair')}: ${count(c('error'), 'error')}, ${count(c('warning'), 'warning')}, ${c('clean').toLocaleString('en-US')} clean${unplaced}. Click an arc or a site to reveal it.`;
}

async function reveal(loc: Location): Promise<void> {
  const uri = vscode.Uri.parse(loc.uri);
  const range = new vscode.Range(loc.range.start.line, loc.range.start.character, loc.range.end.line, loc.range.end.character);
  const existing = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  await vscode.window.showTextDocument(uri, { selection: range, viewColumn: existing?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
}

const csvCell = (s: string | number | boolean) => {
  const t = String(s);
  return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

/** The matrix as CSV: the columns of `dci-lint matrix --format csv`, plus origin, limit and verdict. */
export function matrixCsv(rows: MatrixRow[]): string {
  const head = 'from,to,distanceKm,lowerBoundMs,rttMs,origin,path,limit,limitUnit,limitLabel,limitRule,verdict';
  const lines = rows.map((r) =>
    [
      r.from,
      r.to,
      r.distanceKm,
      r.lowerBoundMs,
      r.rttMs,
      r.origin,
      r.path.join(' '),
      r.limit?.value ?? '',
      r.limit?.unit ?? '',
      r.limit?.label ?? '',
      r.limit?.ruleId ?? '',
      r.verdict ?? '',
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[head, ...lines].join('\n')}\n`;
}

async function exportCsv(r: MapResult): Promise<void> {
  const base = (r.name ?? 'design').replace(/[^A-Za-z0-9._-]+/g, '-');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    filters: { CSV: ['csv'] },
    saveLabel: 'Export',
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${base}-rtt-matrix.csv`) } : {}),
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, Buffer.from(matrixCsv(r.matrix), 'utf8'));
  void vscode.window.showInformationMessage(`DCI Lint: ${r.matrix.length} pairs written to ${vscode.workspace.asRelativePath(target)}.`);
}

export { escapeHtml };

const CSS = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); margin: 0; padding: 0 12px 12px; }
header { display: flex; align-items: baseline; gap: 12px; position: sticky; top: 0; background: var(--vscode-editor-background); padding: 8px 0; z-index: 2; }
h1 { font-size: 1.2em; margin: 0; }
.spacer { flex: 1; }
.muted, #summary { color: var(--vscode-descriptionForeground); }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 10px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
#main svg { width: 100%; height: auto; max-height: calc(100vh - 60px); border: 1px solid var(--vscode-panel-border); }
#main svg .pair, #main svg .site { cursor: pointer; }
#main svg .pair:hover path:first-of-type { stroke-width: 5; }
#tip { position: fixed; pointer-events: none; white-space: pre-wrap; background: var(--vscode-editorHoverWidget-background); color: var(--vscode-editorHoverWidget-foreground); border: 1px solid var(--vscode-editorHoverWidget-border); padding: 6px 8px; font-size: 12px; z-index: 5; max-width: 520px; overflow: hidden; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 8px; border-bottom: 1px solid var(--vscode-panel-border); text-align: left; }
th { cursor: pointer; user-select: none; position: sticky; top: 44px; background: var(--vscode-editor-background); }
th[data-sort]::after { content: ' ↕'; opacity: 0.4; }
th.asc::after { content: ' ▲'; opacity: 1; }
th.desc::after { content: ' ▼'; opacity: 1; }
td.num { text-align: right; }
tr.error td.limit, tr.error td.verdict { color: #fff; background: #d55e00; font-weight: 600; }
tr.warning td.limit, tr.warning td.verdict { color: #000; background: #e69f00; font-weight: 600; }
tr.clean td.limit, tr.clean td.verdict { color: #fff; background: #009e73; }
tr.error td.limit .muted, tr.warning td.limit .muted, tr.clean td.limit .muted { color: inherit; font-weight: normal; }
td.heat { background: color-mix(in srgb, #d55e00 calc(var(--h) * 60%), transparent); }
`;

// Runs in the webview: renders what the extension posts, reports clicks. No network, no eval.
const SCRIPT = `
const vscode = acquireVsCodeApi();
const main = document.getElementById('main');
const tip = document.getElementById('tip');
let rows = [];
let sortKey = 'rttMs', sortDir = -1;
const fmt = (x, d) => (typeof x === 'number' ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '');
const esc = (s) => String(s).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]);
const save = document.getElementById('save');
if (save) save.addEventListener('click', () => vscode.postMessage({ type: 'saveSvg' }));
const csv = document.getElementById('csv');
if (csv) csv.addEventListener('click', () => vscode.postMessage({ type: 'exportCsv' }));
function header(m) {
  document.getElementById('title').textContent = m.name;
  document.getElementById('summary').textContent = m.summary || '';
}
function showMap(m) {
  header(m);
  main.innerHTML = m.svg;
  const svg = main.querySelector('svg');
  if (!svg) return;
  svg.removeAttribute('width'); svg.removeAttribute('height');
  // Our own tooltip (the SVG's <title> elements hold its text): immediate and styled like a hover.
  for (const t of svg.querySelectorAll('g[data-pair] > title, g[data-site] > title')) { t.parentElement.dataset.tip = t.textContent; t.remove(); }
  svg.addEventListener('mousemove', (e) => {
    const g = e.target.closest('[data-tip]');
    if (!g) { tip.hidden = true; return; }
    tip.textContent = g.dataset.tip;
    tip.hidden = false;
    const x = Math.min(e.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    const y = e.clientY + 14 + tip.offsetHeight > window.innerHeight ? e.clientY - tip.offsetHeight - 10 : e.clientY + 14;
    tip.style.left = x + 'px'; tip.style.top = y + 'px';
  });
  svg.addEventListener('mouseleave', () => { tip.hidden = true; });
  svg.addEventListener('click', (e) => {
    const p = e.target.closest('[data-pair]');
    if (p) return vscode.postMessage({ type: 'revealPair', pair: Number(p.dataset.pair) });
    const s = e.target.closest('[data-site]');
    if (s) vscode.postMessage({ type: 'revealSite', site: s.dataset.site });
  });
}
const COLS = [
  ['from', 'from'], ['to', 'to'], ['distanceKm', 'distance (km)', 0], ['lowerBoundMs', 'lower bound (ms)', 2], ['rttMs', 'RTT (ms)', 2],
  ['origin', 'origin'], ['limit', 'limit'], ['verdict', 'verdict'], ['path', 'path'],
];
function renderTable() {
  const maxRtt = Math.max(1, ...rows.map((r) => r.rttMs));
  const val = (r, k) => (k === 'limit' ? (r.limit ? r.limit.value : Infinity) : k === 'verdict' ? ({ error: 3, warning: 2, clean: 1 })[r.verdict] || 0 : k === 'path' ? r.path.join(' ') : r[k]);
  const sorted = [...rows].sort((a, b) => { const x = val(a, sortKey), y = val(b, sortKey); return (x < y ? -1 : x > y ? 1 : 0) * sortDir; });
  let h = '<table><thead><tr>' + COLS.map(([k, label]) => '<th data-sort="' + k + '" class="' + (k === sortKey ? (sortDir > 0 ? 'asc' : 'desc') : '') + '">' + label + '</th>').join('') + '</tr></thead><tbody>';
  for (const r of sorted) {
    const lim = r.limit ? esc(r.limit.unit === 'km' ? fmt(r.limit.value, 0) + ' km' : fmt(r.limit.value, 1) + ' ms') + ' <span class="muted">' + esc(r.limit.label) + '</span>' : '<span class="muted">—</span>';
    const verdict = r.verdict ? (r.verdict === 'error' ? '✗ error' : r.verdict === 'warning' ? '⚠ warning' : '✓ within') : '';
    h += '<tr class="' + (r.limit || r.verdict !== 'clean' ? r.verdict || '' : '') + '" title="' + esc(r.limit ? r.limit.source : '') + '">' +
      '<td>' + esc(r.from) + '</td><td>' + esc(r.to) + '</td>' +
      '<td class="num">' + fmt(r.distanceKm, 0) + '</td><td class="num">' + fmt(r.lowerBoundMs, 2) + '</td>' +
      '<td class="num heat" data-h="' + (r.rttMs / maxRtt).toFixed(3) + '">' + fmt(r.rttMs, 2) + '</td>' +
      '<td>' + esc(r.origin) + '</td><td class="limit">' + lim + '</td><td class="verdict">' + verdict + '</td><td>' + esc(r.path.join(' → ')) + '</td></tr>';
  }
  h += '</tbody></table>';
  main.innerHTML = h;
  // CSSOM, not style attributes: the Content Security Policy allows no inline styles.
  for (const td of main.querySelectorAll('td[data-h]')) td.style.setProperty('--h', td.dataset.h);
  for (const th of main.querySelectorAll('th[data-sort]')) th.addEventListener('click', () => {
    const k = th.dataset.sort;
    sortDir = k === sortKey ? -sortDir : (k === 'from' || k === 'to' || k === 'origin' || k === 'path' ? 1 : -1);
    sortKey = k;
    renderTable();
  });
}
window.addEventListener('message', (event) => {
  const m = event.data;
  if (m.type === 'map') showMap(m);
  else if (m.type === 'matrix') {
    rows = m.rows;
    header({ name: m.name, summary: rows.length + ' pairs of ' + m.sites + ' placed sites' + (m.truncated ? ' (the first ' + m.sites + ' sites only)' : '') + '. Limits in force are highlighted; click a header to sort.' });
    renderTable();
  } else if (m.type === 'empty') { main.innerHTML = '<p class="muted">' + esc(m.text) + '</p>'; }
});
`;
