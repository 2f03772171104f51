// Plain JavaScript (with a .d.ts beside it) so that both the TypeScript tests
// and the .mjs benchmarks can import it.

/** A deterministic random source (mulberry32): the same sequence for the same seed, on every run. */
export function seededRandom(seed = 42) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
