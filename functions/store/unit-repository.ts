import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { canonicalJson } from '../domain/audit-chain.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { TenantKey } from '../domain/tenant-key.ts';
import { ChangeConditionFailedError, writeWithAudit } from './audit-log.ts';
import { batchWriteAll } from './batch-write.ts';
import type { CursorCodec } from './cursor.ts';
import type { TableRef } from './dynamo-client.ts';
import { type Page, queryAll, queryPage } from './query-page.ts';
import type { TenantTables } from './tenant-tables.ts';

/**
 * Key layout of units, cadres and unit categories (all in the tenant's partition):
 *   unit:     PK = <t>, SK = UNIT#<id>,      GSI1PK = <t>#UCAT#<category>, GSI1SK = UNIT#<id>
 *   cadre:    PK = <t>, SK = CADRE#<id>,     GSI1PK = <t>#UNIT#<unitId>,   GSI1SK = CADRE#<id>
 *   category: PK = <t>, SK = UCATEGORY#<name>  (the tenant's additions to the built-in list)
 *   import:   PK = <t>, SK = IMPORTBATCH#<batch key>  { digest of the rows, counts } (idempotent imports)
 * GSI1 answers "units of a category" and "cadres of a unit". Suffix segments are upper case, which no
 * tenant id can be, so `<t>#UNIT#…` can never collide with a city's key.
 */
export interface ImportResult {
  readonly units: number;
  readonly cadres: number;
  /** True when the batch key had already been imported with the same rows: nothing was written. */
  readonly replayed: boolean;
}

const importBatchSchema = z.object({
  digest: z.string(),
  units: z.number().int(),
  cadres: z.number().int(),
});

export const builtInCategories = ['窗口服务类', '执法监管类', '综合管理类'] as const;

const unitSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
const cadreSchema = z.object({
  id: z.string(),
  name: z.string(),
  unitId: z.string(),
  title: z.string().optional(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type UnitRecord = z.infer<typeof unitSchema>;
export type CadreRecord = z.infer<typeof cadreSchema>;
export type UnitInput = Pick<UnitRecord, 'id' | 'name' | 'category'>;
export type CadreInput = Pick<CadreRecord, 'id' | 'name' | 'unitId'> & { title?: string | undefined };

const parseUnit = (item: Record<string, unknown>): UnitRecord => unitSchema.parse(item);
const parseCadre = (item: Record<string, unknown>): CadreRecord => cadreSchema.parse(item);

function unitItem(tenant: TenantKey, unit: UnitRecord): Record<string, unknown> {
  return {
    PK: tenant,
    SK: `UNIT#${unit.id}`,
    GSI1PK: `${tenant}#UCAT#${unit.category}`,
    GSI1SK: `UNIT#${unit.id}`,
    kind: 'unit',
    ...unit,
  };
}

function cadreItem(tenant: TenantKey, cadre: CadreRecord): Record<string, unknown> {
  return {
    PK: tenant,
    SK: `CADRE#${cadre.id}`,
    GSI1PK: `${tenant}#UNIT#${cadre.unitId}`,
    GSI1SK: `CADRE#${cadre.id}`,
    kind: 'cadre',
    ...cadre,
  };
}

async function getItem(
  table: TableRef,
  tenant: TenantKey,
  sk: string,
): Promise<Record<string, unknown> | null> {
  const answer = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: { PK: tenant, SK: sk } }),
  );
  return answer.Item ?? null;
}

export function unitRepository(tables: TenantTables, cursors: CursorCodec, now: () => Date) {
  async function createOne(
    actor: string,
    tenant: TenantKey,
    item: Record<string, unknown>,
    action: string,
    target: string,
  ): Promise<void> {
    const table = tables.forTenant(tenant);
    try {
      await writeWithAudit(
        table,
        tenant,
        [
          {
            Put: { TableName: table.tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' },
          },
        ],
        { actor, action, target, details: {} },
        now,
      );
    } catch (error) {
      if (error instanceof ChangeConditionFailedError) {
        throw new ConflictError('exists', { zh: `编号 ${target} 已存在`, en: `Id ${target} already exists` });
      }
      throw error;
    }
  }

  /** Replaces or deletes an existing item (404 if it is not there), with its audit entry. */
  async function changeExisting(
    actor: string,
    tenant: TenantKey,
    change: { put: Record<string, unknown> } | { deleteSk: string },
    action: string,
    target: string,
    what: { zh: string; en: string },
  ): Promise<void> {
    const table = tables.forTenant(tenant);
    const item =
      'put' in change
        ? {
            Put: {
              TableName: table.tableName,
              Item: change.put,
              ConditionExpression: 'attribute_exists(PK)',
            },
          }
        : {
            Delete: {
              TableName: table.tableName,
              Key: { PK: tenant, SK: change.deleteSk },
              ConditionExpression: 'attribute_exists(PK)',
            },
          };
    try {
      await writeWithAudit(table, tenant, [item], { actor, action, target, details: {} }, now);
    } catch (error) {
      if (error instanceof ChangeConditionFailedError) throw new NotFoundError(what);
      throw error;
    }
  }

  return {
    async updateUnit(actor: string, tenant: TenantKey, input: UnitInput): Promise<UnitRecord> {
      const unit = { ...input, updatedAt: now().toISOString(), updatedBy: actor };
      await changeExisting(actor, tenant, { put: unitItem(tenant, unit) }, 'unit.update', input.id, {
        zh: '单位',
        en: 'Unit',
      });
      return unit;
    },
    async deleteUnit(actor: string, tenant: TenantKey, id: string): Promise<void> {
      const cadres = await queryPage(
        tables.forTenant(tenant),
        cursors,
        { tenant, index: 'GSI1', partition: `${tenant}#UNIT#${id}`, prefix: 'CADRE#', limit: 1 },
        parseCadre,
      );
      if (cadres.items.length > 0) {
        throw new ConflictError('unit_has_cadres', {
          zh: '该单位仍有干部，请先调出或删除干部',
          en: 'The unit still has cadres; move or delete them first',
        });
      }
      await changeExisting(actor, tenant, { deleteSk: `UNIT#${id}` }, 'unit.delete', id, {
        zh: '单位',
        en: 'Unit',
      });
    },
    async updateCadre(actor: string, tenant: TenantKey, input: CadreInput): Promise<CadreRecord> {
      const cadre = { ...input, updatedAt: now().toISOString(), updatedBy: actor };
      await changeExisting(actor, tenant, { put: cadreItem(tenant, cadre) }, 'cadre.update', input.id, {
        zh: '干部',
        en: 'Cadre',
      });
      return cadre;
    },
    async deleteCadre(actor: string, tenant: TenantKey, id: string): Promise<void> {
      await changeExisting(actor, tenant, { deleteSk: `CADRE#${id}` }, 'cadre.delete', id, {
        zh: '干部',
        en: 'Cadre',
      });
    },
    async categories(tenant: TenantKey): Promise<string[]> {
      const extra = await queryAll(
        tables.forTenant(tenant),
        { tenant, partition: tenant, prefix: 'UCATEGORY#' },
        (item) => z.object({ name: z.string() }).parse(item).name,
      );
      return [
        ...builtInCategories,
        ...extra.filter((name) => !(builtInCategories as readonly string[]).includes(name)),
      ];
    },
    async addCategory(actor: string, tenant: TenantKey, name: string): Promise<void> {
      await createOne(
        actor,
        tenant,
        { PK: tenant, SK: `UCATEGORY#${name}`, kind: 'category', name },
        'unit.category.add',
        name,
      );
    },
    async createUnit(actor: string, tenant: TenantKey, input: UnitInput): Promise<UnitRecord> {
      const unit = { ...input, updatedAt: now().toISOString(), updatedBy: actor };
      await createOne(actor, tenant, unitItem(tenant, unit), 'unit.create', input.id);
      return unit;
    },
    async getUnit(tenant: TenantKey, id: string): Promise<UnitRecord | null> {
      const item = await getItem(tables.forTenant(tenant), tenant, `UNIT#${id}`);
      return item === null ? null : parseUnit(item);
    },
    listUnits(
      tenant: TenantKey,
      options: { limit: number; cursor?: string | undefined; category?: string | undefined },
    ): Promise<Page<UnitRecord>> {
      const table = tables.forTenant(tenant);
      if (options.category !== undefined) {
        return queryPage(
          table,
          cursors,
          {
            tenant,
            index: 'GSI1',
            partition: `${tenant}#UCAT#${options.category}`,
            prefix: 'UNIT#',
            limit: options.limit,
            cursor: options.cursor,
          },
          parseUnit,
        );
      }
      return queryPage(
        table,
        cursors,
        { tenant, partition: tenant, prefix: 'UNIT#', limit: options.limit, cursor: options.cursor },
        parseUnit,
      );
    },
    allUnits(tenant: TenantKey): Promise<UnitRecord[]> {
      return queryAll(tables.forTenant(tenant), { tenant, partition: tenant, prefix: 'UNIT#' }, parseUnit);
    },
    /** Every cadre of the tenant (scoring runs and result names read them whole). */
    allCadres(tenant: TenantKey): Promise<CadreRecord[]> {
      return queryAll(tables.forTenant(tenant), { tenant, partition: tenant, prefix: 'CADRE#' }, parseCadre);
    },
    async createCadre(actor: string, tenant: TenantKey, input: CadreInput): Promise<CadreRecord> {
      const cadre = { ...input, updatedAt: now().toISOString(), updatedBy: actor };
      await createOne(actor, tenant, cadreItem(tenant, cadre), 'cadre.create', input.id);
      return cadre;
    },
    async getCadre(tenant: TenantKey, id: string): Promise<CadreRecord | null> {
      const item = await getItem(tables.forTenant(tenant), tenant, `CADRE#${id}`);
      return item === null ? null : parseCadre(item);
    },
    listCadres(
      tenant: TenantKey,
      options: { limit: number; cursor?: string | undefined; unitId?: string | undefined },
    ): Promise<Page<CadreRecord>> {
      const table = tables.forTenant(tenant);
      if (options.unitId !== undefined) {
        return queryPage(
          table,
          cursors,
          {
            tenant,
            index: 'GSI1',
            partition: `${tenant}#UNIT#${options.unitId}`,
            prefix: 'CADRE#',
            limit: options.limit,
            cursor: options.cursor,
          },
          parseCadre,
        );
      }
      return queryPage(
        table,
        cursors,
        { tenant, partition: tenant, prefix: 'CADRE#', limit: options.limit, cursor: options.cursor },
        parseCadre,
      );
    },
    /** Upserts already validated rows (idempotent: the same rows twice give the same items), then audits. */
    /**
     * Upserts already validated rows, then audits. With a batch key the import is idempotent: the same key
     * with the same rows answers the first result again (`replayed`) without writing; the same key with other
     * rows is a 409.
     */
    async importRows(
      actor: string,
      tenant: TenantKey,
      rows: { units?: readonly UnitInput[]; cadres?: readonly CadreInput[] },
      batchKey: string | undefined,
    ): Promise<ImportResult> {
      const table = tables.forTenant(tenant);
      const units = rows.units ?? [];
      const cadres = rows.cadres ?? [];
      const digest = createHash('sha256').update(canonicalJson({ units, cadres })).digest('hex');
      const batchSk = batchKey === undefined ? null : `IMPORTBATCH#${batchKey}`;
      const replay = async (): Promise<ImportResult | null> => {
        if (batchSk === null) return null;
        const item = await getItem(table, tenant, batchSk);
        if (item === null) return null;
        const previous = importBatchSchema.parse(item);
        if (previous.digest !== digest) {
          throw new ConflictError('batch_key_reused', {
            zh: `批次号 ${batchKey} 已用于另一批数据`,
            en: `Batch key ${batchKey} was already used for different rows`,
          });
        }
        return { units: previous.units, cadres: previous.cadres, replayed: true };
      };
      const earlier = await replay();
      if (earlier !== null) return earlier;

      const stamp = { updatedAt: now().toISOString(), updatedBy: actor };
      await batchWriteAll(table, [
        ...units.map((unit) => ({ PutRequest: { Item: unitItem(tenant, { ...unit, ...stamp }) } })),
        ...cadres.map((cadre) => ({ PutRequest: { Item: cadreItem(tenant, { ...cadre, ...stamp }) } })),
      ]);
      const record = { digest, units: units.length, cadres: cadres.length, at: stamp.updatedAt, by: actor };
      try {
        await writeWithAudit(
          table,
          tenant,
          batchSk === null
            ? []
            : [
                {
                  Put: {
                    TableName: table.tableName,
                    Item: { PK: tenant, SK: batchSk, kind: 'import-batch', ...record },
                    ConditionExpression: 'attribute_not_exists(PK)',
                  },
                },
              ],
          {
            actor,
            action: 'import',
            target: units.length > 0 ? 'units' : 'cadres',
            details: {
              units: units.length,
              cadres: cadres.length,
              digest,
              ...(batchKey === undefined ? {} : { batchKey }),
            },
          },
          now,
        );
      } catch (error) {
        // A concurrent import with the same key recorded first: same rows → its result, else 409.
        if (error instanceof ChangeConditionFailedError) {
          const winner = await replay();
          if (winner !== null) return winner;
        }
        throw error;
      }
      return { units: units.length, cadres: cadres.length, replayed: false };
    },
  };
}
export type UnitRepository = ReturnType<typeof unitRepository>;
