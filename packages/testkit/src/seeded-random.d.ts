/** A deterministic random source (mulberry32): the same sequence for the same seed, on every run. */
export declare function seededRandom(seed?: number): () => number;
