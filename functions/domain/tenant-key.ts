/**
 * Tenant keys: `T#<province>` for a province, `T#<province>#<city>` for a city, and the reserved
 * `T#_platform` for the platform's own records. Ids match `^[a-z][a-z0-9-]{1,31}$`, so neither `#`
 * nor `_` can ever appear inside one and a key can never be mistaken for another tenant's prefix.
 *
 * @example
 * const city = cityKey('demo', 'east');      // 'T#demo#east'
 * provinceOf(city) === provinceKey('demo');  // true
 */
declare const tenantKeyBrand: unique symbol;
export type TenantKey = string & { readonly [tenantKeyBrand]: true };

export const tenantIdPattern = /^[a-z][a-z0-9-]{1,31}$/;
export const platformKey = 'T#_platform' as TenantKey;

export type TenantLevel = 'platform' | 'province' | 'city';

export type TenantRef =
  | { readonly level: 'platform' }
  | { readonly level: 'province'; readonly province: string }
  | { readonly level: 'city'; readonly province: string; readonly city: string };

export function isTenantId(id: string): boolean {
  return tenantIdPattern.test(id);
}

function requireId(id: string): string {
  if (!isTenantId(id)) throw new TypeError(`not a tenant id: ${JSON.stringify(id)}`);
  return id;
}

export function provinceKey(province: string): TenantKey {
  return `T#${requireId(province)}` as TenantKey;
}

export function cityKey(province: string, city: string): TenantKey {
  return `T#${requireId(province)}#${requireId(city)}` as TenantKey;
}

/** Parses `T#p`, `T#p#c` or `T#_platform` (the `T#` prefix may be omitted, as in a token claim). */
export function parseTenantKey(raw: string): TenantKey | null {
  if (raw === platformKey || raw === '_platform') return platformKey;
  const body = raw.startsWith('T#') ? raw.slice(2) : raw;
  const parts = body.split('#');
  if (parts.length < 1 || parts.length > 2 || !parts.every(isTenantId)) return null;
  return `T#${parts.join('#')}` as TenantKey;
}

export function describeTenant(key: TenantKey): TenantRef {
  if (key === platformKey) return { level: 'platform' };
  const [province = '', city] = key.slice(2).split('#');
  return city === undefined ? { level: 'province', province } : { level: 'city', province, city };
}

export function tenantLevel(key: TenantKey): TenantLevel {
  return describeTenant(key).level;
}

/** The province a city belongs to; null for a province or the platform. */
export function provinceOf(key: TenantKey): TenantKey | null {
  const ref = describeTenant(key);
  return ref.level === 'city' ? provinceKey(ref.province) : null;
}

/** Whether `scope` may read `target`: itself, or a province reading one of its own cities. */
export function tenantCovers(scope: TenantKey, target: TenantKey): boolean {
  return scope === target || provinceOf(target) === scope;
}

/** The short id of a province or city tenant (`east` for `T#demo#east`). */
export function tenantId(key: TenantKey): string {
  const ref = describeTenant(key);
  if (ref.level === 'city') return ref.city;
  if (ref.level === 'province') return ref.province;
  return '_platform';
}
