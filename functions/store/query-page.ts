import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TenantKey } from '../domain/tenant-key.ts';
import type { CursorCodec } from './cursor.ts';
import type { TableRef } from './dynamo-client.ts';

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface PageQuery {
  readonly tenant: TenantKey;
  /** `undefined` for the base table, or `GSI1` / `GSI2`. */
  readonly index?: 'GSI1' | 'GSI2';
  /** The partition value queried; must begin with the tenant key. */
  readonly partition: string;
  readonly prefix: string;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/** One page of a `partition = :p AND begins_with(sort, :prefix)` query, with an opaque cursor. */
export async function queryPage<T>(
  table: TableRef,
  cursors: CursorCodec,
  query: PageQuery,
  parse: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  if (query.partition !== query.tenant && !query.partition.startsWith(`${query.tenant}#`)) {
    throw new Error(`partition ${query.partition} is outside tenant ${query.tenant}`);
  }
  const pk = query.index === undefined ? 'PK' : `${query.index}PK`;
  const sk = query.index === undefined ? 'SK' : `${query.index}SK`;
  const scope = `${query.index ?? 'base'}|${query.partition}|${query.prefix}`;
  const answer = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      ...(query.index === undefined ? {} : { IndexName: query.index }),
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': pk, '#sk': sk },
      ExpressionAttributeValues: { ':pk': query.partition, ':prefix': query.prefix },
      Limit: query.limit,
      ...(query.cursor === undefined
        ? {}
        : { ExclusiveStartKey: cursors.decode(query.cursor, query.tenant, scope) }),
    }),
  );
  return {
    items: (answer.Items ?? []).map(parse),
    nextCursor:
      answer.LastEvaluatedKey === undefined
        ? null
        : cursors.encode(query.tenant, scope, answer.LastEvaluatedKey),
  };
}

/** Every item of such a query (for small collections such as a tenant's units or catalog). */
export async function queryAll<T>(
  table: TableRef,
  query: Omit<PageQuery, 'limit' | 'cursor'>,
  parse: (item: Record<string, unknown>) => T,
): Promise<T[]> {
  const pk = query.index === undefined ? 'PK' : `${query.index}PK`;
  const sk = query.index === undefined ? 'SK' : `${query.index}SK`;
  const out: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const answer = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        ...(query.index === undefined ? {} : { IndexName: query.index }),
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': pk, '#sk': sk },
        ExpressionAttributeValues: { ':pk': query.partition, ':prefix': query.prefix },
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    for (const item of answer.Items ?? []) out.push(parse(item));
    start = answer.LastEvaluatedKey;
  } while (start !== undefined);
  return out;
}
