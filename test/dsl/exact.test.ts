import { describe, expect, it } from 'vitest';
import { type CompiledRuleSet, compile, type SubjectInput, scoreSubject } from '../../dsl/index.ts';
import { rng } from './support/generate.ts';

// An independent exact reference: BigInt fractions, written here without the library's code.
type Frac = [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const norm = ([n, d]: Frac): Frac => {
  const g = gcd(n, d) || 1n;
  return d < 0n ? [-n / g, -d / g] : [n / g, d / g];
};
const dec = (x: number | string): Frac => {
  const [int, frac = ''] = String(x).split('.');
  return norm([BigInt(`${int}${frac}`), 10n ** BigInt(frac.length)]);
};
const add = (a: Frac, b: Frac): Frac => norm([a[0] * b[1] + b[0] * a[1], a[1] * b[1]]);
const mul = (a: Frac, b: Frac): Frac => norm([a[0] * b[0], a[1] * b[1]]);
const div = (a: Frac, b: Frac): Frac => norm([a[0] * b[1], a[1] * b[0]]);
const sub = (a: Frac, b: Frac): Frac => add(a, [-b[0], b[1]]);
const clamp01 = (a: Frac): Frac => (a[0] < 0n ? [0n, 1n] : a[0] > a[1] ? [1n, 1n] : a);
/** half up to hundredths: floor(100·x + 1/2) */
const cents = ([n, d]: Frac): bigint => {
  const num = 200n * n + d;
  const den = 2n * d;
  const q = num / den;
  return num < 0n && q * den !== num ? q - 1n : q;
};

const SOURCE = `ruleset 精确 assesses unit period annual
scale base 100
categories 甲
catalog {
  field a percent
  field b percent
  field c percent
  field d number range 0..100
  field e number range 0..100
}
dimension 一 weight 30%
dimension 二 weight 30%
dimension 三 weight 25%
dimension 四 weight 15%
indicator A in 一 { source a score linear 0 => 0, 100 => 100 }
indicator B in 二 weight 2 { source b score linear 7 => 0, 97 => 100 }
indicator C in 二 { source c score linear 3 => 0, 98.5 => 100 }
indicator D in 三 { source d score linear 0 => 0, 100 => 100 }
indicator E in 四 weight 3 { source a score linear 0 => 0, 100 => 100 }
indicator F in 四 weight 4 { source e score linear 10 => 0, 90 => 100 }
grades 优秀 >= 90, 良好 >= 80, 一般 >= 60, 较差
`;
type Field = 'a' | 'b' | 'c' | 'd' | 'e';
const INDICATORS: { field: Field; dim: string; weight: number; w: number; lo: string; hi: string }[] = [
  { field: 'a', dim: '一', weight: 30, w: 1, lo: '0', hi: '100' },
  { field: 'b', dim: '二', weight: 30, w: 2, lo: '7', hi: '97' },
  { field: 'c', dim: '二', weight: 30, w: 1, lo: '3', hi: '98.5' },
  { field: 'd', dim: '三', weight: 25, w: 1, lo: '0', hi: '100' },
  { field: 'a', dim: '四', weight: 15, w: 3, lo: '0', hi: '100' },
  { field: 'e', dim: '四', weight: 15, w: 4, lo: '10', hi: '90' },
];
const dimWeightSum = (i: number): number =>
  INDICATORS.filter((x) => x.dim === INDICATORS[i]?.dim).reduce((s, x) => s + x.w, 0);

function reference(values: Record<Field, number>): bigint {
  let total: Frac = [0n, 1n];
  INDICATORS.forEach((ind, i) => {
    const x = dec(values[ind.field]);
    const s = clamp01(div(sub(x, dec(ind.lo)), sub(dec(ind.hi), dec(ind.lo))));
    const share = mul(dec(ind.weight), div(dec(ind.w), dec(dimWeightSum(i))));
    total = add(total, mul(share, s)); // base 100 × weight% × share × score% = weight × share × s
  });
  return cents(total);
}

const compiled = (): CompiledRuleSet => {
  const r = compile(SOURCE);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.ruleSet;
};
const subject = (id: string, values: Record<Field, number>): SubjectInput => ({
  id,
  kind: 'unit',
  category: '甲',
  values,
});

describe('exact decimal totals', () => {
  it('match a BigInt rational reference on 5,000 generated subjects', () => {
    const rs = compiled();
    const r = rng(42);
    const pick = () => Number((60 + r() * 40).toFixed(Math.floor(r() * 4)));
    for (let i = 0; i < 5000; i++) {
      const values = { a: pick(), b: pick(), c: pick(), d: pick(), e: pick() };
      expect(Math.round(scoreSubject(rs, subject(`s${i}`, values)).total * 100)).toBe(
        Number(reference(values)),
      );
    }
  });

  it.each([
    ['89.995', 9000, '优秀'],
    ['89.994', 8999, '良好'],
    ['79.995', 8000, '良好'],
    ['59.995', 6000, '一般'],
    ['59.9949', 5999, '较差'],
  ])('rounds a total of exactly %s half up (%i cents, %s) at a grade boundary', (s, expectedCents, grade) => {
    // every indicator scores s, so the exact total is s
    const score = Number(s);
    const at = (lo: number, hi: number) => Number((lo + ((hi - lo) * score) / 100).toFixed(10));
    const values = { a: score, b: at(7, 97), c: at(3, 98.5), d: score, e: at(10, 90) };
    expect(reference(values)).toBe(BigInt(expectedCents));
    const r = scoreSubject(compiled(), subject('edge', values));
    expect(Math.round(r.total * 100)).toBe(expectedCents);
    expect(r.grade).toBe(grade);
  });

  it('rounds 1.005 to 1.01 where plain doubles give 1.00', () => {
    const rs = compile(`ruleset 边界 assesses unit period annual
scale base 100
catalog { field x number range 0..100 }
dimension 一 weight 100%
indicator X in 一 { source x score linear 0 => 0, 100 => 100 }
grades 优秀 >= 1.01, 较差
`);
    if (!rs.ok) throw new Error('compile');
    expect((1.005).toFixed(2)).toBe('1.00'); // the double pitfall the rounding rule avoids
    const r = scoreSubject(rs.ruleSet, { id: 'x', kind: 'unit', category: '', values: { x: 1.005 } });
    expect(r.total).toBe(1.01);
    expect(r.grade).toBe('优秀');
  });
});
