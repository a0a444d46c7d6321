import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { AuditEntryInput } from '../domain/audit-chain.ts';
import { ConflictError } from '../domain/errors.ts';
import { cityKey, platformKey, provinceKey, type TenantKey } from '../domain/tenant-key.ts';
import { ChangeConditionFailedError, writeWithAudit } from './audit-log.ts';
import { queryAll } from './query-page.ts';
import type { TenantTables } from './tenant-tables.ts';

/**
 * Key layout of the tenant directory:
 *   province: PK = T#_platform,   SK = PROVINCE#<id>   { id, name, createdAt, createdBy }
 *   city:     PK = T#<province>,  SK = CITY#<id>       { id, name, createdAt, createdBy }
 * A province is the platform's record; a city is its province's record. Creations are audited in the
 * log of the tenant that owns the record (the platform's, or the province's).
 */
const tenantRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type TenantRecord = z.infer<typeof tenantRecordSchema>;

const parseRecord = (item: Record<string, unknown>): TenantRecord => tenantRecordSchema.parse(item);

export function tenantDirectory(tables: TenantTables, now: () => Date) {
  async function create(
    owner: TenantKey,
    sk: string,
    record: TenantRecord,
    audit: AuditEntryInput,
  ): Promise<void> {
    const table = tables.forTenant(owner);
    try {
      await writeWithAudit(
        table,
        owner,
        [
          {
            Put: {
              TableName: table.tableName,
              Item: { PK: owner, SK: sk, kind: 'tenant', ...record },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        ],
        audit,
        now,
      );
    } catch (error) {
      if (error instanceof ChangeConditionFailedError) {
        throw new ConflictError('exists', {
          zh: `编号 ${record.id} 已存在`,
          en: `Id ${record.id} already exists`,
        });
      }
      throw error;
    }
  }

  return {
    async createProvince(actor: string, id: string, name: string): Promise<TenantRecord> {
      const record = { id, name, createdAt: now().toISOString(), createdBy: actor };
      await create(platformKey, `PROVINCE#${id}`, record, {
        actor,
        action: 'tenant.province.create',
        target: provinceKey(id),
        details: { name },
      });
      return record;
    },
    listProvinces(): Promise<TenantRecord[]> {
      return queryAll(
        tables.forTenant(platformKey),
        { tenant: platformKey, partition: platformKey, prefix: 'PROVINCE#' },
        parseRecord,
      );
    },
    async createCity(actor: string, province: string, id: string, name: string): Promise<TenantRecord> {
      const owner = provinceKey(province);
      const record = { id, name, createdAt: now().toISOString(), createdBy: actor };
      await create(owner, `CITY#${id}`, record, {
        actor,
        action: 'tenant.city.create',
        target: cityKey(province, id),
        details: { name },
      });
      return record;
    },
    listCities(province: string): Promise<TenantRecord[]> {
      const owner = provinceKey(province);
      return queryAll(
        tables.forTenant(owner),
        { tenant: owner, partition: owner, prefix: 'CITY#' },
        parseRecord,
      );
    },
    async getCity(province: string, id: string): Promise<TenantRecord | null> {
      const owner = provinceKey(province);
      const table = tables.forTenant(owner);
      const answer = await table.client.send(
        new GetCommand({ TableName: table.tableName, Key: { PK: owner, SK: `CITY#${id}` } }),
      );
      return answer.Item === undefined ? null : parseRecord(answer.Item);
    },
  };
}
export type TenantDirectory = ReturnType<typeof tenantDirectory>;
