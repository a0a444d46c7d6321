import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../support/api-harness.ts';
import { useTestTable } from '../../support/test-table.ts';

describe('tenants', () => {
  const table = useTestTable();
  let api: TestApi;
  let platform: string;

  beforeAll(async () => {
    api = await createTestApi(table);
    platform = await api.token('root', '_platform', 'platform_admin');
  });

  it('lets the platform create a province with its first admin, recorded and audited in the province', async () => {
    const created = await api.call('POST', '/api/provinces', platform, {
      id: 'zhe',
      name: '浙省',
      admin: { userId: 'zhe-admin', name: '浙省管理员' },
    });
    const duplicate = await api.call('POST', '/api/provinces', platform, { id: 'zhe', name: '重复' });
    const provinces = (await (await api.call('GET', '/api/provinces', platform)).json()) as {
      items: { id: string }[];
    };
    const provinceAdmin = await api.token('zhe-admin', 'zhe', 'province_admin');
    const users = (await (await api.call('GET', '/api/users', provinceAdmin)).json()) as {
      items: { userId: string; role: string }[];
    };
    const audit = (await (await api.call('GET', '/api/audit', provinceAdmin)).json()) as {
      entries: { action: string; actor: string }[];
    };
    const platformAudit = (await (await api.call('GET', '/api/audit', platform)).json()) as {
      entries: { action: string; target: string }[];
    };

    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      id: 'zhe',
      admin: { userId: 'zhe-admin', role: 'province_admin', tenant: 'T#zhe' },
    });
    expect(duplicate.status).toBe(409);
    expect(provinces.items.map((p) => p.id)).toContain('zhe');
    expect(users.items).toEqual([expect.objectContaining({ userId: 'zhe-admin', role: 'province_admin' })]);
    expect(audit.entries).toEqual([expect.objectContaining({ action: 'user.create', actor: 'root' })]);
    expect(platformAudit.entries).toContainEqual(
      expect.objectContaining({ action: 'tenant.province.create', target: 'T#zhe' }),
    );
  });

  it('lets a province create its cities; a city sees no siblings', async () => {
    const provinceAdmin = await api.token('zhe-admin', 'zhe', 'province_admin');
    const city = await api.call('POST', '/api/cities', provinceAdmin, {
      id: 'hang',
      name: '杭市',
      admin: { userId: 'hang-admin', name: '杭市管理员' },
    });
    await api.call('POST', '/api/cities', provinceAdmin, { id: 'ning', name: '宁市' });
    const cityAdmin = await api.token('hang-admin', 'zhe#hang', 'city_admin');
    const fromProvince = (await (await api.call('GET', '/api/cities', provinceAdmin)).json()) as {
      items: { id: string }[];
    };
    const fromCity = (await (await api.call('GET', '/api/cities', cityAdmin)).json()) as { items: unknown[] };
    const cityCreatesCity = await api.call('POST', '/api/cities', cityAdmin, { id: 'xx', name: 'x' });
    const cityUsers = (await (await api.call('GET', '/api/users', cityAdmin)).json()) as {
      items: { userId: string }[];
    };

    expect(city.status).toBe(201);
    expect(fromProvince.items.map((c) => c.id)).toEqual(['hang', 'ning']);
    expect(fromCity.items).toEqual([]);
    expect(cityCreatesCity.status).toBe(403);
    expect(cityUsers.items.map((u) => u.userId)).toEqual(['hang-admin']);
  });

  it.each([
    ['upper case', 'Zhe'],
    ['an underscore', '_platform'],
    ['a delimiter', 'a#b'],
    ['a single letter', 'a'],
    ['a leading digit', '1abc'],
  ])('refuses a tenant id with %s, naming the field', async (_label, id) => {
    const response = await api.call('POST', '/api/provinces', platform, { id, name: 'x' });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'validation', issues: [{ path: 'id' }] } });
  });

  it('signs a local token for a user added through the API, with the role from its record', async () => {
    const login = await api.call('POST', '/api/dev/login', null, {
      user: 'hang-admin',
      tenant: 'T#zhe#hang',
    });
    const { token } = (await login.json()) as { token: string };
    const me = await api.call('GET', '/api/me', token);
    const wrongTenant = await api.call('POST', '/api/dev/login', null, {
      user: 'hang-admin',
      tenant: 'T#zhe#ning',
    });

    expect(login.status).toBe(200);
    expect(await me.json()).toMatchObject({ userId: 'hang-admin', tenant: 'T#zhe#hang', role: 'city_admin' });
    expect(wrongTenant.status).toBe(404);
  });

  it('refuses a user whose role does not fit the tenant', async () => {
    const provinceAdmin = await api.token('zhe-admin', 'zhe', 'province_admin');

    const response = await api.call('POST', '/api/users', provinceAdmin, {
      userId: 'u',
      name: 'x',
      role: 'city_admin',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'role_not_allowed' } });
  });
});
