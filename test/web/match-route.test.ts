import { describe, expect, it } from 'vitest';
import { buildPath, matchRoute } from '../../web/src/shared/router/match-route.ts';

describe('matchRoute', () => {
  it.each([
    ['/', '/', {}],
    ['/rules', '/rules', {}],
    ['/rules', '/rules/', {}],
    ['/rules/:name', '/rules/demo-2025', { name: 'demo-2025' }],
    ['/rules/:name', `/rules/${encodeURIComponent('示范省')}`, { name: '示范省' }],
    ['/rules/:name', '/rules/a?tab=tests', { name: 'a' }],
  ])('matches %s against %s', (pattern, path, params) => {
    expect(matchRoute(pattern, path)).toEqual(params);
  });

  it.each([
    ['/rules/:name', '/rules'],
    ['/rules/:name', '/rules/a/b'],
    ['/rules', '/inherited'],
    ['/rules/:name', '/rules/%E0%A4%A'],
  ])('does not match %s against %s', (pattern, path) => {
    expect(matchRoute(pattern, path)).toBeNull();
  });

  it('builds a path that matches back to the same parameters', () => {
    const path = buildPath('/rules/:name', { name: '示范省 2025/草稿' });
    expect(matchRoute('/rules/:name', path)).toEqual({ name: '示范省 2025/草稿' });
  });
});
