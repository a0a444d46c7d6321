import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import {
  type AuditEntry,
  type AuditEntryInput,
  type ChainVerdict,
  genesisHash,
  sealEntry,
  verifyChain,
} from '../domain/audit-chain.ts';
import type { TenantKey } from '../domain/tenant-key.ts';
import type { CursorCodec } from './cursor.ts';
import type { TableRef } from './dynamo-client.ts';
import type { TenantTables } from './tenant-tables.ts';

/**
 * Key layout of the per-tenant audit log:
 *   entry: PK = <tenant>, SK = AUDIT#<seq, 10 digits>   (insert-only: attribute_not_exists(PK))
 *   head:  PK = <tenant>, SK = AUDITHEAD                 { seq, hash } of the last entry
 * An append puts the entry and moves the head in one transaction, conditioned on the head's previous seq,
 * so two writers can never both append seq n and the chain never forks. Every state change goes through
 * `writeWithAudit`, which adds its own items to that same transaction.
 */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const auditHeadSk = 'AUDITHEAD';
export const auditEntrySk = (seq: number): string => `AUDIT#${String(seq).padStart(10, '0')}`;

const entrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
const headSchema = z.object({ seq: z.number().int().nonnegative(), hash: z.string() });

function toEntry(item: Record<string, unknown>): AuditEntry {
  return entrySchema.parse(item);
}

/** A change's own condition failed (not the audit head's): `index` is its position in `changes`. */
export class ChangeConditionFailedError extends Error {
  override readonly name = 'ChangeConditionFailedError';
  readonly index: number;
  readonly item: Record<string, unknown> | undefined;
  constructor(index: number, item: Record<string, unknown> | undefined) {
    super(`condition of change ${index} failed`);
    this.index = index;
    this.item = item;
  }
}

interface CancellationReason {
  readonly Code?: string;
  readonly Item?: Record<string, unknown>;
}

function cancellationReasons(error: unknown): readonly CancellationReason[] | null {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return null;
  const reasons = (error as Error & { CancellationReasons?: CancellationReason[] }).CancellationReasons;
  return reasons ?? [];
}

async function readHead(table: TableRef, tenant: TenantKey): Promise<{ seq: number; hash: string } | null> {
  const answer = await table.client.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { PK: tenant, SK: auditHeadSk },
      ConsistentRead: true,
    }),
  );
  return answer.Item === undefined ? null : headSchema.parse(answer.Item);
}

const pause = (ms: number): Promise<void> => new Promise((wake) => setTimeout(wake, ms));

/**
 * Applies `changes` and appends one audit entry in a single transaction. If another writer appended
 * first (head moved) or DynamoDB reports a transaction conflict, it re-reads the head and tries again;
 * if one of the changes' own conditions failed it throws ChangeConditionFailedError.
 */
export function writeWithAudit(
  table: TableRef,
  tenant: TenantKey,
  changes: readonly TransactItem[],
  input: AuditEntryInput,
  now: () => Date,
): Promise<AuditEntry> {
  // Appends of one tenant through one client queue up, so they do not race each other for the head;
  // writers elsewhere (other clients, other Lambda containers) are still handled by the conditional retry.
  let appendQueues = queuesByClient.get(table.client);
  if (appendQueues === undefined) {
    appendQueues = new Map();
    queuesByClient.set(table.client, appendQueues);
  }
  const queues = appendQueues;
  const key = `${table.tableName}|${tenant}`;
  const previous = queues.get(key) ?? Promise.resolve();
  const result = previous.then(() => appendOnce(table, tenant, changes, input, now));
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return result;
}

const queuesByClient = new WeakMap<object, Map<string, Promise<void>>>();
const knownHeads = new WeakMap<object, Map<string, { seq: number; hash: string }>>();

async function appendOnce(
  table: TableRef,
  tenant: TenantKey,
  changes: readonly TransactItem[],
  input: AuditEntryInput,
  now: () => Date,
): Promise<AuditEntry> {
  let heads = knownHeads.get(table.client);
  if (heads === undefined) {
    heads = new Map();
    knownHeads.set(table.client, heads);
  }
  const key = `${table.tableName}|${tenant}`;
  for (let attempt = 0; ; attempt += 1) {
    // Within this client's queue the head we last wrote is still the head unless someone else appended;
    // if they did, the conditional put fails and the next attempt reads it afresh.
    const cached = attempt === 0 ? heads.get(key) : undefined;
    const head = cached ?? (await readHead(table, tenant));
    const seq = (head?.seq ?? 0) + 1;
    const entry = sealEntry(input, seq, now().toISOString(), head?.hash ?? genesisHash);
    const items: TransactItem[] = [
      ...changes,
      {
        Put: {
          TableName: table.tableName,
          Item: { PK: tenant, SK: auditEntrySk(seq), kind: 'audit', ...entry },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Put: {
          TableName: table.tableName,
          Item: { PK: tenant, SK: auditHeadSk, seq, hash: entry.hash },
          ...(head === null
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : {
                ConditionExpression: 'seq = :previous',
                ExpressionAttributeValues: { ':previous': head.seq },
              }),
        },
      },
    ];
    try {
      await table.client.send(new TransactWriteCommand({ TransactItems: items }));
      heads.set(key, { seq, hash: entry.hash });
      return entry;
    } catch (error) {
      heads.delete(key);
      const reasons = cancellationReasons(error);
      if (reasons === null) throw error;
      const failedChange = reasons.findIndex(
        (reason, index) => index < changes.length && reason.Code === 'ConditionalCheckFailed',
      );
      if (failedChange >= 0) throw new ChangeConditionFailedError(failedChange, reasons[failedChange]?.Item);
      if (attempt >= 30) throw error;
      await pause(Math.floor(Math.random() * Math.min(200, 5 * 2 ** attempt)));
    }
  }
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly nextCursor: string | null;
}

export function auditLog(tables: TenantTables, cursors: CursorCodec) {
  return {
    async page(
      tenant: TenantKey,
      options: { limit: number; cursor?: string | undefined },
    ): Promise<AuditPage> {
      const table = tables.forTenant(tenant);
      const answer = await table.client.send(
        new QueryCommand({
          TableName: table.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': tenant, ':prefix': 'AUDIT#' },
          Limit: options.limit,
          ...(options.cursor === undefined
            ? {}
            : { ExclusiveStartKey: cursors.decode(options.cursor, tenant, `base|${tenant}|AUDIT#`) }),
        }),
      );
      return {
        entries: (answer.Items ?? []).map(toEntry),
        nextCursor:
          answer.LastEvaluatedKey === undefined
            ? null
            : cursors.encode(tenant, `base|${tenant}|AUDIT#`, answer.LastEvaluatedKey),
      };
    },

    async verify(tenant: TenantKey): Promise<ChainVerdict> {
      const table = tables.forTenant(tenant);
      const entries: AuditEntry[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const answer = await table.client.send(
          new QueryCommand({
            TableName: table.tableName,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
            ExpressionAttributeValues: { ':pk': tenant, ':prefix': 'AUDIT#' },
            ConsistentRead: true,
            ...(start === undefined ? {} : { ExclusiveStartKey: start }),
          }),
        );
        for (const item of answer.Items ?? []) {
          const parsed = entrySchema.safeParse(item);
          const seq = typeof item.seq === 'number' ? item.seq : entries.length + 1;
          if (!parsed.success) return { ok: false, brokenAt: seq, reason: 'entry is malformed' };
          entries.push(parsed.data);
        }
        start = answer.LastEvaluatedKey;
      } while (start !== undefined);
      return verifyChain(entries, await readHead(table, tenant));
    },
  };
}
export type AuditLog = ReturnType<typeof auditLog>;
