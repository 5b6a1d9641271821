// Offsets <-> line/column. Lines and columns are 0-based here; adapters convert.

export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    // Line breaks as LSP (and YAML) count them: `\n`, `\r\n` and a lone `\r`.
    const br = /\r\n?|\n/g;
    for (let m = br.exec(text); m; m = br.exec(text)) this.starts.push(m.index + m[0].length);
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
