/**
 * A small, fast, seeded PRNG (sfc32) so demo history is the same on every machine and every run.
 * Math.random is never used for generated data.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** A derived, independent stream: the same (seed, label) always yields the same stream. */
  fork(label: string): Random;
}

function hashString(text: string): number {
  // FNV-1a, 32-bit: spreads labels such as subject ids into seeds.
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function createRandom(seed: number | string): Random {
  const base = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
  let a = base ^ 0x9e3779b9;
  let b = Math.imul(base, 0x85ebca6b) >>> 0;
  let c = Math.imul(base ^ 0xc2b2ae35, 0x27d4eb2f) >>> 0;
  let d = 1;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up: the first outputs of sfc32 from similar seeds are correlated.
  for (let round = 0; round < 12; round += 1) next();
  return {
    next,
    fork: (label: string) => createRandom(`${base}:${label}`),
  };
}
