/** Exact rational arithmetic over BigInt: the reference every published number is checked against. */
export interface Rat {
  readonly n: bigint;
  readonly d: bigint; // always > 0, gcd(n, d) = 1
}
const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};
export function rat(n: bigint, d = 1n): Rat {
  if (d === 0n) throw new Error('rational with zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}
export const ZERO = rat(0n);
export const ONE = rat(1n);
export const HUNDRED = rat(100n);
export const add = (a: Rat, b: Rat): Rat => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rat, b: Rat): Rat => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rat, b: Rat): Rat => rat(a.n * b.n, a.d * b.d);
/** undefined when dividing by zero */
export const div = (a: Rat, b: Rat): Rat | undefined => (b.n === 0n ? undefined : rat(a.n * b.d, a.d * b.n));
export const cmp = (a: Rat, b: Rat): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const neg = (a: Rat): Rat => ({ n: -a.n, d: a.d });
export const min = (a: Rat, b: Rat): Rat => (cmp(a, b) <= 0 ? a : b);
export const max = (a: Rat, b: Rat): Rat => (cmp(a, b) >= 0 ? a : b);
export const clamp = (x: Rat, lo: Rat, hi: Rat): Rat => max(lo, min(hi, x));
export const abs = (a: Rat): Rat => (a.n < 0n ? neg(a) : a);
/** floor(a / b) for integer-valued division counts */
export function floorDiv(a: Rat, b: Rat): bigint {
  const q = div(a, b);
  if (q === undefined) return 0n;
  const f = q.n / q.d;
  return q.n < 0n && f * q.d !== q.n ? f - 1n : f;
}

/** Parses a decimal string such as "82.375" or "-3" exactly; undefined if it is not one. */
export function parseDecimal(text: string): Rat | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text.trim());
  if (m === null) return undefined;
  const frac = m[3] ?? '';
  let n = BigInt((m[2] ?? '0') + frac);
  let d = 10n ** BigInt(frac.length);
  const e = Number(m[4] ?? '0');
  if (Math.abs(e) > 400) return undefined;
  if (e > 0) n *= 10n ** BigInt(e);
  else if (e < 0) d *= 10n ** BigInt(-e);
  return rat(m[1] === '-' ? -n : n, d);
}
/** A JS number read as the shortest decimal that prints as it (so 0.1 means one tenth). */
export function fromNumber(x: number): Rat {
  const r = parseDecimal(String(x));
  if (r === undefined) throw new Error(`not a finite number: ${x}`);
  return r;
}
/** Round to whole hundredths, half up (towards +∞): the one rounding rule of published scores. */
export function toCents(a: Rat): bigint {
  const scaled = a.n * 100n;
  const twice = 2n * scaled + a.d; // floor((2·100·n + d) / (2d)) = floor(100·a + 1/2)
  const den = 2n * a.d;
  const q = twice / den;
  return twice < 0n && q * den !== twice ? q - 1n : q;
}
export const toNumber = (a: Rat): number => Number(a.n) / Number(a.d);
