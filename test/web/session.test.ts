import { describe, expect, it } from 'vitest';
import { can } from '../../web/src/shared/auth/roles.ts';
import { tokenExpiry } from '../../web/src/shared/auth/session.ts';
import { tenantLabel } from '../../web/src/shared/auth/tenant-label.ts';

const jwt = (payload: object): string =>
  `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.signature`;

describe('tokenExpiry', () => {
  it('reads exp from a JWT payload without verifying it', () => {
    expect(tokenExpiry(jwt({ exp: 1_900_000_000, tenant: 'T#demo' }))).toBe(1_900_000_000);
  });

  it.each(['', 'not-a-jwt', 'a.!!!.c', jwt({ exp: 'soon' })])('gives undefined for %j', (token) => {
    expect(tokenExpiry(token)).toBeUndefined();
  });
});

describe('can', () => {
  it.each([
    ['province_admin', 'rules.edit', true],
    ['province_admin', 'rules.publish', true],
    ['province_admin', 'rules.repin', false],
    ['city_admin', 'rules.edit', false],
    ['city_admin', 'rules.inherited', true],
    ['city_admin', 'rules.repin', true],
    ['viewer', 'rules.inherited', false],
    ['auditor', 'rules.publish', false],
  ] as const)('%s may %s: %s', (role, capability, allowed) => {
    expect(can(role, capability)).toBe(allowed);
  });
});

describe('tenantLabel', () => {
  it('prefers the tenant name, else shows the key without its prefix', () => {
    expect(tenantLabel({ tenant: 'T#demo#east', tenantName: '示范省东城市' })).toBe('示范省东城市');
    expect(tenantLabel({ tenant: 'T#demo#east' })).toBe('demo / east');
    expect(tenantLabel({ tenant: 'demo' })).toBe('demo');
  });
});
