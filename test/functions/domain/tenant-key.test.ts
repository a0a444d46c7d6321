import { describe, expect, it } from 'vitest';
import {
  cityKey,
  describeTenant,
  parseTenantKey,
  platformKey,
  provinceKey,
  provinceOf,
  tenantCovers,
} from '../../../functions/domain/tenant-key.ts';

describe('tenant keys', () => {
  it.each([
    ['T#demo', 'T#demo'],
    ['demo', 'T#demo'],
    ['T#demo#dongzhou', 'T#demo#dongzhou'],
    ['demo#dongzhou', 'T#demo#dongzhou'],
    ['_platform', 'T#_platform'],
    ['T#_platform', 'T#_platform'],
  ])('parses %s as %s', (raw, key) => {
    expect(parseTenantKey(raw)).toBe(key);
  });

  it.each([
    '',
    'T#',
    'T#Demo',
    'T#demo#',
    'T#demo#a#b',
    'T#_platform#x',
    'T#demo city',
    'T#d',
    `T#${'a'.repeat(33)}`,
  ])('refuses %j', (raw) => {
    expect(parseTenantKey(raw)).toBeNull();
  });

  it('knows which tenant covers which: a province its own cities, nobody a sibling', () => {
    const province = provinceKey('demo');
    const city = cityKey('demo', 'east');

    expect(provinceOf(city)).toBe(province);
    expect(tenantCovers(province, city)).toBe(true);
    expect(tenantCovers(city, province)).toBe(false);
    expect(tenantCovers(cityKey('demo', 'west'), city)).toBe(false);
    expect(tenantCovers(provinceKey('other'), city)).toBe(false);
    expect(describeTenant(platformKey)).toEqual({ level: 'platform' });
  });

  it('never builds a key from an id that is not one', () => {
    expect(() => provinceKey('a#b')).toThrow(TypeError);
    expect(() => cityKey('demo', '_x')).toThrow(TypeError);
  });
});
