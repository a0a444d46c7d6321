import type { Random } from './seeded-random.ts';

/** A standard normal draw (Box–Muller). */
export function normal(random: Random): number {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A beta-like draw on [0, 1] with the given mean and concentration (higher = tighter), via the
 * Kumaraswamy distribution, whose inverse CDF is closed-form. Rates that cluster near a ceiling
 * (GLOSSARY: 满意率 95–99%) use a high mean and a moderate concentration.
 */
export function betaLike(random: Random, mean: number, concentration: number): number {
  const m = Math.min(Math.max(mean, 0.001), 0.999);
  // Match the Kumaraswamy median roughly to the requested mean: b fixed by concentration, a solved.
  const b = Math.max(concentration * (1 - m), 0.5);
  const a = Math.max(Math.log(1 - 0.5 ** (1 / b)) / Math.log(m), 0.05);
  const u = random.next();
  return (1 - (1 - u) ** (1 / b)) ** (1 / a);
}

/** A Poisson draw (Knuth's method; the demo's rates are small, so it stays fast). */
export function poisson(random: Random, lambda: number): number {
  if (lambda <= 0) return 0;
  const limit = Math.exp(-Math.min(lambda, 30));
  let count = 0;
  let product = random.next();
  while (product > limit) {
    count += 1;
    product *= random.next();
  }
  return count;
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/** Rounds to a fixed number of decimals, as a data feed would report the figure. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
