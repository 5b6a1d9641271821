// The top-level layout of a one-document topology text: where each block section and its entries start
// and end. Fixes that move content between sections (follow-the-sun -> services) need it; it is a pure
// function of the text, so the full and the incremental parse attach the same outline.

import type { Design, Outline, OutlineSection } from '../design';

/**
 * Gives `design` the outline of `text`, computed when first read: only a follow-the-sun rewrite reads it,
 * and a whole-text scan per version is ~1 ms of every keystroke in a 500-site design (bench/edit-loop.mjs).
 * An enumerable property: spreads and structured clones copy the value.
 */
export function attachOutline(design: Design, text: string): void {
  let value: Outline | undefined | null = null;
  Object.defineProperty(design, 'outline', {
    get: () => (value === null ? (value = outline(text)) : value),
    enumerable: true,
    configurable: true,
  });
}

const TOP = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$/;

/** Whether a UTF-16 code unit is what String.prototype.trimStart and RegExp `\s` treat as white space. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Every top-level key; entries for those whose value is a block sequence. Offsets are UTF-16 units. */
export function outline(text: string): Outline | undefined {
  if (/^(---|\.\.\.|%)/m.test(text) || text.includes('\r') || /^\t/m.test(text)) return undefined;
  const sections: Record<string, OutlineSection> = {};
  let current: OutlineSection | undefined;
  // One pass over the lines by offsets, as `text.split('\n')` would cut them: only top-level and `- `
  // lines are looked at as strings (the split of a 500-site design allocated ~600 KB per version, and a
  // follow-the-sun fix reads the outline of every version).
  for (let start = 0; start <= text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = start;
    start = end + 1;
    let i = line;
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    // blank, or a comment
    if (i === end || text.charCodeAt(i) === 35) continue;
    if (text.charCodeAt(line) !== 32) {
      current = undefined;
      const m = TOP.exec(text.slice(line, end));
      if (!m || sections[m[1]!]) continue;
      const block = m[2]!.trim() === '' || m[2]!.trim().startsWith('#');
      const section: OutlineSection = { keyStart: line, end, items: [] };
      sections[m[1]!] = section;
      // a flow or scalar value (`services: []`) is recorded, without entries: fixes leave it alone
      if (block) current = section;
      continue;
    }
    if (!current) continue;
    current.end = end;
    const indent = i - line;
    if (text.charCodeAt(i) === 45 && (i + 1 === end || isSpace(text.charCodeAt(i + 1)))) {
      if (current.indent === undefined) current.indent = text.slice(line, i);
      if (indent === current.indent.length) current.items.push(line);
    }
  }
  return { eof: text.length, endsWithNewline: text.endsWith('\n'), sections };
}

/**
 * The entry of a section (`OutlineSection.items`: entry starts, ascending offsets) that holds `offset`: the
 * index of the last start at or before it, -1 if none. A binary search: each follow-the-sun finding looks
 * its migration up (a scan per finding was quadratic in the number of migrations).
 */
export function entryIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  // invariant: starts[0, lo) <= offset < starts[hi, n)
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
