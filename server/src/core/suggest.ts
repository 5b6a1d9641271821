// "Did you mean": the closest candidate by edit distance, if it is close enough to be a typo.

/** Levenshtein distance (insertions, deletions, substitutions of UTF-16 code units) between a and b. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The most letters of a word of `length` a typo may change: a third of them, at least two. */
export function typoAllowance(length: number): number {
  return Math.max(2, Math.ceil(length / 3));
}

/**
 * Work a Suggester does before it stops searching, in cells: one per candidate looked at, one per pair of
 * characters compared; about 0.1 s here (8 ns a cell). A design that names 4,000 unknown sites among
 * 4,000 sites compared all 16 million pairs in full (7.4 s); past the budget its findings say that no
 * close name was searched for.
 */
export const SUGGEST_BUDGET_CELLS = 12_000_000;

/** Answers a Suggester remembers (it may live as long as the process: unknown-region's do). */
const MEMO_MAX = 10_000;

/**
 * "Did you mean" for many words against one list of candidates. Each candidate is lowercased once, a
 * candidate whose length differs by more than the typo allowance is not compared, a comparison stops
 * as soon as it cannot beat the best so far (Ukkonen's band), and answers are remembered per word.
 * The answer is `nearest`'s: the first candidate, in the list's order, at the least distance, if that
 * distance is within typoAllowance. Work is bounded: once `budgetCells` are spent, later words get
 * undefined and `exhausted` is true (a word whose search started is searched to the end, so the answers
 * depend only on the words and their order).
 */
export class Suggester {
  private readonly lower: string[];
  private readonly memo = new Map<string, string | undefined>();
  private cells = 0;
  private row0 = new Int32Array(0);
  private row1 = new Int32Array(0);
  /** true once a word went unsearched for want of budget */
  exhausted = false;
  /** true when the last word asked went unsearched for want of budget (its undefined says nothing) */
  skipped = false;

  /** cells spent so far (see SUGGEST_BUDGET_CELLS) */
  get spent(): number {
    return this.cells;
  }

  constructor(
    private readonly candidates: readonly string[],
    private readonly budgetCells = SUGGEST_BUDGET_CELLS,
  ) {
    this.lower = candidates.map((c) => c.toLowerCase());
  }

  nearest(word: string): string | undefined {
    const w = word.toLowerCase();
    this.skipped = false;
    if (this.memo.has(w)) return this.memo.get(w);
    if (this.cells >= this.budgetCells) {
      this.exhausted = true;
      this.skipped = true;
      return undefined;
    }
    const allowance = typoAllowance(w.length);
    let best = -1;
    let bestD = allowance + 1;
    let k = 0;
    for (; k < this.lower.length && bestD > 0; k++) {
      const c = this.lower[k]!;
      const cap = bestD - 1;
      if (Math.abs(c.length - w.length) > cap) continue;
      const d = this.bounded(w, c, cap);
      if (d <= cap) {
        best = k;
        bestD = d;
      }
    }
    this.cells += k;
    const answer = best >= 0 ? this.candidates[best] : undefined;
    if (this.memo.size >= MEMO_MAX) this.memo.clear();
    this.memo.set(w, answer);
    return answer;
  }

  /** editDistance(a, b) when it is at most `cap`, else cap + 1; only cells within `cap` of the diagonal. */
  private bounded(a: string, b: string, cap: number): number {
    if (a === b) return 0;
    const la = a.length;
    const lb = b.length;
    if (this.row0.length <= lb) {
      this.row0 = new Int32Array(lb + 1);
      this.row1 = new Int32Array(lb + 1);
    }
    let prev = this.row0;
    let cur = this.row1;
    const out = cap + 1;
    for (let j = 0; j <= lb; j++) prev[j] = j <= cap ? j : out;
    for (let i = 1; i <= la; i++) {
      const from = Math.max(1, i - cap);
      const to = Math.min(lb, i + cap);
      cur[from - 1] = from === 1 && i <= cap ? i : out;
      let rowMin = cur[from - 1]!;
      const ai = a.charCodeAt(i - 1);
      for (let j = from; j <= to; j++) {
        const sub = prev[j - 1]! + (ai === b.charCodeAt(j - 1) ? 0 : 1);
        const del = j < i + cap ? prev[j]! + 1 : out;
        const ins = cur[j - 1]! + 1;
        let v = sub < del ? sub : del;
        if (ins < v) v = ins;
        if (v > out) v = out;
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (to < lb) cur[to + 1] = out;
      this.cells += to - from + 1;
      if (rowMin > cap) return out;
      const t = prev;
      prev = cur;
      cur = t;
    }
    return prev[lb]! <= cap ? prev[lb]! : out;
  }
}

/**
 * The candidate closest to `word` by edit distance (case-insensitive), if close enough to be a typo
 * (typoAllowance); the first of equally close ones. For many words against the same candidates, use
 * one Suggester.
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  return new Suggester([...candidates], Infinity).nearest(word);
}
