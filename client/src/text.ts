// Wording shared by the client's views (status item, map).

/** A count and its noun, as the views print them: "1 problem", "2,933 problems". */
export function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
