import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ConflictError } from '../domain/errors.ts';
import { type Role, roles } from '../domain/roles.ts';
import type { TenantKey } from '../domain/tenant-key.ts';
import { ChangeConditionFailedError, writeWithAudit } from './audit-log.ts';
import type { CursorCodec } from './cursor.ts';
import { type Page, queryPage } from './query-page.ts';
import type { TenantTables } from './tenant-tables.ts';

/**
 * Key layout: PK = <tenant>, SK = USER#<userId>  { userId, name, role, tenant, createdAt, createdBy }.
 * The record describes a person of this tenant; the identity provider (Cognito in AWS, the dev key
 * locally) issues their tokens with the same tenant and role.
 */
const userSchema = z.object({
  userId: z.string(),
  name: z.string(),
  role: z.enum(roles),
  tenant: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type UserRecord = z.infer<typeof userSchema>;
const parseUser = (item: Record<string, unknown>): UserRecord => userSchema.parse(item);

export function userRepository(tables: TenantTables, cursors: CursorCodec, now: () => Date) {
  return {
    async create(
      actor: string,
      tenant: TenantKey,
      user: { userId: string; name: string; role: Role },
    ): Promise<UserRecord> {
      const table = tables.forTenant(tenant);
      const record: UserRecord = { ...user, tenant, createdAt: now().toISOString(), createdBy: actor };
      try {
        await writeWithAudit(
          table,
          tenant,
          [
            {
              Put: {
                TableName: table.tableName,
                Item: { PK: tenant, SK: `USER#${user.userId}`, kind: 'user', ...record },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
          {
            actor,
            action: 'user.create',
            target: user.userId,
            details: { role: user.role, name: user.name },
          },
          now,
        );
      } catch (error) {
        if (error instanceof ChangeConditionFailedError) {
          throw new ConflictError('exists', {
            zh: `用户 ${user.userId} 已存在`,
            en: `User ${user.userId} already exists`,
          });
        }
        throw error;
      }
      return record;
    },
    async get(tenant: TenantKey, userId: string): Promise<UserRecord | null> {
      const table = tables.forTenant(tenant);
      const answer = await table.client.send(
        new GetCommand({ TableName: table.tableName, Key: { PK: tenant, SK: `USER#${userId}` } }),
      );
      return answer.Item === undefined ? null : parseUser(answer.Item);
    },
    list(tenant: TenantKey, limit: number, cursor?: string): Promise<Page<UserRecord>> {
      return queryPage(
        tables.forTenant(tenant),
        cursors,
        { tenant, partition: tenant, prefix: 'USER#', limit, cursor },
        parseUser,
      );
    },
  };
}
export type UserRepository = ReturnType<typeof userRepository>;
