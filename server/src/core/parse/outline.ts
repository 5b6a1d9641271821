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

/** Every top-level key; entries for those whose value is a block sequence. Offsets are UTF-16 units. */
export function outline(text: string): Outline | undefined {
  if (/^(---|\.\.\.|%)/m.test(text) || text.includes('\r') || /^\t/m.test(text)) return undefined;
  const sections: Record<string, OutlineSection> = {};
  let current: OutlineSection | undefined;
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (line[0] !== ' ') {
      current = undefined;
      const m = TOP.exec(line);
      if (!m || sections[m[1]!]) continue;
      const block = m[2]!.trim() === '' || m[2]!.trim().startsWith('#');
      const section: OutlineSection = { keyStart: start, end: start + line.length, items: [] };
      sections[m[1]!] = section;
      // a flow or scalar value (`services: []`) is recorded, without entries: fixes leave it alone
      if (block) current = section;
      continue;
    }
    if (!current) continue;
    current.end = start + line.length;
    const indent = line.length - trimmed.length;
    if (/^-(\s|$)/.test(trimmed)) {
      if (current.indent === undefined) current.indent = line.slice(0, indent);
      if (indent === current.indent.length) current.items.push(start);
    }
  }
  return { eof: text.length, endsWithNewline: text.endsWith('\n'), sections };
}
