import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, gluedSplit } from '../../dsl/names.ts';
import { add, cmp, div, floorDiv, fromNumber, parseDecimal, rat, toCents } from '../../dsl/rational.ts';
import { sha256Hex } from '../../dsl/sha256.ts';

describe('rational', () => {
  it('reads decimals exactly and JS numbers as their shortest decimal', () => {
    expect(parseDecimal('82.375')).toEqual(rat(659n, 8n));
    expect(fromNumber(0.1)).toEqual(rat(1n, 10n));
    expect(cmp(add(fromNumber(0.1), fromNumber(0.2)), fromNumber(0.3))).toBe(0);
    expect(parseDecimal('abc')).toBeUndefined();
  });

  it.each([
    ['89.995', 9000n],
    ['89.994999', 8999n],
    ['-0.005', 0n],
    ['-0.015', -1n],
    ['1.005', 101n],
  ])('rounds %s half up to %i cents', (text, cents) => {
    expect(toCents(parseDecimal(text) ?? rat(0n))).toBe(cents);
  });

  it('floors division and refuses division by zero', () => {
    expect(floorDiv(rat(7n), rat(3n))).toBe(2n);
    expect(floorDiv(rat(-7n), rat(3n))).toBe(-3n);
    expect(div(rat(1n), rat(0n))).toBeUndefined();
  });

  it('agrees with integer arithmetic on random cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -1e9, max: 1e9 }), (a, b) => {
        const sum = add(rat(BigInt(a), 100n), rat(BigInt(b), 100n));
        expect(toCents(sum)).toBe(BigInt(a + b));
      }),
      { numRuns: 200, seed: 1 },
    );
  });
});

describe('sha256', () => {
  it('matches node:crypto on edge lengths and Chinese text', () => {
    for (const text of ['', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), '热线解决率'.repeat(50)]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });
});

describe('names', () => {
  it('suggests close names and splits glued keywords', () => {
    expect(closest('热线解决律', ['热线解决率', '一次性办结率'])).toBe('热线解决率');
    expect(closest('完全不同', ['热线解决率'])).toBeUndefined();
    expect(gluedSplit('指标热线解决率')).toEqual({ keyword: '指标', rest: '热线解决率' });
    expect(gluedSplit('热线')).toBeUndefined();
  });
});
