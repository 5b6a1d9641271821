// Offsets <-> line/column. Lines and columns are 0-based here; adapters convert.

export class LineIndex {
  private readonly starts: number[];
  /** `starts`: for LineIndex.after only (the line starts of `text`, as the constructor finds them). */
  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    if (starts) {
      this.starts = starts;
      return;
    }
    this.starts = [0];
    // Line breaks as LSP (and YAML) count them: `\n`, `\r\n` and a lone `\r`.
    const br = /\r\n?|\n/g;
    for (let m = br.exec(text); m; m = br.exec(text)) this.starts.push(m.index + m[0].length);
  }

  /**
   * The index of `text`, a later version of `prev.text`, computed from `prev` in time proportional to the
   * lines the edit touched, plus a copy of the other starts: the lines before the first changed character
   * keep their starts, those after the last one move by the change in length, and only the lines between
   * are scanned (with two characters of margin on each side, so that a `\r\n` split or joined by the edit
   * is counted as the constructor counts it). Equal to `new LineIndex(text)` (test/unit/lines.test.mjs).
   */
  static after(prev: LineIndex, text: string): LineIndex {
    const old = prev.text;
    if (old === text) return prev;
    const n0 = old.length;
    const n1 = text.length;
    const p = commonPrefix(old, text, Math.min(n0, n1));
    const s = commonSuffix(old, text, Math.min(n0, n1) - p);
    const starts = prev.starts;
    // kept: the starts up to the last one at least two characters before the change (its break is unchanged)
    const k = Math.max(0, upperBound(starts, p - 2) - 1);
    const lo = starts[k]!;
    // moved: the starts more than two characters after the change (their breaks lie in the unchanged end)
    const hiIdx = upperBound(starts, n0 - s + 2);
    const delta = n1 - n0;
    const hiNew = hiIdx < starts.length ? starts[hiIdx]! + delta : n1 + 1;
    const out = starts.slice(0, k + 1);
    const br = /\r\n?|\n/g;
    br.lastIndex = lo;
    for (let m = br.exec(text); m; m = br.exec(text)) {
      const at = m.index + m[0].length;
      if (at >= hiNew) break;
      out.push(at);
    }
    for (let i = hiIdx; i < starts.length; i++) out.push(starts[i]! + delta);
    return new LineIndex(text, out);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): { line: number; character: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    // Between the `\r` and `\n` of a CRLF is no place in the line (LSP clients see `\r` as the break):
    // it is the end of the line.
    const o = clamped > 0 && this.text.charCodeAt(clamped) === 10 && this.text.charCodeAt(clamped - 1) === 13 ? clamped - 1 : clamped;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  offset(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[line]! + Math.max(0, character), this.lineEnd(line));
  }

  /** The offset of the line's break (or the end of the text). */
  private lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1]!;
    return next >= 2 && this.text.charCodeAt(next - 2) === 13 && this.text.charCodeAt(next - 1) === 10 ? next - 2 : next - 1;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }

  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    return this.text.slice(start, next).replace(/(\r\n|\r|\n)$/, '');
  }
}

/** The first index of `sorted` (ascending) whose value is greater than `x`. */
function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Length of the common prefix of two strings (native comparisons of halving slices). */
export function commonPrefix(a: string, b: string, max: number): number {
  let lo = 0;
  let hi = max;
  // invariant: a[0, lo) === b[0, lo); the answer is in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(lo, mid) === b.slice(lo, mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Length of the common suffix of two strings, at most `max`. */
export function commonSuffix(a: string, b: string, max: number): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(a.length - mid, a.length - lo) === b.slice(b.length - mid, b.length - lo)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
