/** The middle of the values once sorted (the upper of the two middles of an even count). */
export function median(values: readonly number[]): number {
  const middle = [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  if (middle === undefined) throw new Error("median of no values");
  return middle;
}
