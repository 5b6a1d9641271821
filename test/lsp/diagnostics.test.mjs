// Protocol tests: diagnostics as an editor sees them (push and pull), over stdio against dist/server.js.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { LspClient, positionAt, rangeOf, uriOf } from './client.mjs';

const DOCS = 'https://github.com/dci-lint/dci-lint/blob/main/docs/rules/';
const r = (sl, sc, el, ec) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
const brief = (d) => `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

describe('push diagnostics', () => {
  let c;
  before(async () => {
    c = new LspClient();
    await c.initialize();
  });
  after(() => c.kill());

  test('the example design: exact codes, severities, ranges, docs links and related sites', async () => {
    const { uri } = c.openFile('examples/follow-the-sun.dci.yaml');
    const { diagnostics, version } = await c.diagnosticsFor(uri);
    assert.equal(version, 1);
    assert.deepEqual(diagnostics.map(brief), [
      'bandwidth-delay 3 16:20-16:25',
      'bandwidth-delay 3 19:20-19:25',
      'stretched-l2-distance 2 23:11-23:29',
      'gateway-trombone 3 24:44-24:48',
      'vmotion-rtt 1 29:11-29:21',
      'vmotion-rtt 1 29:17-29:27',
      'follow-the-sun 2 30:14-30:28',
    ]);
    for (const d of diagnostics) {
      assert.equal(d.source, 'dci-lint');
      assert.equal(d.codeDescription.href, `${DOCS}${d.code}.md`);
      assert.equal(d.tags, undefined);
    }
    const vm = diagnostics[4];
    assert.match(
      vm.message,
      /^Metro vMotion on vSphere 5\.1 syd1 -> fra1: 242 ms RTT \(estimate over syd1 -> fra1; at least 161 ms over 16,485 km\) exceeds the supported 10 ms/,
    );
    assert.deepEqual(
      vm.relatedInformation.map((ri) => [ri.location.uri, ri.location.range, ri.message]),
      [
        [uri, r(5, 2, 5, 6), 'site syd1 (coordinates)'],
        [uri, r(8, 2, 8, 6), 'site fra1 (coordinates)'],
      ],
    );
  });

  test('a fixture: typo, stretched segment and synchronous replication', async () => {
    const { uri, text } = c.openFile('test/lsp/fixtures/metro.dci.yaml');
    const { diagnostics } = await c.diagnosticsFor(uri);
    assert.deepEqual(diagnostics.map(brief), ['stretched-l2-distance 2 21:11-21:29', 'unknown-site 1 33:8-33:13', 'sync-replication-rtt 1 38:11-38:23']);
    assert.deepEqual(diagnostics[1].range, rangeOf(text, 'amss1'));
    assert.equal(diagnostics[1].message, 'Unknown site `amss1` in migration evacuate. Did you mean `ams1`?');
    assert.match(diagnostics[0].message, /between fra2 and dub1: 25\.4 ms RTT \(estimate; at least 10\.7 ms over 1,090 km\)/);
  });

  test('other YAML is left alone', async () => {
    const { uri } = c.openFile('test/lsp/fixtures/plain.yaml');
    const { diagnostics } = await c.diagnosticsFor(uri);
    assert.deepEqual(diagnostics, []);
  });

  test('a half-typed edit replaces the findings, and only the newest version is published', async () => {
    const uri = 'file:///tmp/dci-lsp-test/typing.dci.yaml';
    const good = readFileSync(new URL('./fixtures/metro.dci.yaml', import.meta.url), 'utf8');
    c.open(uri, good);
    assert.equal((await c.diagnosticsFor(uri, 1)).diagnostics.length, 3);
    const published = [];
    const onPublish = (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && published.push(m.params.version);
    c.waiters.push({ test: (m) => (onPublish(m), false), resolve() {} });
    // Five quick keystrokes (inside the debounce): a broken flow list, then more text.
    const broken = good.replace('sites: [fra1, fra2, dub1]', 'sites: [fra1, fra2, dub');
    for (let v = 2; v <= 6; v++) c.change(uri, v, broken.slice(0, broken.length - (6 - v)));
    const last = await c.diagnosticsFor(uri, 6);
    assert.deepEqual(published, [6], 'stale versions are never published');
    assert.ok(
      last.diagnostics.some((d) => d.code === 'syntax' && d.severity === 1),
      'the broken list is a syntax error',
    );
    assert.ok(!last.diagnostics.some((d) => d.code === 'stretched-l2-distance'), 'no stale finding from the previous text');
    // Fix it again: the syntax error goes, the findings come back.
    c.change(uri, 7, good);
    assert.deepEqual((await c.diagnosticsFor(uri, 7)).diagnostics.map(brief), [
      'stretched-l2-distance 2 21:11-21:29',
      'unknown-site 1 33:8-33:13',
      'sync-replication-rtt 1 38:11-38:23',
    ]);
  });

  test('a suppression comment hides the finding; closing the file clears its diagnostics', async () => {
    const uri = 'file:///tmp/dci-lsp-test/suppressed.dci.yaml';
    const text = readFileSync(new URL('./fixtures/metro.dci.yaml', import.meta.url), 'utf8').replace(
      '      - amss1',
      '      # dci-lint-ignore: unknown-site -- test\n      - amss1',
    );
    c.open(uri, text);
    assert.deepEqual(
      (await c.diagnosticsFor(uri, 1)).diagnostics.map((d) => d.code),
      ['stretched-l2-distance', 'sync-replication-rtt'],
    );
    c.notify('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual((await c.diagnosticsFor(uri)).diagnostics, []);
  });

  test('.dci-lint.yaml found upward from the file sets levels', async () => {
    const { uri } = c.openFile('test/lsp/fixtures/configured/metro.dci.yaml');
    const { diagnostics } = await c.diagnosticsFor(uri);
    assert.deepEqual(diagnostics.map(brief), ['unknown-site 1 33:8-33:13', 'sync-replication-rtt 2 38:11-38:23']);
  });

  test('a topology without the .dci.yaml name is recognised by `dci: 1`; removing it clears the findings', async () => {
    const uri = 'file:///tmp/dci-lsp-test/design.yaml';
    const text = readFileSync(new URL('./fixtures/metro.dci.yaml', import.meta.url), 'utf8');
    c.open(uri, text);
    assert.equal((await c.diagnosticsFor(uri, 1)).diagnostics.length, 3);
    c.change(uri, 2, text.replace('dci: 1\n', ''));
    assert.deepEqual((await c.diagnosticsFor(uri, 2)).diagnostics, []);
  });

  test('Terraform: a .tf file is linted with its module and never crashes the server', async () => {
    const { uri } = c.openFile('test/lsp/fixtures/module/main.tf', 'terraform');
    const { diagnostics } = await c.diagnosticsFor(uri);
    for (const d of diagnostics) assert.equal(d.source, 'dci-lint');
    const broken = 'resource "aws_instance" "web" {\n  ami = var.ami\n';
    c.change(uri, 2, broken);
    const after = await c.diagnosticsFor(uri, 2);
    for (const d of after.diagnostics) assert.ok(d.range.end.line <= 2, 'ranges stay inside the document');
    const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: positionAt(broken, 5) });
    assert.ok(hover === null || typeof hover.contents === 'object');
  });
});

describe('settings', () => {
  test('dciLint.rules.customizations changes severities in the editor only; dciLint.enable=false clears', async () => {
    const c = new LspClient({
      settings: {
        rules: {
          customizations: [
            { rule: '*-rtt', severity: 'info' },
            { rule: 'stretched-*', severity: 'off' },
          ],
        },
      },
    });
    try {
      await c.initialize();
      const { uri } = c.openFile('test/lsp/fixtures/metro.dci.yaml');
      assert.deepEqual((await c.diagnosticsFor(uri)).diagnostics.map(brief), ['unknown-site 1 33:8-33:13', 'sync-replication-rtt 3 38:11-38:23']);
      c.settings = { enable: false };
      c.notify('workspace/didChangeConfiguration', { settings: null });
      assert.deepEqual((await c.diagnosticsFor(uri)).diagnostics, []);
    } finally {
      c.kill();
    }
  });

  test('dciLint.codeLens.enable shows the worst RTT against its limit above each element', async () => {
    const c = new LspClient({ settings: { codeLens: { enable: true }, inlayHints: { enable: false } } });
    try {
      await c.initialize();
      const { uri } = c.openFile('examples/follow-the-sun.dci.yaml');
      const lenses = await c.request('textDocument/codeLens', { textDocument: { uri } });
      assert.deepEqual(
        lenses.map((l) => [l.range.start.line, l.command.title]),
        [
          [15, 'worst RTT ≈ 242 ms RTT (≥ 161 ms) syd1–fra1'],
          [17, 'worst RTT 78 ms RTT measured (≥ 60.9 ms) fra1–nyc1'],
          // a segment: stretched-l2-distance is a warning whatever the distance, and the lens says what the rule says
          [21, 'worst RTT ≈ 320 ms RTT (≥ 157 ms) syd1–nyc1 · limit 10 ms ⚠'],
          [26, 'worst RTT ≈ 242 ms RTT (≥ 161 ms) syd1–fra1 · limit 10 ms ✗'],
        ],
      );
      assert.deepEqual(
        await c.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } }),
        [],
      );
    } finally {
      c.kill();
    }
  });

  test('a client without workspace/configuration: settings from didChangeConfiguration', async () => {
    const c = new LspClient({ settings: null });
    try {
      await c.initialize();
      const { uri } = c.openFile('test/lsp/fixtures/metro.dci.yaml');
      assert.equal((await c.diagnosticsFor(uri)).diagnostics.length, 3);
      c.notify('workspace/didChangeConfiguration', { settings: { dciLint: { rules: { customizations: [{ rule: 'unknown-site', severity: 'off' }] } } } });
      assert.deepEqual(
        (await c.diagnosticsFor(uri)).diagnostics.map((d) => d.code),
        ['stretched-l2-distance', 'sync-replication-rtt'],
      );
    } finally {
      c.kill();
    }
  });
});

describe('configuration and run mode', () => {
  test('editing an open .dci-lint.yaml relints the designs below it, and the config gets its own diagnostics', async () => {
    const c = new LspClient();
    try {
      await c.initialize();
      const design = c.openFile('test/lsp/fixtures/configured/metro.dci.yaml');
      assert.deepEqual((await c.diagnosticsFor(design.uri)).diagnostics.map(brief), ['unknown-site 1 33:8-33:13', 'sync-replication-rtt 2 38:11-38:23']);
      const config = c.openFile('test/lsp/fixtures/configured/.dci-lint.yaml');
      assert.deepEqual((await c.diagnosticsFor(config.uri)).diagnostics, []);
      c.change(config.uri, 2, 'rules:\n  unknown-sit: off\n');
      const [designAfter, configAfter] = await Promise.all([c.diagnosticsUntil(design.uri, (list) => list.length === 3), c.diagnosticsFor(config.uri, 2)]);
      assert.deepEqual(designAfter.diagnostics.map(brief), [
        'stretched-l2-distance 2 21:11-21:29',
        'unknown-site 1 33:8-33:13',
        'sync-replication-rtt 1 38:11-38:23',
      ]);
      assert.deepEqual(
        configAfter.diagnostics.map((d) => [d.code, d.severity, d.message, d.range]),
        [['config', 2, 'Unknown rule `unknown-sit`; did you mean `unknown-site`?', r(1, 2, 1, 13)]],
      );
    } finally {
      c.kill();
    }
  });

  test('a rule option of the wrong type: an error at the value in the config, a warning atop the design, and the rule keeps its default', async () => {
    const c = new LspClient();
    try {
      await c.initialize();
      const design = c.openFile('test/lsp/fixtures/configured/metro.dci.yaml');
      await c.diagnosticsFor(design.uri);
      const config = c.openFile('test/lsp/fixtures/configured/.dci-lint.yaml');
      await c.diagnosticsFor(config.uri);
      const text = 'rules:\n  stretched-l2-distance: off\n  sync-replication-rtt: { severity: warning, vplex-metroMs: "abc" }\n';
      c.change(config.uri, 2, text);
      const [designAfter, configAfter] = await Promise.all([
        c.diagnosticsUntil(design.uri, (list) => list.some((d) => d.code === 'config')),
        c.diagnosticsFor(config.uri, 2),
      ]);
      assert.deepEqual(
        configAfter.diagnostics.map((d) => [d.code, d.severity, d.message, d.range]),
        [
          [
            'config',
            1,
            'Option `vplex-metroMs` of rule `sync-replication-rtt` must be a number in ms from 0 to 1000000000; got "abc": the rule keeps its default 5 ms.',
            r(2, 60, 2, 65),
          ],
        ],
      );
      const sync = designAfter.diagnostics.find((d) => d.code === 'sync-replication-rtt');
      assert.equal(sync.severity, 2, 'the valid part of the entry (severity: warning) still applies');
      assert.match(sync.message, /over the 5 ms supported \(vendor\)/);
      assert.ok(designAfter.diagnostics.some((d) => d.code === 'config' && d.severity === 2 && /1 problem/.test(d.message)));
    } finally {
      c.kill();
    }
  });

  test('dciLint.run = onSave: typing publishes nothing, saving publishes the saved text', async () => {
    const c = new LspClient({ settings: { run: 'onSave' } });
    try {
      await c.initialize();
      const uri = 'file:///tmp/dci-lsp-test/onsave.dci.yaml';
      const text = readFileSync(new URL('./fixtures/metro.dci.yaml', import.meta.url), 'utf8');
      c.open(uri, text);
      assert.equal((await c.diagnosticsFor(uri, 1)).diagnostics.length, 3);
      c.change(uri, 2, text.replace('amss1', 'ams1'));
      await assert.rejects(c.diagnosticsFor(uri, 2, 600), /no matching notification/);
      c.notify('textDocument/didSave', { textDocument: { uri } });
      assert.deepEqual(
        (await c.diagnosticsFor(uri, 2)).diagnostics.map((d) => d.code),
        ['stretched-l2-distance', 'sync-replication-rtt'],
      );
    } finally {
      c.kill();
    }
  });
});

describe('pull diagnostics', () => {
  test('a client that pulls gets full reports and no pushed diagnostics', async () => {
    const c = new LspClient({ pull: true });
    try {
      const init = await c.initialize();
      assert.deepEqual(init.capabilities.diagnosticProvider, { identifier: 'dci-lint', interFileDependencies: true, workspaceDiagnostics: false });
      const { uri, text } = c.openFile('test/lsp/fixtures/metro.dci.yaml');
      const report = await c.request('textDocument/diagnostic', { textDocument: { uri } });
      assert.equal(report.kind, 'full');
      assert.deepEqual(report.items.map(brief), ['stretched-l2-distance 2 21:11-21:29', 'unknown-site 1 33:8-33:13', 'sync-replication-rtt 1 38:11-38:23']);
      c.change(uri, 2, text.replace('amss1', 'ams1'));
      const t0 = Date.now();
      const again = await c.request('textDocument/diagnostic', { textDocument: { uri } });
      assert.ok(Date.now() - t0 >= 60, 'the pull waits for typing to pause (the 75 ms debounce)');
      assert.deepEqual(
        again.items.map((d) => d.code),
        ['stretched-l2-distance', 'sync-replication-rtt'],
      );
      assert.equal(c.notifications.filter((m) => m.method === 'textDocument/publishDiagnostics').length, 0);
    } finally {
      c.kill();
    }
  });
});

/**
 * Sydney and Frankfurt, then `links` links between them (a bandwidth-delay note each), `segments`
 * stretched segments (a warning each) and `migrations` vMotions (an error each), in that file order.
 */
function manyFindings({ links, segments = 0, migrations }) {
  let text =
    'dci: 1\nname: many\nsites:\n  syd1:\n    location: { lat: -33.9173, lon: 151.1851 }\n  fra1:\n    location: { lat: 50.0994, lon: 8.6270 }\nlinks:\n';
  for (let i = 0; i < links; i++) text += `  - between: [syd1, fra1]\n    bandwidth_mbps: ${10000 + i}\n`;
  if (segments > 0) text += 'segments:\n';
  for (let i = 0; i < segments; i++) text += `  - name: seg${i}\n    vlan: ${10 + i}\n    sites: [syd1, fra1]\n`;
  text += 'migrations:\n';
  for (let i = 0; i < migrations; i++) text += `  - name: m${i}\n    method: vmotion\n    path: [syd1, fra1]\n`;
  return text;
}

describe('more than 1,000 findings in one file (VS Code shows at most 1,000)', () => {
  // 1,600 links (a bandwidth-delay note each), then 300 stretched segments (warnings), then 200
  // vMotions across the world (errors): in file order the errors would be the ones cut off.
  const text = manyFindings({ links: 1600, segments: 300, migrations: 200 });
  const NOTE =
    'DCI Lint found 2,100 problems in this file; the editor shows at most 1,000, so 1,101 are left out ' +
    '(1,101 info; errors and warnings first, then by position). The CLI lists them all: dci-lint FILE --format json.';

  const check = (list) => {
    assert.equal(list.length, 1000);
    const [note, ...rest] = list;
    // a warning (listed with the errors and warnings), with every finding's count for the status item
    assert.deepEqual([note.severity, note.source, note.code, note.range, note.message], [2, 'dci-lint', 'truncated', r(0, 0, 0, 0), NOTE]);
    assert.deepEqual(note.data, { truncated: { problems: 2100, errors: 200, warnings: 300, info: 1600 } });
    const codes = (from, to) => [...new Set(rest.slice(from, to).map((d) => `${d.code} ${d.severity}`))];
    assert.deepEqual(codes(0, 200), ['vmotion-rtt 1']);
    assert.deepEqual(codes(200, 500), ['stretched-l2-distance 2']);
    assert.deepEqual(codes(500, 999), ['bandwidth-delay 3']);
    // within a severity: by position; the notes kept are the first 499 links of the file
    for (let i = 1; i < rest.length; i++) {
      if (rest[i].severity !== rest[i - 1].severity) continue;
      const a = rest[i - 1].range.start,
        b = rest[i].range.start;
      assert.ok(a.line < b.line || (a.line === b.line && a.character <= b.character), `order at ${i}`);
    }
    assert.deepEqual([rest[500].range.start.line, rest[998].range.start.line], [9, 9 + 2 * 498]);
  };

  test('push: errors and warnings all kept, then the first notes, and one note says how many were left out', async () => {
    const c = new LspClient();
    try {
      await c.initialize();
      const uri = 'file:///tmp/dci-lsp-test/many.dci.yaml';
      c.open(uri, text);
      check((await c.diagnosticsFor(uri, 1, 60000)).diagnostics);
    } finally {
      c.kill();
    }
  });

  test('pull: the same 1,000', async () => {
    const c = new LspClient({ pull: true });
    try {
      await c.initialize();
      const uri = 'file:///tmp/dci-lsp-test/many.dci.yaml';
      c.open(uri, text);
      const report = await c.request('textDocument/diagnostic', { textDocument: { uri } });
      check(report.items);
    } finally {
      c.kill();
    }
  });
});

describe('between 500 and 1,000 findings (VS Code draws the first 500 of a file)', () => {
  // 560 link notes first in the file, then 40 vMotion errors: in file order the errors would be past the
  // 500th problem, listed in the Problems panel but drawn without a squiggle (a tester's 620-problem design).
  const text = manyFindings({ links: 560, migrations: 40 });

  test('every finding published, errors first, then by position: the first 500 hold every error', async () => {
    const c = new LspClient();
    try {
      await c.initialize();
      const uri = 'file:///tmp/dci-lsp-test/six-hundred.dci.yaml';
      c.open(uri, text);
      const list = (await c.diagnosticsFor(uri, 1, 60000)).diagnostics;
      assert.equal(list.length, 600);
      assert.deepEqual([...new Set(list.slice(0, 40).map((d) => `${d.code} ${d.severity}`))], ['vmotion-rtt 1']);
      assert.deepEqual([...new Set(list.slice(40).map((d) => `${d.code} ${d.severity}`))], ['bandwidth-delay 3']);
      assert.ok(!list.some((d) => d.code === 'truncated'));
      // within a severity: by position
      const lines = list.slice(40).map((d) => d.range.start.line);
      assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
      assert.equal(lines[0], 9);
    } finally {
      c.kill();
    }
  });
});

describe('the typing debounce', () => {
  // A debounce of a minute: an open must not wait for it (TextDocuments fires a content change for the
  // open too, which once scheduled the open's analysis after the debounce), an edit must.
  let c;
  before(async () => {
    c = new LspClient({ env: { DCI_LINT_DEBOUNCE_MS: '60000' } });
    await c.initialize();
  });
  after(() => c.kill());

  test('an open is analysed at once; an edit waits until typing pauses', async () => {
    const { uri, text } = c.openFile('examples/follow-the-sun.dci.yaml');
    const opened = await c.diagnosticsFor(uri, 1, 8000);
    assert.ok(opened.diagnostics.length > 0);
    c.change(uri, 2, text.replace('name:', 'name: '));
    await assert.rejects(c.diagnosticsFor(uri, 2, 1500), /no matching notification/);
  });
});

describe('the Output channel, and files changed on disk', () => {
  // A generated 300-site design (the bench's generator): its analysis takes tens of ms, never 0.
  let c;
  before(async () => {
    c = new LspClient();
    await c.initialize();
  });
  after(() => c.kill());
  const lintedLines = (uri) =>
    c.notifications.filter((m) => m.method === 'window/logMessage' && m.params.message.startsWith(`linted ${uri} `)).map((m) => m.params.message);
  /** Waits until `uri` has been logged `n` times (the line follows the diagnostics), or `ms`. */
  const logged = async (uri, n, ms = 10000) => {
    for (let waited = 0; lintedLines(uri).length < n && waited < ms; waited += 20) await new Promise((r) => setTimeout(r, 20));
  };

  test('each analysis is logged once with the time it took; files saved on disk re-analyse an open design only when its .dci-lint.yaml changed', async () => {
    const { generateTopology } = await import('../../bench/generate.mjs');
    const dir = mkdtempSync(path.join(tmpdir(), 'dci-lsp-saved-'));
    const file = path.join(dir, 'logged.dci.yaml');
    const text = generateTopology(300, 2);
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const config = pathToFileURL(path.join(dir, '.dci-lint.yaml')).href;
    try {
      c.open(uri, text);
      const first = await c.diagnosticsFor(uri, 1, 30000);
      await logged(uri, 1);
      const [line, ...more] = lintedLines(uri);
      assert.equal(more.length, 0, lintedLines(uri).join('\n'));
      const m = / \(topology, version 1\): 300 sites, (\d+) errors?, (\d+) warnings?, (\d+) info in (\d+) ms/.exec(line);
      assert.ok(m, line);
      // the analysis's own time (the log once measured a lookup of the finished analysis: 0-1 ms)
      assert.ok(Number(m[4]) >= 5, line);
      // Another file saved (a file watcher's change): the open design keeps its analysis.
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, 'main.tf')).href, type: 2 }] });
      await c.diagnosticsFor(uri, 1, 10000);
      // (an analysis of this design takes well under a second: its line would be there)
      await logged(uri, 2, 1500);
      assert.equal(lintedLines(uri).length, 1, lintedLines(uri).join('\n'));
      // A .dci-lint.yaml written next to it: judged again, under that configuration.
      writeFileSync(path.join(dir, '.dci-lint.yaml'), 'rules:\n  bandwidth-delay: off\n');
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 1 }] });
      const judged = await c.diagnosticsUntil(uri, (d) => d.length < first.diagnostics.length, 10000);
      assert.ok(!judged.diagnostics.some((d) => d.code === 'bandwidth-delay'));
      await logged(uri, 2);
      assert.equal(lintedLines(uri).length, 2, lintedLines(uri).join('\n'));
      // The same .dci-lint.yaml reported again (saved unchanged): nothing to judge again.
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
      await c.diagnosticsFor(uri, 1, 10000);
      await logged(uri, 3, 1500);
      assert.equal(lintedLines(uri).length, 2, lintedLines(uri).join('\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
