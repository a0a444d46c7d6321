import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../functions/api/services.ts';
import { cityKey, provinceKey } from '../../../functions/domain/tenant-key.ts';
import { demoOrganisation } from '../../../functions/local/demo-data/demo-organisation.ts';
import { ruleSetIdOf } from '../../../functions/local/demo-data/demo-rule-sets.ts';
import { demoUsers } from '../../../functions/local/demo-data/demo-users.ts';
import { loadDemoData } from '../../../functions/local/demo-data/load-demo.ts';
import { createTestApi, type TestApi } from '../../support/api-harness.ts';
import { useTestTable } from '../../support/test-table.ts';

const province = readFileSync(new URL('../api/fixtures/province.kp', import.meta.url), 'utf8');
const city = readFileSync(new URL('../api/fixtures/city.kp', import.meta.url), 'utf8');

describe('demo data', () => {
  const table = useTestTable();
  const examples = mkdtempSync(join(tmpdir(), 'kaoping-examples-'));
  let api: TestApi;
  afterAll(() => rmSync(examples, { recursive: true, force: true }));

  beforeAll(async () => {
    writeFileSync(join(examples, 'province-2024.kp'), province);
    writeFileSync(join(examples, 'province-2025.kp'), province.replace('cap 3 each', 'cap 4 each'));
    writeFileSync(join(examples, 'city-dongzhou.kp'), city);
    writeFileSync(join(examples, 'city-xizhou.kp'), city.replace('@1', '@2'));
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
    expect(ruleSetIdOf('province-2024.kp')).toBe('province');
    expect(ruleSetIdOf('示范省-2025.kp')).toMatch(/^rs-[0-9a-f]{8}$/);
    expect(ruleSetIdOf('2025.kp')).toMatch(/^rs-[0-9a-f]{8}$/);
  });

  it('loads 示范省 once: cities, ~60 units, ~600 cadres, users, published versions and pinned cities', async () => {
    const services = createServices(api.deps);

    const first = await loadDemoData(services, examples);
    const second = await loadDemoData(services, examples);

    expect(first.loaded).toBe(true);
    expect(first.units).toBeGreaterThanOrEqual(60);
    expect(first.cadres).toBeGreaterThanOrEqual(500);
    expect(first.ruleSets.skipped).toEqual([]);
    expect(first.ruleSets.published).toHaveLength(4);
    expect(second.loaded).toBe(false);

    const versions = await services.ruleSets.listVersions(provinceKey('demo'), 'province');
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const dong = await services.ruleSets.getDraft(cityKey('demo', 'dongzhou'), 'city-dongzhou');
    const xi = await services.ruleSets.getDraft(cityKey('demo', 'xizhou'), 'city-xizhou');
    expect(dong?.parent).toEqual({ ruleSet: 'province', version: 1 });
    expect(xi?.parent).toEqual({ ruleSet: 'province', version: 2 });
    expect((await services.catalog.list(provinceKey('demo'))).map((f) => f.field.name)).toContain(
      '热线解决率',
    );
    expect(await services.audit.verify(provinceKey('demo'))).toMatchObject({ ok: true });
  });

  it('lets every demo user log in and see their own tenant', async () => {
    const local = await createTestApi(table);
    const app = (await import('../../../functions/api/app.ts')).createApp({
      ...local.deps,
      dev: { signingKey: local.signingKey, users: demoUsers },
    });
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

  it('shows the city pinned to the older parent that a newer one exists', async () => {
    const token = await api.token('dongzhou-admin', 'demo#dongzhou', 'city_admin');

    const response = await api.call('GET', '/api/rulesets/city-dongzhou/effective', token);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      parent: { version: 1 },
      latestParentVersion: 2,
      newerParentAvailable: true,
    });
  });
});
