// Drives real VS Code (code-server) in headless Chromium with the DCI Lint VSIX
// installed: Problems panel, hover, quick fix; then the map and RTT matrix views, a
// Terraform service hover, Lint Workspace, and the status item after the server is killed. Started by scripts/e2e-code-server.sh,
// which owns code-server; this file only talks to it over HTTP.
//
//   node test/e2e/code-server/driver.mjs --url http://127.0.0.1:PORT/ \
//        --workspace /tmp/.../examples --artifacts test-artifacts/vscode
//
// Every step waits on selectors/text (never fixed sleeps), saves a screenshot,
// and on failure saves failure.png and exits 1 with the step that failed.
import { chromium } from 'playwright-core';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    workspace: { type: 'string' },
    artifacts: { type: 'string', default: 'test-artifacts/vscode' },
    file: { type: 'string', default: 'follow-the-sun.dci.yaml' },
    headed: { type: 'boolean', default: false },
  },
});
if (!args.url || !args.workspace) {
  console.error('usage: driver.mjs --url http://127.0.0.1:PORT/ --workspace DIR [--artifacts DIR]');
  process.exit(2);
}
const ART = path.resolve(args.artifacts);
fs.mkdirSync(ART, { recursive: true });
const FILE = args.file;
const FILE_PATH = path.join(args.workspace, FILE);
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];
const T_LSP = 60_000; // extension activation + server start + first lint, generous for 2 cores
const T_UI = 30_000; // generous: the 2-core machine is often shared with builds and benchmarks

// What the Problems panel must show: the core's own findings for the same file
// (unsuppressed), as (rule id, 1-based line, severity). Imported from the built
// bundle, as every test in this repo does; the server must not add or lose any.
const core = createRequire(import.meta.url)('../../../dist/core.js');
const text = fs.readFileSync(FILE_PATH, 'utf8');
// The server applies the nearest .dci-lint.yaml inside the workspace folder; so do we.
const configFile = ['.dci-lint.yaml', '.dci-lint.yml'].map((n) => path.join(args.workspace, n)).find((f) => fs.existsSync(f));
const lintOptions = configFile ? { config: core.parseConfig(fs.readFileSync(configFile, 'utf8'), configFile).config } : {};
function coreFindings(source) {
  const idx = new core.LineIndex(source);
  const all = core.lintTopology(FILE_PATH, source, lintOptions).findings.filter((f) => !f.suppressed);
  for (const f of all) Object.assign(f, { line: idx.position(f.loc.start).line + 1 });
  return all.sort(byLineThenRule);
}
const findings = coreFindings(text);
const expected = findings.map((f) => ({ ruleId: f.ruleId, line: f.line, severity: f.severity }));
const PATH_LINE = text.split('\n').findIndex((l) => /^\s*path:\s*\[/.test(l)) + 1;
if (!expected.some((f) => f.ruleId === 'vmotion-rtt') || PATH_LINE < 1) {
  console.error(`[driver] FAIL: ${FILE} no longer has a vmotion-rtt finding on a migration path line; the scenario needs one`);
  process.exit(1);
}

const log = (...a) => console.log('[driver]', ...a);
const t0 = Date.now();
const since = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
let page;
let browser;
let step = 'start';
let shot = 0;
const consoleLines = [];

async function screenshot(name) {
  const file = path.join(ART, `${String(++shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  log(`${since()} screenshot ${path.relative(process.cwd(), file)}`);
}

async function fail(where, message) {
  console.error(`\n[driver] FAIL at step "${where}": ${message}`);
  if (page) {
    try {
      await page.screenshot({ path: path.join(ART, 'failure.png') });
      console.error(`[driver] screenshot: ${path.join(ART, 'failure.png')}`);
      const notes = await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
      if (notes.length) console.error('[driver] notifications:\n  ' + notes.join('\n  '));
      const rows = await problemRows().catch(() => []);
      if (rows.length) console.error('[driver] Problems rows:\n  ' + rows.map((r) => r.text).join('\n  '));
    } catch (e) {
      console.error(`[driver] (could not capture the page: ${e.message})`);
    }
  }
  fs.writeFileSync(path.join(ART, 'browser-console.log'), consoleLines.join('\n') + '\n');
  await browser?.close().catch(() => {});
  process.exit(1);
}

function applyEdits(source, edits) {
  return [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), source);
}

function byLineThenRule(a, b) {
  return a.line - b.line || a.ruleId.localeCompare(b.ruleId);
}

async function waitForServer(url, ms) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      const r = await fetch(new URL('healthz', url));
      if (r.ok) return;
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await new Promise((r) => setTimeout(r, 200)); // polling a socket, not waiting on the UI
  }
  throw new Error(`code-server did not answer on ${url} within ${ms / 1000}s (${last})`);
}

const norm = (s) => s.replace(/\u00a0/g, ' ');

// The rendered rows of the Problems tree (level 1 = file, 2 = marker, 3 = related information).
async function problemRows() {
  return page.locator('.markers-panel .monaco-list-row').evaluateAll((els) =>
    els
      .map((el) => {
        const q = (sel) => el.querySelector(sel)?.textContent.replace(/\u00a0/g, ' ').trim() ?? '';
        const sev = ['error', 'warning', 'info'].find((s) => el.querySelector(`.marker-icon.${s}, .marker-icon .codicon-${s}`));
        return {
          level: Number(el.getAttribute('aria-level') || 0),
          index: Number(el.getAttribute('data-index') || 0),
          label: el.getAttribute('aria-label') || '',
          text: el.innerText.replace(/\u00a0/g, ' ').replace(/\s*\n\s*/g, ' ').trim(),
          message: q('.marker-message'),
          source: q('.marker-source'),
          code: q('.marker-code'),
          href: el.querySelector('a.monaco-link')?.getAttribute('href') ?? '',
          where: q('.marker-line'),
          severity: sev ?? '',
        };
      })
      .sort((a, b) => a.index - b.index),
  );
}

// Markers of FILE as [{ ruleId, line, col, severity, source, href, message }], from the rendered rows.
async function fileMarkers() {
  const rows = await problemRows();
  const out = [];
  let inFile = false;
  for (const r of rows) {
    if (r.level === 1) inFile = r.text.includes(FILE);
    if (!inFile || r.level !== 2) continue;
    const m = /\[Ln (\d+), Col (\d+)\]/.exec(r.where);
    out.push({ ruleId: r.code, line: m ? Number(m[1]) : 0, col: m ? Number(m[2]) : 0, severity: r.severity, source: r.source, href: r.href, message: r.message, text: r.text });
  }
  return out.sort(byLineThenRule);
}

// The count badge of FILE's node in the Problems tree (always rendered: first rows).
async function fileBadge() {
  const row = page.locator('.markers-panel .monaco-list-row[aria-level="1"]', { hasText: FILE }).first();
  if (!(await row.count())) return -1;
  return Number((await row.locator('.monaco-count-badge').innerText().catch(() => '-1')).trim());
}

const fmt = (list) => list.map((f) => `${f.ruleId}@${f.line}(${f.severity})`).join(', ');

async function run() {
  step = 'code-server answers';
  await waitForServer(args.url, 30_000);
  log(`${since()} code-server is up`);

  step = 'launch chromium';
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: !args.headed, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  page = await context.newPage();
  page.setDefaultTimeout(T_UI);
  page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));

  step = 'open the workbench on the workspace folder';
  await page.goto(`${args.url}?folder=${encodeURIComponent(args.workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The explorer lists the workspace once the folder is open.
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).first().waitFor({ timeout: 60_000 });
  log(`${since()} workbench ready`);
  await screenshot('workbench');

  // Ctrl+G opens quick open in ":" (go to line) mode; the status bar confirms the cursor.
  async function gotoLine(line, col) {
    await page.keyboard.press('Control+G');
    await quickInput.waitFor();
    await quickInput.fill(`:${line}:${col}`);
    // Enter before the picker has read the text is lost (a CI run stayed at "Press 'Enter' to go to line
    // 45" until the step timed out): wait for its row, and press again if the picker stays open.
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: `line ${line}` })
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(() => {});
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Enter');
      try {
        await quickInput.waitFor({ state: 'hidden', timeout: 5_000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
        log(`${since()} go to line ${line}: the picker is still open, Enter again`);
      }
    }
    await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${col}` }).first().waitFor();
  }

  const quickInput = page.locator('.quick-input-widget input');
  step = `open ${FILE} with Ctrl+P`;
  await page.locator('.monaco-workbench').click({ position: { x: 800, y: 500 } }).catch(() => {});
  await page.keyboard.press('Control+P');
  await quickInput.waitFor();
  await quickInput.fill(FILE);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first().waitFor({ timeout: 60_000 }); // the first file search is slow on a busy machine
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: FILE }).waitFor();
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await editor.locator('.view-line', { hasText: 'migrations:' }).waitFor();
  log(`${since()} ${FILE} open`);
  await screenshot('file-open');

  step = 'Problems panel (Ctrl+Shift+M) shows the findings';
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor();
  let shown = [];
  try {
    // The file's node in the tree carries the marker count; wait for the full count.
    await page.waitForFunction(
      ({ file, n }) =>
        [...document.querySelectorAll('.markers-panel .monaco-list-row[aria-level="1"]')].some(
          (r) => r.innerText.includes(file) && r.querySelector('.monaco-count-badge')?.textContent.trim() === String(n),
        ),
      { file: FILE, n: expected.length },
      { timeout: T_LSP },
    );
  } catch {
    shown = await fileMarkers();
    throw new Error(
      `expected ${expected.length} markers on ${FILE} within ${T_LSP / 1000}s; badge ${await fileBadge()}, rows: ${fmt(shown)}`,
    );
  }
  log(`${since()} ${expected.length} markers on ${FILE}`);
  // The tree is virtualised (only visible rows exist): maximise the panel to read them all.
  const panel = page.locator('.part.panel');
  await panel.locator('.action-label[aria-label^="Maximize Panel"]').click();
  await panel.locator('.action-label[aria-label^="Restore Panel"]').waitFor();
  shown = await fileMarkers();
  log(`${since()} Problems: ${fmt(shown)}`);
  const want = fmt(expected);
  if (fmt(shown) !== want) throw new Error(`Problems panel shows\n    ${fmt(shown)}\n  but the core finds\n    ${want}`);
  const bad = shown.filter((m) => m.source !== 'dci-lint');
  if (bad.length) throw new Error(`markers without source "dci-lint": ${bad.map((m) => m.text).join(' | ')}`);
  for (const id of ['vmotion-rtt', 'follow-the-sun']) {
    if (!shown.some((m) => m.ruleId === id)) throw new Error(`no ${id} marker`);
  }
  const noDocs = shown.filter((m) => m.href !== core.docsUrl(m.ruleId));
  if (noDocs.length) throw new Error(`rule ids not linked to their docs page: ${noDocs.map((m) => `${m.ruleId} -> "${m.href}"`).join(', ')}`);
  await screenshot('problems');
  await panel.locator('.action-label[aria-label^="Restore Panel"]').click();
  await panel.locator('.action-label[aria-label^="Maximize Panel"]').waitFor();

  step = 'hover on the migration path line shows its RTT table';
  // Reveal the line first (Ctrl+G): after the panel is restored, the editor's scroll
  // position varies and line 30 may not be rendered at all.
  await gotoLine(PATH_LINE, 1);
  const pathLine = editor.locator('.view-line', { hasText: /path:\s*\[/ }).last();
  await pathLine.waitFor();
  // Hover the `path` key itself: inside the migration, outside any site id and finding,
  // so the server answers with the migration's RTT table (hop, distance, lower bound, RTT, limit).
  const pathKey = pathLine.locator('span > span', { hasText: /^\s*path\s*$/ }).first();
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ visible: true }).first();
  const table = hover.locator('table').filter({ hasText: /lower bound/i }).first();
  // A layout shift (panel restore, inlay hints arriving) can move the text under a still
  // mouse: hover again (up to 4 times) until the widget shows the migration's table.
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(5, 5);
    await pathKey.hover();
    try {
      await table.waitFor({ timeout: 10_000 });
      if (attempt > 1) log(`${since()} hover shown on attempt ${attempt}`);
      break;
    } catch {
      const seen = (await hover.count()) ? norm(await hover.innerText()).slice(0, 600) : '(no hover widget)';
      if (attempt === 4) throw new Error(`no RTT table in the hover after ${attempt} attempts; hover: ${seen}`);
      await page.screenshot({ path: path.join(ART, `hover-attempt-${attempt}.png`) });
      log(`${since()} hover attempt ${attempt} showed no RTT table (${seen.replace(/\s+/g, ' ').slice(0, 120)}); hovering again`);
    }
  }
  const hoverText = norm(await hover.innerText());
  log(`${since()} hover: ${hoverText.replace(/\s+/g, ' ').slice(0, 400)}`);
  if (!/RTT/.test(hoverText) || !/\d+(\.\d+)? ms/.test(hoverText)) throw new Error(`hover lacks "RTT" or "<n> ms": ${hoverText.slice(0, 600)}`);
  const cells = await table.locator('tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td, th')].map((c) => c.textContent.replace(/\u00a0/g, ' ').trim())),
  );
  // Every hop of the path has a row whose figures match the core's RTT model (within display rounding).
  const design = core.lintTopology(FILE_PATH, text, lintOptions).designs[0];
  const model = new core.RttModel(design);
  const hops = /path:\s*\[([^\]]*)\]/.exec(text.split('\n')[PATH_LINE - 1])[1].split(',').map((x) => x.trim());
  const near = (shownNum, want) => Math.abs(shownNum - want) <= Math.max(0.051, want * 0.006);
  const nums = (cell, unit) => [...cell.matchAll(new RegExp(`([\\d,]+(?:\\.\\d+)?)\\s*${unit}\\b`, 'g'))].map((m) => Number(m[1].replace(/,/g, '')));
  for (let i = 0; i + 1 < hops.length; i++) {
    const [a, b] = [hops[i], hops[i + 1]];
    const p = model.pair(a, b);
    const row = cells.find((r) => r[0] && r[0].includes(a) && r[0].includes(b));
    if (!row) throw new Error(`hover table has no row for ${a} -> ${b}: ${JSON.stringify(cells)}`);
    const msNums = row.slice(1).flatMap((c) => nums(c, 'ms'));
    const kmNums = row.slice(1).flatMap((c) => nums(c, 'km'));
    const missing = [
      ['distance', p.distanceKm, kmNums],
      ['lower bound', p.lowerBoundMs, msNums],
      ['RTT', p.rttMs, msNums],
    ].filter(([, want, got]) => !got.some((g) => near(g, want)));
    if (missing.length)
      throw new Error(`hover row ${JSON.stringify(row)} lacks ${missing.map(([k, w]) => `${k} ${w}`).join(', ')} (core RTT model)`);
  }
  log(`${since()} hover table rows: ${cells.slice(1).map((r) => r.join(' | ')).join(' // ')}`);
  await screenshot('hover');
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 5);
  await hover.waitFor({ state: 'hidden' }).catch(() => {});

  step = 'quick fix (Ctrl+.) on a vmotion-rtt diagnostic';
  const vm = shown.find((m) => m.ruleId === 'vmotion-rtt');
  await gotoLine(vm.line, vm.col);
  const menu = page.locator('.action-widget').filter({ visible: true }).first();
  // Ctrl+. once went unanswered in CI (the cursor on the diagnostic, the light bulb shown, no menu in 30 s;
  // passed on rerun): dismiss any hover and press again, a bounded number of times.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    const opened = await menu.waitFor({ timeout: 8_000 }).then(
      () => true,
      () => false,
    );
    if (opened) break;
    if (attempt === 3) await menu.waitFor();
    log(`${since()} no quick fix menu after Ctrl+. (attempt ${attempt}): again`);
    await page.keyboard.press('Escape');
  }
  const items = menu.locator('.monaco-list-row.action');
  await items.first().waitFor();
  const titles = (await items.allInnerTexts()).map((t) => norm(t).trim());
  log(`${since()} quick fixes: ${titles.join(' | ')}`);
  const pick =
    titles.find((t) => /method: cold/.test(t)) ?? titles.find((t) => /Disable vmotion-rtt for this line/i.test(t));
  if (!pick) throw new Error(`no "Switch to method: cold" nor "Disable vmotion-rtt for this line" in: ${titles.join(' | ')}`);
  // The same fix from the core (its own fixes, or the generic disable-line one), to know
  // exactly what the document and the Problems panel must look like afterwards.
  const vmFinding = findings.find((f) => f.ruleId === 'vmotion-rtt' && f.line === vm.line);
  const coreFix = [...vmFinding.fixes, core.disableLineFix(vmFinding, text)].find((f) => f.title === pick);
  if (!coreFix) throw new Error(`the editor offers "${pick}" but the core has no fix with that title for this finding`);
  const fixedText = applyEdits(text, coreFix.edits);
  const expectedAfter = coreFindings(fixedText);
  const changedLine = fixedText.split('\n').find((l, i) => l !== text.split('\n')[i] && l.trim());
  await screenshot('quick-fix-menu');
  await items.filter({ hasText: pick }).first().click();
  await menu.waitFor({ state: 'hidden' });
  log(`${since()} applied: ${pick}`);

  step = `after "${pick}", the vmotion-rtt entries are gone`;
  const lineRe = new RegExp(changedLine.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  await editor.locator('.view-line', { hasText: lineRe }).waitFor();
  try {
    await page.waitForFunction(
      ({ file, n }) => {
        const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')];
        const badge = rows.find((r) => r.getAttribute('aria-level') === '1' && r.innerText.includes(file));
        return (
          badge?.querySelector('.monaco-count-badge')?.textContent.trim() === String(n) &&
          !rows.some((r) => r.querySelector('.marker-code')?.textContent.trim() === 'vmotion-rtt')
        );
      },
      { file: FILE, n: expectedAfter.length },
      { timeout: T_UI },
    );
  } catch {
    throw new Error(`expected ${expectedAfter.length} markers without vmotion-rtt; badge ${await fileBadge()}, rows: ${fmt(await fileMarkers())}`);
  }
  await panel.locator('.action-label[aria-label^="Maximize Panel"]').click();
  await panel.locator('.action-label[aria-label^="Restore Panel"]').waitFor();
  const after = await fileMarkers();
  await panel.locator('.action-label[aria-label^="Restore Panel"]').click();
  log(`${since()} Problems after the fix: ${fmt(after)}`);
  if (fmt(after) !== fmt(expectedAfter))
    throw new Error(`after the fix the Problems panel shows\n    ${fmt(after)}\n  but the core finds\n    ${fmt(expectedAfter)}`);
  if (after.some((m) => m.ruleId === 'vmotion-rtt')) throw new Error('vmotion-rtt still listed');
  await screenshot('after-fix');

  await editorSteps(editor, gotoLine, quickInput, panel);

  fs.writeFileSync(path.join(ART, 'browser-console.log'), consoleLines.join('\n') + '\n');
  await browser.close();
  log(`${since()} PASS`);
}

// --- the editor an architect expects (issue 14) ------------------------------------------------

/** Runs a command from the palette (F1); `then`: a placeholder the command's own quick pick shows next. */
async function command(quickInput, title, then) {
  // A webview that takes focus as it loads can close the palette under us: open it again then.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await quickInput.waitFor({ timeout: 5000 });
      await quickInput.fill(`>${title}`, { timeout: 5000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      log(`${since()} the command palette closed before "${title}" was typed; again`);
    }
  }
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  if (then) await page.locator(`.quick-input-widget input[placeholder="${then}"]`).waitFor();
  else await quickInput.waitFor({ state: 'hidden' });
}

/** The webview frame (VS Code nests the content two iframes deep) that has `selector`. */
async function webviewFrame(selector, timeoutMs) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    for (const f of page.frames()) {
      if (f === page.mainFrame()) continue;
      if (await f.locator(selector).count().catch(() => 0)) return f;
    }
    if (Date.now() > end) throw new Error(`no webview shows ${selector} within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 250)); // polling frames as they attach, not waiting on the UI
  }
}

/** Ctrl+P a workspace file by name. */
async function openFile(quickInput, name) {
  await page.keyboard.press('Control+P');
  await quickInput.waitFor();
  await quickInput.fill(name);
  // Click the matching row (Enter could pick a row of the previous, still displayed results).
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 60_000 });
  await row.click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
}

/** The language server's pid (our code-server's extensions dir is beside the workspace copy). */
function serverPid() {
  const ext = path.resolve(args.workspace, '../../extensions');
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout;
  const line = ps.split('\n').find((l) => l.includes(ext) && l.includes('dist/server.js'));
  return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
}

async function editorSteps(editor, gotoLine, quickInput, panel) {
  step = 'Show Map: the design on a world map, judged pairs coloured, a tooltip';
  await page.keyboard.press('Control+J'); // hide the panel and the side bar: room for the map
  await page.locator('.part.panel').waitFor({ state: 'hidden' });
  await page.keyboard.press('Control+B');
  await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
  await command(quickInput, 'DCI Lint: Show Map');
  const mapFrame = await webviewFrame('svg g[data-pair]', T_UI);
  // The map follows edits: undo the quick fix in the editor and the vMotion hops turn red.
  if (await mapFrame.locator('svg g[data-verdict="error"]').count()) throw new Error('the map shows an error before the undo');
  await editor.click({ position: { x: 200, y: 100 } });
  await page.keyboard.press('Control+Z');
  await mapFrame.locator('svg g[data-verdict="error"]').first().waitFor({ timeout: T_LSP });
  const labels = await mapFrame.locator('svg g[data-site] text').evaluateAll((ts) => ts.map((t) => t.textContent));
  const design = core.lintTopology(FILE_PATH, fs.readFileSync(FILE_PATH, 'utf8'), lintOptions).designs[0];
  const ids = [...design.sites.keys()];
  if (labels.sort().join() !== [...ids].sort().join()) throw new Error(`map labels ${labels} but the design has sites ${ids}`);
  const verdicts = await mapFrame.locator('svg g[data-pair]').evaluateAll((gs) => gs.map((g) => g.dataset.verdict));
  await page.locator('.tabs-container .tab', { hasText: 'Map:' }).click();
  await page.locator('.tabs-container .tab.active', { hasText: 'Map:' }).waitFor();
  await command(quickInput, 'View: Toggle Maximize Editor Group');
  // Hover a point on the arc itself (the middle of the path, not of its bounding box).
  const arc = mapFrame.locator('svg g[data-verdict="error"] path').last();
  const at = await arc.evaluate((el) => {
    const p = el.getPointAtLength(el.getTotalLength() / 2);
    const q = p.matrixTransform(el.getScreenCTM());
    const r = el.getBoundingClientRect();
    return { x: q.x - r.left, y: q.y - r.top };
  });
  await arc.hover({ position: at, force: true });
  try {
    await mapFrame.locator('#tip:not([hidden])').waitFor({ timeout: 5000 });
  } catch {
    // Headless Chromium does not always deliver the pointer move into a nested webview frame:
    // send the same event to the arc (its handler is what is under test, not the browser).
    log(`${since()} no tooltip after a real hover; dispatching mousemove on the arc`);
    const box = await arc.evaluate((el) => el.getBoundingClientRect().toJSON());
    await arc.dispatchEvent('mousemove', { clientX: box.x + at.x, clientY: box.y + at.y, bubbles: true });
    await mapFrame.locator('#tip:not([hidden])').waitFor();
  }
  const tipText = await mapFrame.locator('#tip').innerText();
  if (!/lower bound [\d.]+ ms/.test(tipText) || !/limit/.test(tipText)) throw new Error(`map tooltip lacks figures: ${tipText}`);
  log(`${since()} map: ${labels.length} sites, arcs ${verdicts.join(' ')}; tooltip: ${tipText.replace(/\n/g, ' | ')}`);
  await screenshot('map');
  // Click the arc: the editor reveals (selects) the finding behind it.
  await command(quickInput, 'View: Toggle Maximize Editor Group');
  const selected = page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+ \(\d+ selected\)/ }).first();
  await arc.click({ position: at, force: true });
  try {
    await selected.waitFor({ timeout: 5000 });
  } catch {
    log(`${since()} the real click did not reach the webview; dispatching click on the arc`);
    await arc.dispatchEvent('click', { bubbles: true });
    await selected.waitFor();
  }
  log(`${since()} the arc revealed ${norm(await selected.innerText())} in ${FILE}`);

  step = 'Show RTT Matrix: every pair, limits highlighted';
  await command(quickInput, 'DCI Lint: Show RTT Matrix');
  const matrixFrame = await webviewFrame('table tbody tr', T_UI);
  const n = await matrixFrame.locator('table tbody tr').count();
  if (n !== (ids.length * (ids.length - 1)) / 2) throw new Error(`matrix has ${n} rows for ${ids.length} sites`);
  if (!(await matrixFrame.locator('tr.error td.limit').count())) throw new Error('no limit highlighted as an error in the matrix');
  await matrixFrame.locator('th[data-sort="distanceKm"]').click();
  await matrixFrame.locator('th.desc[data-sort="distanceKm"]').waitFor();
  log(`${since()} matrix: ${n} rows`);
  await screenshot('matrix');
  await command(quickInput, 'View: Close All Editors');
  await page.keyboard.press('Control+J'); // the panel and the side bar again
  await page.locator('.part.panel').waitFor();
  await page.keyboard.press('Control+B');
  await page.locator('.part.sidebar').waitFor();

  step = 'Terraform: hover on a service mesh VMOTION service shows the migration and its limit';
  const TF = 'hcx.tf';
  await page.keyboard.press('Control+P');
  await quickInput.waitFor();
  await quickInput.fill(`hcx-frankfurt-sydney/${TF}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'hcx-frankfurt-sydney' }).first().waitFor({ timeout: 60_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: TF }).waitFor();
  const tfText = fs.readFileSync(path.join(args.workspace, 'terraform/hcx-frankfurt-sydney', TF), 'utf8').split('\n');
  const meshLine = tfText.findIndex((l) => /^resource "hcx_service_mesh"/.test(l));
  const vmLine = tfText.findIndex((l, i) => i > meshLine && /name = "VMOTION"/.test(l)) + 1;
  await gotoLine(vmLine, 1);
  const tfEditor = page.locator('.editor-group-container.active .monaco-editor').first();
  const target = tfEditor.locator('.view-line', { hasText: 'name = "VMOTION"' }).last().locator('span > span', { hasText: /VMOTION/ }).first();
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ visible: true }).first();
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(5, 5);
    await target.hover();
    try {
      await hover.filter({ hasText: /migration/ }).waitFor({ timeout: 10_000 });
      break;
    } catch {
      if (attempt === 4) throw new Error(`no migration in the hover: ${(await hover.count()) ? norm(await hover.innerText()).slice(0, 400) : '(none)'}`);
    }
  }
  const tfHover = norm(await hover.innerText());
  if (!/hcx-vmotion/.test(tfHover) || !/150 ms/.test(tfHover)) throw new Error(`hover lacks the HCX vMotion limit: ${tfHover.slice(0, 400)}`);
  log(`${since()} Terraform hover: ${tfHover.replace(/\s+/g, ' ').slice(0, 200)}`);
  await screenshot('terraform-hover');
  await page.keyboard.press('Escape');
  await command(quickInput, 'View: Close All Editors');

  step = 'Lint Workspace fills the Problems panel with files that are not open';
  await command(quickInput, 'DCI Lint: Lint Workspace');
  await page.locator('.notifications-toasts .notification-list-item-message', { hasText: /Linted \d+ topology, Terraform and plan files/ }).waitFor({ timeout: T_LSP });
  await page.keyboard.press('Control+Shift+M');
  // One row per file: collapse the tree (it is virtualised; expanded, the files below are not rendered).
  // The panel may still be filling when the first click lands (seen once in CI): click until no
  // problem row (level 2) is left, a bounded number of times.
  const collapseAll = page.locator('.part.panel .action-label[aria-label^="Collapse All"]').filter({ visible: true }).first();
  const problemRows = page.locator('.markers-panel .monaco-list-row[aria-level="2"]');
  for (let i = 0; i < 20; i++) {
    await collapseAll.click({ timeout: 2_000 }).catch(() => undefined);
    if ((await problemRows.count()) === 0) break;
    await page.waitForTimeout(250);
  }
  // Each file found through the panel's filter: the list is virtualised, and the collapse above does not
  // always take (a CI run once kept the tree expanded and the last file below the fold).
  const filter = page.locator('.part.panel input[placeholder^="Filter"]').filter({ visible: true }).first();
  for (const name of ['follow-the-sun.dci.yaml', 'stretched-vlan.dci.yaml', 'hcx.tf']) {
    await filter.fill(name);
    await page.locator('.markers-panel .monaco-list-row[aria-level="1"]', { hasText: name }).first().waitFor();
  }
  await filter.fill('');
  const files = await page.locator('.markers-panel .monaco-list-row[aria-level="1"]').allInnerTexts();
  log(`${since()} Lint Workspace: ${files.map((t) => norm(t).replace(/\s+/g, ' ')).join(' / ')}`);
  await screenshot('lint-workspace');

  step = 'Show Rule Documentation from the palette: pick a rule, its shipped page opens';
  await command(quickInput, 'DCI Lint: Show Rule Documentation', 'Pick a rule');
  await quickInput.fill('vmotion-rtt');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'vmotion-rtt' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab', { hasText: /vmotion-rtt\.md/ }).first().waitFor();
  await webviewFrame('h1:has-text("vmotion-rtt")', T_UI);
  log(`${since()} rule documentation opened from the palette`);
  await screenshot('rule-docs');
  await command(quickInput, 'View: Close All Editors');

  step = 'New Design: a starter template, linted';
  await command(quickInput, 'DCI Lint: New Design');
  const untitled = page.locator('.editor-group-container.active .monaco-editor').first();
  await untitled.locator('.view-line', { hasText: 'links:' }).waitFor();
  await untitled.locator('.view-line', { hasText: /RTT/ }).first().waitFor({ timeout: T_LSP }); // inlay hints: the server analyses it
  await screenshot('new-design');
  await command(quickInput, 'View: Revert and Close Editor');

  step = 'the status item: a killed server is shown as crashed, with a restart action';
  await openFile(quickInput, FILE);
  const languageStatus = page.locator('.statusbar-item#status\\.languageStatus');
  await languageStatus.waitFor();
  const killed = [];
  for (let i = 0; i < 5; i++) {
    let pid;
    const end = Date.now() + T_LSP;
    while (!(pid = serverPid()) || killed.includes(pid)) {
      if (Date.now() > end) throw new Error(`no new language server after ${killed.length} kills`);
      await new Promise((r) => setTimeout(r, 200)); // polling the process table
    }
    // A server killed before its initialize answer is a failed start, which the client does not count as a
    // crash: let the new one come up (a few hundred ms) before killing it.
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(pid, 'SIGKILL');
    killed.push(pid);
  }
  log(`${since()} killed the language server 5 times: ${killed.join(', ')}`);
  await languageStatus.click();
  const statusHover = page.locator('.monaco-hover', { hasText: 'DCI Lint: crashed' }).filter({ visible: true }).first();
  await statusHover.waitFor({ timeout: T_LSP });
  await screenshot('status-crashed');
  await statusHover.locator('a', { hasText: 'Restart' }).first().click();
  await page.locator('.markers-panel .monaco-list-row[aria-level="1"]', { hasText: FILE }).first().waitFor({ timeout: T_LSP });
  await languageStatus.click();
  await page.locator('.monaco-hover', { hasText: /DCI Lint: \d+ problems?/ }).filter({ visible: true }).first().waitFor({ timeout: T_LSP });
  log(`${since()} restarted from the status item`);
  await screenshot('status-restarted');
  await page.keyboard.press('Escape');
  void panel;
}

run().catch((e) => fail(step, e?.message?.split('\n').slice(0, 12).join('\n') ?? String(e)));
