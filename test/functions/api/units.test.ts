import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../support/api-harness.ts';
import { useTestTable } from '../../support/test-table.ts';

describe('units and cadres', () => {
  const table = useTestTable();
  let api: TestApi;
  let admin: string;
  let other: string;
  let viewer: string;

  beforeAll(async () => {
    api = await createTestApi(table);
    admin = await api.token('admin', 'units-p', 'province_admin');
    viewer = await api.token('viewer', 'units-p', 'viewer');
    other = await api.token('other', 'units-q', 'province_admin');
  });

  const ids = async (path: string, token: string): Promise<string[]> =>
    ((await (await api.call('GET', path, token)).json()) as { items: { id: string }[] }).items.map(
      (item) => item.id,
    );

  it('updates a unit, moving it between categories, and deletes it once it has no cadres', async () => {
    await api.call('POST', '/api/units', admin, { id: 'u1', name: '市政务服务中心', category: '窗口服务类' });
    await api.call('POST', '/api/cadres', admin, { id: 'c1', name: '王伟', unitId: 'u1', title: '主任' });

    const updated = await api.call('PUT', '/api/units/u1', admin, {
      name: '市政务服务管理局',
      category: '综合管理类',
    });
    const windows = await ids('/api/units?category=窗口服务类', viewer);
    const general = await ids('/api/units?category=综合管理类', viewer);
    const blocked = await api.call('DELETE', '/api/units/u1', admin);
    const movedCadre = await api.call('PUT', '/api/cadres/c1', admin, { name: '王伟', unitId: 'nowhere' });
    const cadreGone = await api.call('DELETE', '/api/cadres/c1', admin);
    const unitGone = await api.call('DELETE', '/api/units/u1', admin);
    const again = await api.call('GET', '/api/units/u1', viewer);

    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({
      id: 'u1',
      name: '市政务服务管理局',
      category: '综合管理类',
    });
    expect(windows).toEqual([]);
    expect(general).toEqual(['u1']);
    expect(blocked.status).toBe(409);
    expect(await blocked.json()).toMatchObject({ error: { code: 'unit_has_cadres' } });
    expect(movedCadre.status).toBe(400);
    expect(cadreGone.status).toBe(204);
    expect(unitGone.status).toBe(204);
    expect(again.status).toBe(404);
  });

  it('answers 404 for changes to another tenant’s unit and 403 for a viewer', async () => {
    await api.call('POST', '/api/units', admin, { id: 'mine', name: '市财政局', category: '综合管理类' });

    const foreignUpdate = await api.call('PUT', '/api/units/mine', other, {
      name: '篡改',
      category: '综合管理类',
    });
    const foreignDelete = await api.call('DELETE', '/api/units/mine', other);
    const viewerDelete = await api.call('DELETE', '/api/units/mine', viewer);
    const still = await api.call('GET', '/api/units/mine', viewer);

    expect(foreignUpdate.status).toBe(404);
    expect(foreignDelete.status).toBe(404);
    expect(viewerDelete.status).toBe(403);
    expect(await still.json()).toMatchObject({ name: '市财政局' });
  });

  it('adds a unit category and pages cadres of one unit with a cursor', async () => {
    const added = await api.call('POST', '/api/unit-categories', admin, { name: '社会服务类' });
    const categories = (await (await api.call('GET', '/api/unit-categories', viewer)).json()) as {
      items: string[];
    };
    await api.call('POST', '/api/units', admin, { id: 'u9', name: '市图书馆', category: '社会服务类' });
    const rows = Array.from({ length: 5 }, (_, i) => ({ id: `u9-c${i}`, name: `干部${i}`, unitId: 'u9' }));
    await api.call('POST', '/api/cadres/import', admin, { rows });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page = (await (
        await api.call('GET', `/api/cadres?unitId=u9&limit=2${query}`, viewer)
      ).json()) as {
        items: { id: string }[];
        nextCursor: string | null;
      };
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor !== null);

    expect(added.status).toBe(201);
    expect(categories.items).toEqual(['窗口服务类', '执法监管类', '综合管理类', '社会服务类']);
    expect(seen).toEqual(rows.map((row) => row.id));
  });

  it('records every change in the audit log, which verifies', async () => {
    const auditor = await api.token('aud', 'units-p', 'auditor');
    const log = (await (await api.call('GET', '/api/audit?limit=200', auditor)).json()) as {
      entries: { action: string }[];
    };
    const verdict = await api.call('GET', '/api/audit/verify', auditor);

    expect(log.entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining([
        'unit.create',
        'unit.update',
        'unit.delete',
        'cadre.create',
        'cadre.delete',
        'import',
        'unit.category.add',
      ]),
    );
    expect(await verdict.json()).toMatchObject({ ok: true });
  });
});
