// Fixtures carry their expected findings inline, under the line they are about:
//
//     path: [syd1, fra1, nyc1]
//   #        ^^^^^^^^^^ error vmotion-rtt
//
// The carets mark the finding's columns on the nearest line above that is not an expectation
// (to the end of that line when the finding goes on past it). `//` works as well as `#` (HCL).
// A fixture without expectation lines must lint clean. The comparison fails on a missing finding
// and on an extra one.

const EXPECT = /^(\s*)(#|\/\/)(\s*)(\^+)\s+(error|warning|info|hint)\s+([a-z][a-z0-9-]*)\s*$/;

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
    expected.push({ line: target + 1, column: startCol + 1, endColumn: startCol + m[4].length + 1, severity: m[5], ruleId: m[6] });
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
      return { line: a.line + 1, column: a.col + 1, endColumn: endCol + 1, severity: f.severity, ruleId: f.ruleId };
    });
}

const key = (e) => `${e.line}:${e.column}-${e.endColumn} ${e.severity} ${e.ruleId}`;

/** A readable diff: which expectations are missing, which findings are extra. */
export function compare(expected, actual) {
  const want = expected.map(key).sort();
  const got = actual.map(key).sort();
  const missing = want.filter((k) => !got.includes(k));
  const extra = got.filter((k) => !want.includes(k));
  return { missing, extra, ok: missing.length === 0 && extra.length === 0 && want.length === got.length };
}
