import { createHash, randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ConflictError } from '../domain/errors.ts';
import type { TenantKey } from '../domain/tenant-key.ts';
import { writeWithAudit } from './audit-log.ts';
import { batchWriteAll } from './batch-write.ts';
import { queryAll } from './query-page.ts';
import type { TenantTables } from './tenant-tables.ts';

/*
 * Observations: append-only, with provenance. Key layout
 *   import batch  PK = <tenant>                 SK = IMPORT#<batchKey>
 *   record        PK = <tenant>#OBS#<YYYY-MM>   SK = S#<subjectId>#<batchId>
 * One record holds the values one batch gave one subject for one month. A correction is a later
 * record for the same subject and month: it supersedes field by field, and both stay readable.
 * batchId begins with the batch's start time, so a subject-month's records sort oldest first.
 * Records become visible only when their batch is committed: a rejected upload leaves nothing behind.
 */

export type ObservationValue = number | boolean | string;

export interface ObservationInput {
  readonly subjectId: string;
  readonly period: string;
  readonly values: Readonly<Record<string, ObservationValue>>;
}

export interface ObservationRecord extends ObservationInput {
  readonly batchId: string;
  readonly batchKey: string;
  readonly source: string;
  readonly actor: string;
  readonly recordedAt: string;
  readonly contentHash: string;
}

/** A subject's values for one month after corrections, with every record that contributed. */
export interface EffectiveObservation {
  readonly subjectId: string;
  readonly period: string;
  readonly values: Readonly<Record<string, ObservationValue>>;
  readonly records: readonly ObservationRecord[];
}

export type BeginOutcome =
  | { readonly kind: 'started'; readonly batch: ImportBatch }
  | { readonly kind: 'already-committed'; readonly batch: ImportBatch };

const valueSchema = z.union([z.number(), z.boolean(), z.string()]);
const batchSchema = z.object({
  batchKey: z.string(),
  batchId: z.string(),
  status: z.enum(['pending', 'committed', 'rejected']),
  source: z.string(),
  actor: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  records: z.number().optional(),
  digest: z.string().optional(),
  periods: z.array(z.string()).optional(),
});
/** An import batch as stored: the key the client chose, its status and what it held. */
export type ImportBatch = Readonly<z.infer<typeof batchSchema>>;

const recordSchema = z.object({
  subjectId: z.string(),
  period: z.string(),
  values: z.record(z.string(), valueSchema),
  batchId: z.string(),
  batchKey: z.string(),
  source: z.string(),
  actor: z.string(),
  recordedAt: z.string(),
  contentHash: z.string(),
});

const batchKeyPattern = /^[\w.:-]{1,128}$/;
const periodPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** sha-256 of the values in a canonical order: the same values always hash the same. */
export function hashValues(values: Readonly<Record<string, ObservationValue>>): string {
  const canonical = JSON.stringify(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return createHash('sha256').update(canonical).digest('hex');
}

/** Observations of one table; every call names its tenant, and every key is built from it. */
export function observationRepository(tables: TenantTables, now: () => Date = () => new Date()) {
  async function getBatch(tenant: TenantKey, batchKey: string): Promise<ImportBatch | null> {
    const table = tables.forTenant(tenant);
    const answer = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: { PK: tenant, SK: `IMPORT#${batchKey}` } }),
    );
    return answer.Item === undefined ? null : batchSchema.parse(answer.Item);
  }

  async function listBatches(tenant: TenantKey): Promise<ImportBatch[]> {
    const table = tables.forTenant(tenant);
    const items = await queryAll(table, { tenant, partition: tenant, prefix: 'IMPORT#' }, (item) => item);
    return items.map((item) => batchSchema.parse(item));
  }

  /** Closes a pending batch and records the outcome in the tenant's audit log, in one transaction. */
  async function finish(
    tenant: TenantKey,
    batch: ImportBatch,
    status: 'committed' | 'rejected',
    summary: { records: number; digest: string; periods: readonly string[] },
  ): Promise<ImportBatch> {
    const table = tables.forTenant(tenant);
    const finishedAt = now().toISOString();
    await writeWithAudit(
      table,
      tenant,
      [
        {
          Update: {
            TableName: table.tableName,
            Key: { PK: tenant, SK: `IMPORT#${batch.batchKey}` },
            UpdateExpression:
              'SET #status = :status, finishedAt = :at, #records = :records, digest = :digest, periods = :periods',
            ConditionExpression: 'batchId = :batchId AND #status = :pending',
            ExpressionAttributeNames: { '#status': 'status', '#records': 'records' },
            ExpressionAttributeValues: {
              ':status': status,
              ':at': finishedAt,
              ':records': summary.records,
              ':digest': summary.digest,
              ':periods': [...summary.periods],
              ':batchId': batch.batchId,
              ':pending': 'pending',
            },
          },
        },
      ],
      {
        actor: batch.actor,
        action: status === 'committed' ? 'observations.import' : 'observations.reject',
        target: `import/${batch.batchKey}`,
        details: {
          batchId: batch.batchId,
          source: batch.source,
          records: summary.records,
          digest: summary.digest,
        },
      },
      now,
    );
    return { ...batch, status, finishedAt, ...summary, periods: [...summary.periods] };
  }

  return {
    getBatch,
    listBatches,

    /**
     * Opens a batch under a client-chosen key. Re-sending a committed key is idempotent: the caller gets
     * the earlier batch back and writes nothing. A key whose earlier attempt was rejected may be reused.
     */
    async begin(
      tenant: TenantKey,
      input: { batchKey: string; source: string; actor: string },
    ): Promise<BeginOutcome> {
      if (!batchKeyPattern.test(input.batchKey)) throw new TypeError(`bad batch key ${input.batchKey}`);
      const table = tables.forTenant(tenant);
      const startedAt = now().toISOString();
      const batch: ImportBatch = {
        batchKey: input.batchKey,
        batchId: `${startedAt}~${randomBytes(4).toString('hex')}`,
        status: 'pending',
        source: input.source,
        actor: input.actor,
        startedAt,
      };
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.tableName,
            Item: { PK: tenant, SK: `IMPORT#${input.batchKey}`, ...batch },
            ConditionExpression: 'attribute_not_exists(PK) OR #status = :rejected',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':rejected': 'rejected' },
          }),
        );
        return { kind: 'started', batch };
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      }
      const existing = await getBatch(tenant, input.batchKey);
      if (existing?.status === 'committed') return { kind: 'already-committed', batch: existing };
      throw new ConflictError('import_in_progress', {
        zh: `批次 ${input.batchKey} 正在导入中，请稍后再试`,
        en: `Batch ${input.batchKey} is being imported; try again later`,
      });
    },

    /** Writes records of a pending batch; they stay invisible until `commit`. */
    async append(tenant: TenantKey, batch: ImportBatch, records: readonly ObservationInput[]): Promise<void> {
      const table = tables.forTenant(tenant);
      const recordedAt = now().toISOString();
      const requests = records.map((record) => {
        if (!periodPattern.test(record.period)) throw new TypeError(`bad period ${record.period}`);
        const item: ObservationRecord = {
          subjectId: record.subjectId,
          period: record.period,
          values: record.values,
          batchId: batch.batchId,
          batchKey: batch.batchKey,
          source: batch.source,
          actor: batch.actor,
          recordedAt,
          contentHash: hashValues(record.values),
        };
        return {
          PutRequest: {
            Item: {
              PK: `${tenant}#OBS#${record.period}`,
              SK: `S#${record.subjectId}#${batch.batchId}`,
              ...item,
            },
          },
        };
      });
      await batchWriteAll(table, requests);
    },

    /** Makes a batch's records visible, recording what it held. */
    commit(
      tenant: TenantKey,
      batch: ImportBatch,
      summary: { records: number; digest: string; periods: readonly string[] },
    ): Promise<ImportBatch> {
      return finish(tenant, batch, 'committed', summary);
    },

    /** Marks a batch rejected and removes whatever records it had written. */
    async reject(tenant: TenantKey, batch: ImportBatch, periods: readonly string[]): Promise<ImportBatch> {
      const table = tables.forTenant(tenant);
      for (const period of periods) {
        const partition = `${tenant}#OBS#${period}`;
        const written = (await queryAll(table, { tenant, partition, prefix: 'S#' }, (item) => item)).filter(
          (item) => item.batchId === batch.batchId,
        );
        await batchWriteAll(
          table,
          written.map((item) => ({ DeleteRequest: { Key: { PK: item.PK, SK: item.SK } } })),
        );
      }
      return finish(tenant, batch, 'rejected', { records: 0, digest: '', periods });
    },

    /** Every subject's effective values for one month (committed batches only), corrections applied. */
    async readPeriod(tenant: TenantKey, period: string): Promise<EffectiveObservation[]> {
      const table = tables.forTenant(tenant);
      const committed = new Set(
        (await listBatches(tenant)).filter((b) => b.status === 'committed').map((b) => b.batchId),
      );
      const partition = `${tenant}#OBS#${period}`;
      const items = await queryAll(table, { tenant, partition, prefix: 'S#' }, (item) => item);
      const bySubject = new Map<string, ObservationRecord[]>();
      for (const item of items) {
        const record = recordSchema.parse(item);
        if (!committed.has(record.batchId)) continue;
        const list = bySubject.get(record.subjectId) ?? [];
        list.push(record);
        bySubject.set(record.subjectId, list);
      }
      return [...bySubject.entries()].map(([subjectId, records]) => ({
        subjectId,
        period,
        // Records arrive oldest first (SK order), so later ones overwrite earlier fields.
        values: Object.assign({}, ...records.map((record) => record.values)),
        records,
      }));
    },
  };
}

export type ObservationRepository = ReturnType<typeof observationRepository>;
