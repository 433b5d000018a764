// Seeds for the tests that make random choices: a fixed one per test, so every run makes the same
// choices, and FUZZ_SEED to replay (or vary) them; a failing test prints the seed it used.

/** FUZZ_SEED when set, else `fallback`: a 32-bit integer either way. */
export function testSeed(fallback: number): number {
  const text = process.env.FUZZ_SEED?.trim();
  if (!text) return fallback;
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed !== (seed | 0)) throw new Error(`FUZZ_SEED must be a 32-bit integer, not ${JSON.stringify(text)}`);
  return seed;
}
