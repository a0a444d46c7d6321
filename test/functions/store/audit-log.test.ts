import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { cityKey, provinceKey } from '../../../functions/domain/tenant-key.ts';
import {
  auditEntrySk,
  auditLog,
  ChangeConditionFailedError,
  writeWithAudit,
} from '../../../functions/store/audit-log.ts';
import { createCursorCodec } from '../../../functions/store/cursor.ts';
import { createDocumentClient } from '../../../functions/store/dynamo-client.ts';
import { sharedTenantTables } from '../../../functions/store/tenant-tables.ts';
import { useTestTable } from '../../support/test-table.ts';

const now = (): Date => new Date('2026-01-01T00:00:00Z');

describe('audit log', () => {
  const table = useTestTable();
  const log = () => auditLog(sharedTenantTables(table), createCursorCodec('secret'));

  async function appendMany(tenant: ReturnType<typeof provinceKey>, count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      await writeWithAudit(
        table,
        tenant,
        [],
        { actor: 'u1', action: 'test.append', target: `t${i}`, details: { i } },
        now,
      );
    }
  }

  it('chains entries: each carries the previous hash and verify passes', async () => {
    const tenant = provinceKey('chain');
    await appendMany(tenant, 5);

    const page = await log().page(tenant, { limit: 10 });
    const verdict = await log().verify(tenant);

    expect(page.entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < page.entries.length; i += 1) {
      expect(page.entries[i]?.prevHash).toBe(page.entries[i - 1]?.hash);
    }
    expect(verdict).toEqual({ ok: true, entries: 5 });
  });

  it('never forks under concurrent appends: 20 parallel writers give seq 1..20', async () => {
    const tenant = provinceKey('race');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        writeWithAudit(table, tenant, [], { actor: `u${i}`, action: 'race', target: 'x', details: {} }, now),
      ),
    );

    const page = await log().page(tenant, { limit: 50 });

    expect(page.entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await log().verify(tenant)).toEqual({ ok: true, entries: 20 });
  });

  it('never forks when separate clients (as separate Lambda containers) append at once', async () => {
    const tenant = provinceKey('clients');
    const clients = Array.from({ length: 4 }, () => ({
      client: createDocumentClient(table.raw),
      tableName: table.tableName,
    }));
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        writeWithAudit(
          clients[i % 4] ?? table,
          tenant,
          [],
          { actor: `c${i}`, action: 'race', target: 'x', details: {} },
          now,
        ),
      ),
    );

    const page = await log().page(tenant, { limit: 50 });

    expect(page.entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(await log().verify(tenant)).toEqual({ ok: true, entries: 16 });
  });

  it('commits appends queued together as one group, failing only the member whose own condition fails', async () => {
    const tenant = provinceKey('group');
    const put = (sk: string, condition?: string) => ({
      Put: {
        TableName: table.tableName,
        Item: { PK: tenant, SK: sk },
        ...(condition === undefined ? {} : { ConditionExpression: condition }),
      },
    });
    const attempts = Array.from({ length: 12 }, (_, i) => {
      // Member 4 insists on an item that does not exist; members 7 and 8 write the same item;
      // member 10 writes something DynamoDB refuses outright (an empty sort key).
      const changes =
        i === 4
          ? [put('ITEM#missing', 'attribute_exists(PK)')]
          : i === 10
            ? [put('')]
            : [put(i === 8 ? 'ITEM#7' : `ITEM#${i}`)];
      return writeWithAudit(
        table,
        tenant,
        changes,
        { actor: `m${i}`, action: 'group', target: `${i}`, details: {} },
        now,
      );
    });

    const settled = await Promise.allSettled(attempts);
    const page = await log().page(tenant, { limit: 50 });

    expect(settled.map((r) => r.status)).toEqual(
      Array.from({ length: 12 }, (_, i) => (i === 4 || i === 10 ? 'rejected' : 'fulfilled')),
    );
    expect((settled[4] as PromiseRejectedResult).reason).toBeInstanceOf(ChangeConditionFailedError);
    expect(page.entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(page.entries.map((entry) => entry.actor).sort()).toEqual(
      ['m0', 'm1', 'm2', 'm3', 'm5', 'm6', 'm7', 'm8', 'm9', 'm11'].sort(),
    );
    expect(await log().verify(tenant)).toEqual({ ok: true, entries: 10 });
  });

  it('reports the exact seq of an entry edited directly in DynamoDB', async () => {
    const tenant = provinceKey('edited');
    await appendMany(tenant, 6);

    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { PK: tenant, SK: auditEntrySk(4) },
        UpdateExpression: 'SET actor = :who',
        ExpressionAttributeValues: { ':who': 'someone-else' },
      }),
    );

    expect(await log().verify(tenant)).toEqual({
      ok: false,
      brokenAt: 4,
      reason: 'entry content does not match its hash',
    });
  });

  it('reports the exact seq of an entry deleted directly in DynamoDB, in the middle or at the end', async () => {
    const middle = provinceKey('deleted-middle');
    const tail = provinceKey('deleted-tail');
    await appendMany(middle, 5);
    await appendMany(tail, 5);

    await table.client.send(
      new DeleteCommand({ TableName: table.tableName, Key: { PK: middle, SK: auditEntrySk(3) } }),
    );
    await table.client.send(
      new DeleteCommand({ TableName: table.tableName, Key: { PK: tail, SK: auditEntrySk(5) } }),
    );

    expect(await log().verify(middle)).toMatchObject({ ok: false, brokenAt: 3 });
    expect(await log().verify(tail)).toMatchObject({ ok: false, brokenAt: 5 });
  });

  it('keeps tenants apart: a city’s log does not contain its province’s entries', async () => {
    const province = provinceKey('apart');
    const city = cityKey('apart', 'one');
    await appendMany(province, 2);
    await appendMany(city, 1);

    expect(await log().verify(province)).toEqual({ ok: true, entries: 2 });
    expect(await log().verify(city)).toEqual({ ok: true, entries: 1 });
  });
});
