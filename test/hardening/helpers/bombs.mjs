// Resource bombs and big designs, shared by the core (child process, timed and measured) and server suites.
// Each bomb: the text, what its findings must be, and the bounds it must stay within on this 2-core
// machine (CI is the same kind); docs/robustness.md records what was measured.
import assert from 'node:assert/strict';

const LAUGHS = ['dci: 1', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (let i = 1; i < 10; i++) {
  const prev = String.fromCharCode(96 + i);
  const name = String.fromCharCode(97 + i);
  LAUGHS.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
}
LAUGHS.push('sites:', '  a: {location: [1, 2]}', '');

/** `n` sites spread over the globe (deterministic), as flow maps. */
function sites(n) {
  let s = 'dci: 1\nsites:\n';
  for (let i = 0; i < n; i++)
    s += `  s${i}: {location: [${(((i * 37) % 170) - 85 + (i % 7) / 10).toFixed(1)}, ${(((i * 61) % 359) - 179 + (i % 5) / 10).toFixed(1)}]}\n`;
  return s;
}

/** A realistic big design: `n` sites, a chain of links, and a hundred of each element over site pairs. */
export function bigDesign(n) {
  let s = sites(n);
  s += 'links:\n';
  for (let i = 0; i + 1 < n; i++) s += `  - between: [s${i}, s${i + 1}]\n`;
  const k = Math.min(100, Math.floor(n / 10));
  s += 'segments:\n';
  for (let i = 0; i < k; i++) s += `  - {name: seg${i}, sites: [s${i * 10}, s${i * 10 + 1}]}\n`;
  s += 'clusters:\n';
  for (let i = 0; i < k; i++) s += `  - {kind: vsan-stretched, sites: [s${i * 10 + 2}, s${i * 10 + 3}], witness: s${i * 10 + 4}}\n`;
  s += 'migrations:\n';
  for (let i = 0; i < k; i++) s += `  - {method: vmotion, path: [s${i * 10 + 5}, s${i * 10 + 6}]}\n`;
  s += 'replication:\n';
  for (let i = 0; i < k; i++) s += `  - {mode: synchronous, sites: [s${i * 10 + 7}, s${i * 10 + 8}]}\n`;
  return { text: s };
}

/** A design whose analysis takes a while: one segment stretched over `n` sites (n²/2 pairs). */
export function slowDesign(n) {
  return {
    text: `${sites(n)}segments:\n  - name: everywhere\n    sites: [${Array.from({ length: n }, (_, i) => `s${i}`).join(', ')}]\n`,
  };
}

const only = (code, prefix) => (findings) => {
  assert.deepEqual(
    findings.map((f) => f.code),
    [code],
    `one ${code} finding, got ${JSON.stringify(findings.map((f) => `${f.code}: ${f.message}`).slice(0, 5))}`,
  );
  assert.ok(findings[0].message.startsWith(prefix), findings[0].message);
};

const noBreakage = (mustHave) => (findings) => {
  const codes = new Set(findings.map((f) => f.code));
  assert.ok(!codes.has('internal') && !codes.has('syntax'), [...codes].join(', '));
  for (const c of mustHave) assert.ok(codes.has(c), `${c} among ${[...codes].join(', ')}`);
};

/** kind: topology or terraform; server: also opened in the language server. */
export const BOMBS = [
  {
    name: 'billion-laughs',
    kind: 'topology',
    server: true,
    text: () => LAUGHS.join('\n'),
    expect: only('syntax', 'Too many alias expansions (over 1000)'),
    budget: { ms: 5_000, rssMB: 400 },
    serverBudgetMs: 5_000,
  },
  {
    name: 'nested-flow-10000',
    kind: 'topology',
    server: true,
    text: () => 'dci: 1\nsites: ' + '['.repeat(10_000),
    expect: only('syntax', 'Nesting deeper than 128 levels'),
    budget: { ms: 3_000, rssMB: 300 },
    serverBudgetMs: 5_000,
  },
  {
    name: 'nested-block-1400',
    kind: 'topology',
    server: true,
    text: () => {
      let s = 'dci: 1\nsites:\n  a:\n';
      for (let i = 0; i < 1400; i++) s += ' '.repeat(i + 4) + 'k:\n';
      return s;
    },
    expect: only('syntax', 'Nesting deeper than 128 levels'),
    budget: { ms: 3_000, rssMB: 300 },
    serverBudgetMs: 5_000,
  },
  {
    name: 'ten-megabytes',
    kind: 'topology',
    server: true,
    text: () => 'dci: 1\n# ' + 'x'.repeat(10_000_000) + '\n',
    expect: only('syntax', 'The file is 10.0 MB, above the 2.0 MB analysis cap'),
    budget: { ms: 3_000, rssMB: 400 },
    serverBudgetMs: 8_000,
  },
  {
    name: 'line-of-100000-characters',
    kind: 'topology',
    server: true,
    text: () =>
      `dci: 1\nname: ${'x'.repeat(100_000)}\nsites:\n  fra: {location: [50.11, 8.68]}\n  syd: {location: [-33.87, 151.21]}\nmigrations:\n  - {method: vmotion, path: [fra, syd]}\n`,
    expect: noBreakage(['vmotion-rtt']),
    budget: { ms: 3_000, rssMB: 300 },
    serverBudgetMs: 5_000,
  },
  // Lines of 1 MB that once made a scan quadratic (issue 11, kind 5): a directive followed by blanks (8 s at
  // 100,000 characters), a top-level value of blanks in the editor's incremental parse (72 s at 200,000).
  ...[
    ['directive-then-1mb-of-blanks', `# dci-lint-ignore: x${' '.repeat(1_000_000)}y`],
    ['file-directive-then-1mb-of-blanks', `# dci-lint-ignore-file:${' '.repeat(1_000_000)}`],
    ['value-of-1mb-of-blanks', `notes: a${' '.repeat(1_000_000)}b`],
    ['dci-marker-then-1mb-of-blanks', `x: 1${' '.repeat(1_000_000)}x`],
    ['key-of-1mb', `${'a'.repeat(1_000_000)}: 1`],
  ].flatMap(([name, line]) =>
    [false, true].map((incremental) => ({
      name: `${name}${incremental ? '-incremental' : ''}`,
      kind: 'topology',
      incremental,
      text: () =>
        `dci: 1\n${line}\nsites:\n  fra: {location: [50.11, 8.68]}\n  syd: {location: [-33.87, 151.21]}\nmigrations:\n  - {method: vmotion, path: [fra, syd]}\n`,
      expect: (findings) => assert.ok(findings.some((f) => f.code === 'vmotion-rtt') && !findings.some((f) => f.code === 'internal')),
      // 0.3-0.7 s alone, 1.5-2.4 s at a load average of 20; the quadratic scans took minutes at 1 MB.
      budget: { ms: 6_000, rssMB: 500 },
    })),
  ),
  ...[
    ['tf-directive-then-1mb-of-blanks', `# dci-lint-ignore: x${' '.repeat(1_000_000)}y\n`],
    ['tf-heredoc-opener-then-1mb-of-blanks', `locals {\n  x = <<EOT${' '.repeat(1_000_000)}x\nEOT\n}\n`],
    // 100 KB, not 1 MB: tree-sitter's error recovery over a header of labels costs about 15 s per MB
    // (docs/robustness.md); this pins that it stays linear.
    ['tf-header-of-25000-labels', `resource ${'"a" '.repeat(25_000)}!\n`],
    ['tf-label-of-1mb', `resource "a" ${'b'.repeat(1_000_000)}\n`],
  ].map(([name, text]) => ({
    name,
    kind: 'terraform',
    text: () => text,
    expect: (findings) => assert.ok(!findings.some((f) => f.code === 'internal')),
    budget: { ms: name.includes('header') ? 8_000 : 6_000, rssMB: 500 },
  })),
  {
    name: 'ten-thousand-sites',
    kind: 'topology',
    server: true,
    text: () => bigDesign(10_000).text,
    expect: noBreakage(['vmotion-rtt', 'sync-replication-rtt']),
    budget: { ms: 30_000, rssMB: 1_000 },
    serverBudgetMs: 30_000,
  },
  {
    name: 'one-thousand-microwave-links',
    kind: 'topology',
    server: false,
    text: () => {
      let s = sites(2000) + 'links:\n';
      for (let i = 0; i < 1000; i++) s += `  - {between: [s${2 * i}, s${2 * i + 1}], medium: microwave}\n`;
      return s + 'migrations:\n  - {method: vmotion, path: [s0, s3]}\n';
    },
    expect: noBreakage(['vmotion-rtt']),
    budget: { ms: 8_000, rssMB: 500 },
  },
  {
    name: 'segment-over-2000-sites',
    kind: 'topology',
    server: true,
    text: () => slowDesign(2000).text,
    expect: (findings) =>
      assert.deepEqual(
        findings.map((f) => f.code + (f.code === 'schema' ? `: ${f.message}` : '')),
        ['schema: `segments[0].sites` must NOT have more than 256 items.', 'stretched-l2-distance'],
      ),
    budget: { ms: 5_000, rssMB: 400 },
    serverBudgetMs: 8_000,
  },
  {
    // users x services x instances x dependencies: 256 users and services, 128 instances, 32 dependencies, 300 sites (440 KB)
    name: 'users-and-services',
    kind: 'topology',
    server: false,
    text: () => {
      let s = sites(300) + 'users:\n';
      for (let i = 0; i < 256; i++) s += `  - {name: u${i}, location: [${(((i * 53) % 170) - 85).toFixed(1)}, ${(((i * 97) % 359) - 179).toFixed(1)}]}\n`;
      s += 'services:\n';
      for (let i = 0; i < 256; i++) {
        const at = Array.from({ length: 128 }, (_, k) => `s${(i * 7 + k * 13) % 300}`).join(', ');
        const deps = Array.from({ length: 32 }, (_, k) => `{service: v${(i + k * 5) % 256}, round_trips: 2}`).join(', ');
        s += `  - {name: v${i}, sites: [${at}], rtt_slo_ms: 40, depends_on: [${deps}]}\n`;
      }
      return s;
    },
    expect: noBreakage([]),
    budget: { ms: 30_000, rssMB: 600 },
  },
  {
    name: 'list-of-100000-unknown-ids',
    kind: 'topology',
    server: false,
    text: () => `dci: 1\nsites:\n  a: {location: [1, 2]}\nsegments:\n  - sites: [${Array(100_000).fill('x').join(', ')}]\n`,
    expect: (findings) => {
      assert.deepEqual(findings[0], { code: 'schema', message: '`segments[0].sites` must NOT have more than 256 items.' });
      assert.equal(findings.length, 100_001);
      assert.ok(findings.slice(1).every((f) => f.code === 'unknown-site'));
    },
    budget: { ms: 20_000, rssMB: 800 },
  },
  {
    name: 'tf-nested-10000',
    kind: 'terraform',
    text: () => 'locals {\n  a = ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n}\n',
    expect: only('syntax', 'The HCL parser failed on this file'),
    budget: { ms: 5_000, rssMB: 400 },
  },
  {
    name: 'tf-ten-megabytes',
    kind: 'terraform',
    text: () => '# ' + 'x'.repeat(10_000_000) + '\n',
    expect: only('syntax', 'The file is 10.0 MB, above the 2.0 MB analysis cap'),
    budget: { ms: 3_000, rssMB: 400 },
  },
  {
    name: 'tf-line-of-100000-characters',
    kind: 'terraform',
    text: () => `locals {\n  a = "${'x'.repeat(100_000)}"\n}\n`,
    expect: (findings) => assert.deepEqual(findings, []),
    budget: { ms: 3_000, rssMB: 300 },
  },
  {
    name: 'tf-ten-thousand-resources',
    kind: 'terraform',
    text: () => {
      let s = '';
      for (let i = 0; i < 10_000; i++) s += `resource "vsphere_datacenter" "dc${i}" {\n  name = "dc${i}"\n}\n`;
      return s;
    },
    expect: (findings) => assert.ok(!findings.some((f) => f.code === 'internal')),
    budget: { ms: 15_000, rssMB: 600 },
  },
  {
    name: 'tf-self-references-and-doubling',
    kind: 'terraform',
    text: () => {
      let s = 'locals {\n  a = local.b\n  b = local.a\n  d0 = ["x", "x"]\n  s0 = "xx"\n';
      for (let i = 1; i < 60; i++) s += `  d${i} = concat(local.d${i - 1}, local.d${i - 1})\n  s${i} = "\${local.s${i - 1}}\${local.s${i - 1}}"\n`;
      return s + '}\nvariable "x" {\n  default = var.x\n}\n';
    },
    expect: (findings) => assert.ok(!findings.some((f) => f.code === 'internal')),
    budget: { ms: 5_000, rssMB: 400 },
  },
];
