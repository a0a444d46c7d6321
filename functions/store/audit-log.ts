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

interface PendingAppend {
  readonly changes: readonly TransactItem[];
  readonly input: AuditEntryInput;
  readonly resolve: (entry: AuditEntry) => void;
  readonly reject: (error: unknown) => void;
  /** Settled already (its promise answered): never written again. */
  done: boolean;
}

interface Lane {
  readonly pending: PendingAppend[];
  running: boolean;
  head: { seq: number; hash: string } | null | undefined;
}

// DynamoDB allows 100 items and 4 MB per transaction; leave room for the entries and the head.
const maxGroupItems = 90;
const maxGroupBytes = 2_000_000;
const lanesByClient = new WeakMap<object, Map<string, Lane>>();

/**
 * Applies `changes` and appends one audit entry in a single transaction. If another writer appended
 * first (head moved) or DynamoDB reports a transaction conflict, it re-reads the head and tries again;
 * if one of the changes' own conditions failed it throws ChangeConditionFailedError.
 *
 * Appends of one tenant through one client share a lane: while one transaction is in flight, the next
 * appends wait and then go together in one transaction (group commit), each with its own entry of the
 * chain. Writers elsewhere (other clients, other Lambda containers) are caught by the conditional head.
 */
export function writeWithAudit(
  table: TableRef,
  tenant: TenantKey,
  changes: readonly TransactItem[],
  input: AuditEntryInput,
  now: () => Date,
): Promise<AuditEntry> {
  let lanes = lanesByClient.get(table.client);
  if (lanes === undefined) {
    lanes = new Map();
    lanesByClient.set(table.client, lanes);
  }
  const key = `${table.tableName}|${tenant}`;
  let lane = lanes.get(key);
  if (lane === undefined) {
    lane = { pending: [], running: false, head: undefined };
    lanes.set(key, lane);
  }
  const current = lane;
  return new Promise<AuditEntry>((resolve, reject) => {
    const member: PendingAppend = {
      changes,
      input,
      resolve: (entry) => {
        member.done = true;
        resolve(entry);
      },
      reject: (error) => {
        member.done = true;
        reject(error);
      },
      done: false,
    };
    current.pending.push(member);
    if (!current.running) void drain(table, tenant, current, now);
  });
}

async function drain(table: TableRef, tenant: TenantKey, lane: Lane, now: () => Date): Promise<void> {
  lane.running = true;
  try {
    while (lane.pending.length > 0) {
      const group = takeGroup(lane.pending);
      try {
        await commitGroup(table, tenant, lane, group, now);
      } catch (error) {
        // Not a condition of ours (e.g. a request DynamoDB refused as a whole): settle one by one, so
        // one bad write cannot fail the others that happened to share its transaction.
        lane.head = undefined;
        const open = group.filter((member) => !member.done);
        if (open.length === 1) open[0]?.reject(error);
        else {
          for (const member of open)
            await commitGroup(table, tenant, lane, [member], now).catch(member.reject);
        }
      }
    }
  } finally {
    lane.running = false;
  }
}

function itemKey(item: TransactItem): string {
  const key = item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key ?? item.ConditionCheck?.Key ?? {};
  return `${String(key.PK)}|${String(key.SK)}`;
}

/** The next appends that fit one transaction, none touching an item another one touches. */
function takeGroup(pending: PendingAppend[]): PendingAppend[] {
  const group: PendingAppend[] = [];
  const touched = new Set<string>();
  let items = 1;
  let bytes = 0;
  for (let i = 0; i < pending.length; ) {
    const member = pending[i] as PendingAppend;
    const keys = member.changes.map(itemKey);
    const size = JSON.stringify(member.changes).length + JSON.stringify(member.input).length;
    const fits = items + member.changes.length + 1 <= maxGroupItems && bytes + size <= maxGroupBytes;
    if (group.length > 0 && (!fits || keys.some((k) => touched.has(k)))) {
      i += 1;
      continue;
    }
    group.push(member);
    pending.splice(i, 1);
    for (const k of keys) touched.add(k);
    items += member.changes.length + 1;
    bytes += size;
  }
  return group;
}

/**
 * Commits `group` in one transaction: every member's changes and its entry, chained from the head, and
 * the head moved to the last entry. A member whose own condition fails is rejected and the rest retried.
 */
async function commitGroup(
  table: TableRef,
  tenant: TenantKey,
  lane: Lane,
  group: PendingAppend[],
  now: () => Date,
): Promise<void> {
  let members = group;
  for (let attempt = 0; members.length > 0; attempt += 1) {
    // The head this lane last wrote is still the head unless someone else appended; if they did, the
    // conditional put fails and the next attempt reads it afresh.
    const head = lane.head === undefined ? await readHead(table, tenant) : lane.head;
    const at = now().toISOString();
    const entries: AuditEntry[] = [];
    const items: TransactItem[] = [];
    const owner: number[] = [];
    let prev = head;
    members.forEach((member, index) => {
      const seq = (prev?.seq ?? 0) + 1;
      const entry = sealEntry(member.input, seq, at, prev?.hash ?? genesisHash);
      for (const change of member.changes) {
        items.push(change);
        owner.push(index);
      }
      items.push({
        Put: {
          TableName: table.tableName,
          Item: { PK: tenant, SK: auditEntrySk(seq), kind: 'audit', ...entry },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      });
      owner.push(-1);
      entries.push(entry);
      prev = { seq, hash: entry.hash };
    });
    const last = prev as { seq: number; hash: string };
    items.push({
      Put: {
        TableName: table.tableName,
        Item: { PK: tenant, SK: auditHeadSk, seq: last.seq, hash: last.hash },
        ...(head === null
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'seq = :previous', ExpressionAttributeValues: { ':previous': head.seq } }),
      },
    });
    owner.push(-1);
    try {
      await table.client.send(new TransactWriteCommand({ TransactItems: items }));
      lane.head = last;
      for (const [index, member] of members.entries()) member.resolve(entries[index] as AuditEntry);
      return;
    } catch (error) {
      lane.head = undefined;
      const reasons = cancellationReasons(error);
      if (reasons === null) throw error;
      const failed = new Set<number>();
      reasons.forEach((reason, index) => {
        const who = owner[index] ?? -1;
        if (who < 0 || reason.Code !== 'ConditionalCheckFailed') return;
        if (failed.has(who)) return;
        failed.add(who);
        const member = members[who] as PendingAppend;
        const first = owner.indexOf(who);
        member.reject(new ChangeConditionFailedError(index - first, reason.Item));
      });
      if (failed.size > 0) {
        members = members.filter((_, index) => !failed.has(index));
        continue;
      }
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
