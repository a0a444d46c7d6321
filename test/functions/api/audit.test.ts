import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { cityKey } from '../../../functions/domain/tenant-key.ts';
import { auditEntrySk } from '../../../functions/store/audit-log.ts';
import { createTestApi, type TestApi } from '../../support/api-harness.ts';
import { useTestTable } from '../../support/test-table.ts';

describe('GET /api/audit and /api/audit/verify', () => {
  const table = useTestTable();
  let api: TestApi;
  let admin: string;
  let auditor: string;
  let province: string;

  beforeAll(async () => {
    api = await createTestApi(table);
    province = await api.token('p-admin', 'aud', 'province_admin');
    await api.call('POST', '/api/cities', province, { id: 'one', name: '一市' });
    admin = await api.token('c-admin', 'aud#one', 'city_admin');
    auditor = await api.token('c-auditor', 'aud#one', 'auditor');
    for (let i = 0; i < 6; i += 1) {
      await api.call('POST', '/api/units', admin, { id: `u${i}`, name: `单位${i}`, category: '综合管理类' });
    }
  });

  it('pages the log oldest first with an opaque cursor, each entry naming who did what', async () => {
    const first = (await (await api.call('GET', '/api/audit?limit=4', auditor)).json()) as {
      entries: { seq: number; actor: string; action: string; target: string }[];
      nextCursor: string;
    };
    const rest = (await (
      await api.call('GET', `/api/audit?limit=4&cursor=${encodeURIComponent(first.nextCursor)}`, auditor)
    ).json()) as { entries: { seq: number }[]; nextCursor: string | null };

    expect(first.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(first.entries[0]).toMatchObject({ actor: 'c-admin', action: 'unit.create', target: 'u0' });
    expect(rest.entries.map((e) => e.seq)).toEqual([5, 6]);
    expect(rest.nextCursor).toBeNull();
  });

  it('reports an edited entry, then a deleted one, at their exact seq — to the city and to its province', async () => {
    expect(await (await api.call('GET', '/api/audit/verify', auditor)).json()).toEqual({
      ok: true,
      entries: 6,
    });

    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { PK: cityKey('aud', 'one'), SK: auditEntrySk(5) },
        UpdateExpression: 'SET details = :d',
        ExpressionAttributeValues: { ':d': { forged: true } },
      }),
    );
    const edited = await (await api.call('GET', '/api/audit/verify', auditor)).json();
    await table.client.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: { PK: cityKey('aud', 'one'), SK: auditEntrySk(2) },
      }),
    );
    const deleted = await (await api.call('GET', '/api/audit/verify', auditor)).json();
    const fromProvince = await (await api.call('GET', '/api/audit/verify?city=one', province)).json();

    expect(edited).toMatchObject({ ok: false, brokenAt: 5 });
    expect(deleted).toMatchObject({ ok: false, brokenAt: 2, reason: 'entry 2 is missing' });
    expect(fromProvince).toEqual(deleted);
  });
});
