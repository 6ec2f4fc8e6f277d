/** Code-point order: locale-independent, so every sorted output is identical on every machine. The one comparator. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
