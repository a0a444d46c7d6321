import { describe, expect, it } from 'vitest';
import { navFor, resolveRoute } from '../../web/src/app/routes.tsx';
import type { Role } from '../../web/src/shared/auth/roles.ts';
import type { Session } from '../../web/src/shared/auth/session.ts';

const as = (role: Role): Session => ({ token: 't', user: { id: 'u', name: '某人', tenant: 'T#demo', role } });

describe('resolveRoute', () => {
  it('shows the sign-in page to nobody signed in, whatever the address', () => {
    expect(resolveRoute('/rules/units', null).kind).toBe('sign-in');
    expect(resolveRoute('/', null).kind).toBe('sign-in');
  });

  it.each([
    ['province_admin', '/rules', 'page'],
    ['province_admin', '/rules/units', 'page'],
    ['province_admin', '/inherited', 'not-found'],
    ['city_admin', '/inherited', 'page'],
    ['city_admin', '/rules/units', 'not-found'],
    ['viewer', '/', 'page'],
    ['viewer', '/rules', 'not-found'],
    ['province_admin', '/no/such/page', 'not-found'],
    ['viewer', '/runs', 'page'],
    ['viewer', '/runs/20240101-abc/sz-u001', 'page'],
    ['viewer', '/data', 'page'],
    ['platform_admin', '/runs', 'not-found'],
    ['platform_admin', '/data', 'not-found'],
  ] as const)('%s opening %s gets %s', (role, path, kind) => {
    expect(resolveRoute(path, as(role)).kind).toBe(kind);
  });
});

describe('navFor', () => {
  it.each([
    ['province_admin', ['/', '/rules', '/runs', '/data']],
    ['city_admin', ['/', '/inherited', '/runs', '/data']],
    ['auditor', ['/', '/runs', '/data']],
    ['platform_admin', ['/']],
  ] as const)('offers %s only what the role may open', (role, paths) => {
    expect(navFor(as(role)).map((item) => item.to)).toEqual(paths);
    for (const path of paths) expect(resolveRoute(path, as(role)).kind).toBe('page');
  });

  it('offers nothing before sign-in', () => {
    expect(navFor(null)).toEqual([]);
  });
});
