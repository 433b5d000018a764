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

/** Uniform numbers in [0, 1) from a seed (mulberry32: small, and plenty for picking moments to kill a process). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
