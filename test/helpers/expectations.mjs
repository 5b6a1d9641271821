// Fixtures carry their expected findings inline, under the line they are about:
//
//     path: [syd1, fra1, nyc1]
//   #        ^^^^^^^^^^ error vmotion-rtt
//
// The carets mark the finding's columns on the nearest line above that is not an expectation
// (to the end of that line when the finding goes on past it). `//` works as well as `#` (HCL).
// A marker may end with `: text`, a substring the finding's message must contain:
//
//   #        ^^^^^^^^^^ error vmotion-rtt: over the 150 ms supported
//
// A fixture without expectation lines must lint clean. The comparison fails on a missing finding
// and on an extra one.

const EXPECT = /^(\s*)(#|\/\/)(\s*)(\^+)\s+(error|warning|info|hint)\s+([a-z][a-z0-9-]*)\s*(?::\s*(.*?))?\s*$/;

/** Matches every expectation line (for stripping them from a fixture's text). */
export const EXPECT_LINE = /^\s*(#|\/\/)\s*\^+ .*\n/gm;

export function readExpectations(text) {
  const lines = text.split('\n');
  const expected = [];
  let target = -1;
  lines.forEach((line, i) => {
    const m = EXPECT.exec(line);
    if (!m) {
      target = i;
      return;
    }
    const startCol = m[1].length + m[2].length + m[3].length;
    const e = { line: target + 1, column: startCol + 1, endColumn: startCol + m[4].length + 1, severity: m[5], ruleId: m[6] };
    if (m[7]) e.message = m[7];
    expected.push(e);
  });
  return expected;
}

/** Findings (the core's, with offsets) as the same shape, for an exact comparison. */
export function actualFrom(findings, text, file) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const pos = (offset) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    return { line, col: offset - starts[line] };
  };
  return findings
    .filter((f) => !f.suppressed && (file === undefined || f.loc.file === file))
    .map((f) => {
      const a = pos(f.loc.start);
      const b = pos(f.loc.end);
      const lineEnd = (starts[a.line + 1] ?? text.length + 1) - 1;
      const endCol = b.line === a.line ? b.col : lineEnd - starts[a.line];
      return { line: a.line + 1, column: a.col + 1, endColumn: endCol + 1, severity: f.severity, ruleId: f.ruleId, message: f.message };
    });
}

const key = (e) => `${e.line}:${e.column}-${e.endColumn} ${e.severity} ${e.ruleId}`;

/**
 * A readable diff: which expectations are missing, which findings are extra. An expectation with a
 * message matches only a finding at its place whose message contains it.
 */
export function compare(expected, actual) {
  const unused = [...actual];
  const missing = [];
  // expectations with a message first, so that a bare one does not take the finding they name
  for (const e of [...expected].sort((a, b) => (b.message ? 1 : 0) - (a.message ? 1 : 0))) {
    const i = unused.findIndex((f) => key(f) === key(e) && (e.message === undefined || (f.message ?? '').includes(e.message)));
    if (i < 0) missing.push(e.message === undefined ? key(e) : `${key(e)}: ${e.message}`);
    else unused.splice(i, 1);
  }
  const extra = unused.map((f) => (f.message === undefined ? key(f) : `${key(f)}: ${f.message}`));
  return { missing: missing.sort(), extra: extra.sort(), ok: missing.length === 0 && extra.length === 0 };
}

/**
 * The text with the findings written in under their lines as expectation markers (no messages), the
 * markers it had removed first: scripts/annotate.mjs and the `fixed` fixtures use it. `index` is the
 * core's LineIndex of the text without markers.
 */
export function annotate(text, findings, index) {
  const lines = text.split('\n');
  const under = new Map();
  for (const f of findings) {
    if (f.suppressed) continue;
    const a = index.position(f.loc.start);
    const b = index.position(f.loc.end);
    const end = b.line === a.line ? b.character : lines[a.line].length;
    const col = Math.max(a.character, 1);
    const mark = `${' '.repeat(col - 1)}#${' '.repeat(Math.max(0, a.character - col))}${'^'.repeat(Math.max(1, end - a.character))} ${f.severity} ${f.ruleId}`;
    (under.get(a.line) ?? under.set(a.line, []).get(a.line)).push(mark);
  }
  return lines.map((l, i) => [l, ...(under.get(i) ?? [])].join('\n')).join('\n');
}
