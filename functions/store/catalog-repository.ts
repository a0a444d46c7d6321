import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { NotFoundError, PreconditionFailedError } from '../domain/errors.ts';
import type { TenantKey } from '../domain/tenant-key.ts';
import { ChangeConditionFailedError, writeWithAudit } from './audit-log.ts';
import { queryAll } from './query-page.ts';
import type { TenantTables } from './tenant-tables.ts';

/**
 * Key layout:
 *   field:  PK = <tenant>, SK = CATALOG#<field name>  { field: CatalogField, updatedAt, updatedBy }
 *   source: PK = <tenant>, SK = CATALOGSOURCE         { source, revision, updatedAt, updatedBy }
 * The tenant's data catalog: typed source fields (what imports are validated against), and the catalog
 * written in the rules language (`catalog { field … }`), which the tenant's rule sets are compiled with.
 */
export const catalogFieldSchema = z.strictObject({
  name: z.string().min(1).max(64),
  type: z.enum(['percent', 'count', 'days', 'minutes', 'number', 'bool', 'category']),
  source: z.string().min(1).max(64),
  level: z.enum(['unit', 'cadre']),
  aggregation: z.enum(['avg', 'sum', 'last', 'min', 'max', 'ratio']),
  ratioOf: z.strictObject({ numerator: z.string().min(1), denominator: z.string().min(1) }).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type CatalogFieldRecord = z.infer<typeof catalogFieldSchema>;

const storedSchema = z.object({
  field: catalogFieldSchema,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type StoredCatalogField = z.infer<typeof storedSchema>;
const parseStored = (item: Record<string, unknown>): StoredCatalogField => storedSchema.parse(item);

const sourceSchema = z.object({
  source: z.string(),
  revision: z.number().int().positive(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type CatalogSource = z.infer<typeof sourceSchema>;

const fieldNotFound = (name: string): NotFoundError =>
  new NotFoundError({ zh: `数据项 ${name}`, en: `Catalog field ${name}` });

export function catalogRepository(tables: TenantTables, now: () => Date) {
  return {
    list(tenant: TenantKey): Promise<StoredCatalogField[]> {
      return queryAll(
        tables.forTenant(tenant),
        { tenant, partition: tenant, prefix: 'CATALOG#' },
        parseStored,
      );
    },
    async get(tenant: TenantKey, name: string): Promise<StoredCatalogField | null> {
      const table = tables.forTenant(tenant);
      const answer = await table.client.send(
        new GetCommand({ TableName: table.tableName, Key: { PK: tenant, SK: `CATALOG#${name}` } }),
      );
      return answer.Item === undefined ? null : parseStored(answer.Item);
    },
    /** Creates or replaces a field (`mustExist` for an update of an existing one). */
    async put(
      actor: string,
      tenant: TenantKey,
      field: CatalogFieldRecord,
      mustExist: boolean,
    ): Promise<StoredCatalogField> {
      const table = tables.forTenant(tenant);
      const stored = { field, updatedAt: now().toISOString(), updatedBy: actor };
      try {
        await writeWithAudit(
          table,
          tenant,
          [
            {
              Put: {
                TableName: table.tableName,
                Item: { PK: tenant, SK: `CATALOG#${field.name}`, kind: 'catalog', ...stored },
                ...(mustExist ? { ConditionExpression: 'attribute_exists(PK)' } : {}),
              },
            },
          ],
          {
            actor,
            action: mustExist ? 'catalog.update' : 'catalog.put',
            target: field.name,
            details: { field },
          },
          now,
        );
      } catch (error) {
        if (error instanceof ChangeConditionFailedError) throw fieldNotFound(field.name);
        throw error;
      }
      return stored;
    },
    async getSource(tenant: TenantKey): Promise<CatalogSource | null> {
      const table = tables.forTenant(tenant);
      const answer = await table.client.send(
        new GetCommand({
          TableName: table.tableName,
          Key: { PK: tenant, SK: 'CATALOGSOURCE' },
          ConsistentRead: true,
        }),
      );
      return answer.Item === undefined ? null : sourceSchema.parse(answer.Item);
    },
    /** Saves the catalog source if it is still at `expectedRevision` (0: not yet written); else 412. */
    async putSource(
      actor: string,
      tenant: TenantKey,
      source: string,
      expectedRevision: number,
    ): Promise<CatalogSource> {
      const table = tables.forTenant(tenant);
      const stored: CatalogSource = {
        source,
        revision: expectedRevision + 1,
        updatedAt: now().toISOString(),
        updatedBy: actor,
      };
      try {
        await writeWithAudit(
          table,
          tenant,
          [
            {
              Put: {
                TableName: table.tableName,
                Item: { PK: tenant, SK: 'CATALOGSOURCE', kind: 'catalog-source', ...stored },
                ...(expectedRevision === 0
                  ? { ConditionExpression: 'attribute_not_exists(PK)' }
                  : {
                      ConditionExpression: 'revision = :expected',
                      ExpressionAttributeValues: { ':expected': expectedRevision },
                    }),
              },
            },
          ],
          {
            actor,
            action: 'catalog.source.save',
            target: 'catalog',
            details: { revision: stored.revision, bytes: source.length },
          },
          now,
        );
      } catch (error) {
        if (error instanceof ChangeConditionFailedError) {
          const current = await this.getSource(tenant);
          throw new PreconditionFailedError(current?.revision ?? 0);
        }
        throw error;
      }
      return stored;
    },
    async remove(actor: string, tenant: TenantKey, name: string): Promise<void> {
      const table = tables.forTenant(tenant);
      try {
        await writeWithAudit(
          table,
          tenant,
          [
            {
              Delete: {
                TableName: table.tableName,
                Key: { PK: tenant, SK: `CATALOG#${name}` },
                ConditionExpression: 'attribute_exists(PK)',
              },
            },
          ],
          { actor, action: 'catalog.delete', target: name, details: {} },
          now,
        );
      } catch (error) {
        if (error instanceof ChangeConditionFailedError) throw fieldNotFound(name);
        throw error;
      }
    },
  };
}
export type CatalogRepository = ReturnType<typeof catalogRepository>;
