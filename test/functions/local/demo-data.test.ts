import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/api/app.ts';
import { createServices } from '../../../functions/api/services.ts';
import { cityKey, provinceKey } from '../../../functions/domain/tenant-key.ts';
import { demoOrganisation } from '../../../functions/local/demo-data/demo-organisation.ts';
import { ruleSetIdOf } from '../../../functions/local/demo-data/demo-rule-sets.ts';
import { demoUsers } from '../../../functions/local/demo-data/demo-users.ts';
import { loadDemoData } from '../../../functions/local/demo-data/load-demo.ts';
import { createTestApi, type TestApi } from '../../support/api-harness.ts';
import { useTestTable } from '../../support/test-table.ts';

describe('demo data', () => {
  const table = useTestTable();
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi(table);
  });

  it('generates the same organisation from the same seed, with realistic names', () => {
    const a = demoOrganisation('东州市', 'do', 7, 7);
    const b = demoOrganisation('东州市', 'do', 7, 7);

    expect(a).toEqual(b);
    expect(a.units).toHaveLength(21);
    expect(a.cadres.length).toBeGreaterThan(160);
    expect(a.units.map((unit) => unit.name)).toContain('东州市市场监督管理局');
    expect(new Set(a.units.map((unit) => unit.category))).toEqual(
      new Set(['窗口服务类', '执法监管类', '综合管理类']),
    );
  });

  it('derives rule-set ids from example file names', () => {
    expect(ruleSetIdOf('demo-province/units-2024.kp')).toBe('units');
    expect(ruleSetIdOf('示范省-2025.kp')).toMatch(/^rs-[0-9a-f]{8}$/);
    expect(ruleSetIdOf('2025.kp')).toMatch(/^rs-[0-9a-f]{8}$/);
  });

  it('loads 示范省 once from examples/: cities, ~60 units, ~600 cadres, users, versions 2024 and 2025, pinned cities', async () => {
    const services = createServices(api.deps);

    const first = await loadDemoData(services, 'examples');
    const second = await loadDemoData(services, 'examples');

    expect(first.loaded).toBe(true);
    expect(first.units).toBeGreaterThanOrEqual(60);
    expect(first.cadres).toBeGreaterThanOrEqual(500);
    expect(first.ruleSets.skipped).toEqual([]);
    expect(second.loaded).toBe(false);

    const province = provinceKey('demo');
    const versions = await services.ruleSets.listVersions(province, 'units');
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const dongzhou = await services.ruleSets.listDrafts(cityKey('demo', 'dongzhou'));
    const xizhou = await services.ruleSets.listDrafts(cityKey('demo', 'xizhou'));
    expect(dongzhou.map((d) => [d.parent, d.headVersion])).toEqual([[{ ruleSet: 'units', version: 1 }, 1]]);
    expect(xizhou.map((d) => [d.parent, d.headVersion])).toEqual([[{ ruleSet: 'units', version: 2 }, 1]]);
    expect((await services.catalog.getSource(province))?.source).toContain('catalog');
    expect((await services.catalog.list(province)).map((f) => f.field.name)).toContain('理论学习完成率');
    expect(await services.audit.verify(province)).toMatchObject({ ok: true });
  });

  it('lets every demo user log in and see their own tenant', async () => {
    const app = createApp({ ...api.deps, dev: { signingKey: api.signingKey, users: demoUsers } });
    const listed = (await (await app.request('/api/dev/users')).json()) as {
      items: { userId: string; role: string }[];
    };

    expect(new Set(listed.items.map((user) => user.role))).toEqual(
      new Set(['platform_admin', 'province_admin', 'city_admin', 'assessor', 'auditor', 'viewer']),
    );
    for (const user of listed.items) {
      const login = await app.request('/api/dev/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: user.userId }),
      });
      const { token } = (await login.json()) as { token: string };
      const me = await app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
      expect(me.status, user.userId).toBe(200);
      expect(await me.json()).toMatchObject({ userId: user.userId, role: user.role });
    }
    const unknown = await app.request('/api/dev/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'nobody' }),
    });
    expect(unknown.status).toBe(404);
  });

  it('shows the city pinned to 2024 that a newer parent exists, and re-pins it after a dry-run', async () => {
    const token = await api.token('dongzhou-admin', 'demo#dongzhou', 'city_admin');
    const [draft] = (await (await api.call('GET', '/api/rulesets', token)).json()).items as { id: string }[];
    const id = draft?.id ?? 'missing';

    const effective = await api.call('GET', `/api/rulesets/${id}/effective`, token);
    const dryRun = await api.call('POST', `/api/rulesets/${id}/repin`, token, { version: 2, dryRun: true });

    expect(effective.status).toBe(200);
    expect(await effective.json()).toMatchObject({
      parent: { version: 1 },
      latestParentVersion: 2,
      newerParentAvailable: true,
    });
    expect(dryRun.status).toBe(200);
    expect(await dryRun.json()).toMatchObject({ dryRun: true, from: 1, to: 2 });
  });

  it('compiles the province rule set with the province catalog source through the API', async () => {
    const token = await api.token('demo-admin', 'demo', 'province_admin');

    const tested = await api.call('POST', '/api/rulesets/units/test', token);
    const source = await api.call('GET', '/api/catalog-source', token);

    expect(tested.status).toBe(200);
    expect(await tested.json()).toMatchObject({ failed: 0 });
    expect(source.status).toBe(200);
    expect(source.headers.get('etag')).toBe('"1"');
  });
});
