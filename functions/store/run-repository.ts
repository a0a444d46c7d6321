import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { SubjectInput } from '../../dsl/index.ts';
import type { RunChunk, RunRecord, StoredResult } from '../domain/scoring/run-model.ts';
import type { RunStore } from '../domain/scoring/run-ports.ts';
import type { TenantKey } from '../domain/tenant-key.ts';
import { batchWriteAll } from './batch-write.ts';
import type { TableRef } from './dynamo-client.ts';
import { queryAll } from './query-page.ts';
import type { TenantTables } from './tenant-tables.ts';

/*
 * Scoring runs. Key layout
 *   run       PK = <tenant>               SK = RUN#<runId>        status, progress, pins
 *   chunk     PK = <tenant>#RUN#<runId>   SK = CHUNK#<index, 6>   prepared inputs (JSON), status
 *   result    PK = <tenant>#RUN#<runId>   SK = R#<subjectId>      summary: total, grade, dimensions …
 *             GSI1PK = <tenant>#SUBJ#<subjectId>  GSI1SK = P#<period>#<runId>   (a subject over time: 作风画像)
 *   trace     PK = <tenant>#RUN#<runId>   SK = X#<subjectId>      the explanation trace (JSON)
 * Results and traces are keyed by subject, so a retried chunk overwrites instead of duplicating; a chunk's
 * completion is counted by a conditional update on its status, so it is counted once.
 */

const runSchema = z.object({
  runId: z.string(),
  request: z.object({
    ruleSetId: z.string(),
    version: z.number(),
    period: z.string(),
    scope: z.object({ categories: z.array(z.string()).optional(), unitIds: z.array(z.string()).optional() }),
  }),
  subjectKind: z.enum(['unit', 'cadre']),
  status: z.enum(['preparing', 'scoring', 'finalizing', 'finished', 'failed']),
  actor: z.string(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  total: z.number(),
  done: z.number(),
  chunkCount: z.number(),
  chunksDone: z.number(),
  effectiveHash: z.string().optional(),
  inputDigest: z.string().optional(),
  resultDigest: z.string().optional(),
  error: z.string().optional(),
});

/** One finished run's view of a subject: the points of a 作风画像 over time. */
export interface ProfilePoint {
  readonly period: string;
  readonly runId: string;
  readonly ruleSet: string;
  readonly version: number;
  readonly total: number;
  readonly grade: string | null;
  readonly dimensions: Readonly<Record<string, number>>;
}

const runSk = (runId: string): string => `RUN#${runId}`;
const runPartition = (tenant: TenantKey, runId: string): string => `${tenant}#RUN#${runId}`;
const chunkSk = (index: number): string => `CHUNK#${String(index).padStart(6, '0')}`;

function parseRun(item: Record<string, unknown>): RunRecord {
  const { request, ...rest } = runSchema.parse(item);
  const scope = {
    ...(request.scope.categories === undefined ? {} : { categories: request.scope.categories }),
    ...(request.scope.unitIds === undefined ? {} : { unitIds: request.scope.unitIds }),
  };
  return JSON.parse(JSON.stringify({ ...rest, request: { ...request, scope } })) as RunRecord;
}

export function runRepository(tables: TenantTables, now: () => Date = () => new Date()) {
  const table = (tenant: TenantKey): TableRef => tables.forTenant(tenant);

  async function getRun(tenant: TenantKey, runId: string): Promise<RunRecord | null> {
    const t = table(tenant);
    const answer = await t.client.send(
      new GetCommand({ TableName: t.tableName, Key: { PK: tenant, SK: runSk(runId) }, ConsistentRead: true }),
    );
    return answer.Item === undefined ? null : parseRun(answer.Item);
  }

  function resultItems(tenant: TenantKey, runId: string, period: string, results: readonly StoredResult[]) {
    return results.flatMap((result) => {
      const { trace, ...summary } = result;
      return [
        {
          PutRequest: {
            Item: {
              PK: runPartition(tenant, runId),
              SK: `R#${result.subjectId}`,
              GSI1PK: `${tenant}#SUBJ#${result.subjectId}`,
              GSI1SK: `P#${period}#${runId}`,
              summary: JSON.stringify(summary),
            },
          },
        },
        {
          PutRequest: {
            Item: {
              PK: runPartition(tenant, runId),
              SK: `X#${result.subjectId}`,
              trace: JSON.stringify(trace),
            },
          },
        },
      ];
    });
  }

  const store: RunStore & {
    listRuns(tenant: TenantKey): Promise<RunRecord[]>;
    getResult(tenant: TenantKey, runId: string, subjectId: string): Promise<StoredResult | null>;
    loadResultsWithTraces(tenant: TenantKey, runId: string): Promise<StoredResult[]>;
    profile(tenant: TenantKey, subjectId: string): Promise<ProfilePoint[]>;
  } = {
    getRun,

    async listRuns(tenant) {
      const items = await queryAll(
        table(tenant),
        { tenant, partition: tenant, prefix: 'RUN#' },
        (item) => item,
      );
      return items.map(parseRun).reverse();
    },

    async createRun(tenant, run) {
      const t = table(tenant);
      await t.client.send(
        new PutCommand({
          TableName: t.tableName,
          Item: { PK: tenant, SK: runSk(run.runId), ...run },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },

    async savePrepared(tenant, runId, chunks, pins) {
      const t = table(tenant);
      await batchWriteAll(
        t,
        chunks.map((chunk) => ({
          PutRequest: {
            Item: {
              PK: runPartition(tenant, runId),
              SK: chunkSk(chunk.index),
              index: chunk.index,
              status: 'pending',
              inputs: JSON.stringify(chunk.inputs),
            },
          },
        })),
      );
      await t.client.send(
        new UpdateCommand({
          TableName: t.tableName,
          Key: { PK: tenant, SK: runSk(runId) },
          UpdateExpression:
            'SET #status = :scoring, startedAt = :at, #total = :total, chunkCount = :chunks, effectiveHash = :hash, inputDigest = :digest',
          ConditionExpression: '#status = :preparing',
          ExpressionAttributeNames: { '#status': 'status', '#total': 'total' },
          ExpressionAttributeValues: {
            ':scoring': 'scoring',
            ':preparing': 'preparing',
            ':at': now().toISOString(),
            ':total': pins.total,
            ':chunks': chunks.length,
            ':hash': pins.effectiveHash,
            ':digest': pins.inputDigest,
          },
        }),
      );
    },

    async loadChunk(tenant, runId, index): Promise<RunChunk> {
      const t = table(tenant);
      const answer = await t.client.send(
        new GetCommand({
          TableName: t.tableName,
          Key: { PK: runPartition(tenant, runId), SK: chunkSk(index) },
        }),
      );
      if (answer.Item === undefined) throw new Error(`run ${runId} has no chunk ${index}`);
      return { index, inputs: JSON.parse(String(answer.Item.inputs)) as SubjectInput[] };
    },

    async completeChunk(tenant, runId, index, results) {
      const t = table(tenant);
      const run = await getRun(tenant, runId);
      if (run === null) throw new Error(`no run ${runId}`);
      await batchWriteAll(t, resultItems(tenant, runId, run.request.period, results));
      // The chunk's status and the run's counters move in one transaction: a chunk is counted once,
      // and a crash between the two cannot leave a chunk done but uncounted.
      try {
        await t.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: t.tableName,
                  Key: { PK: runPartition(tenant, runId), SK: chunkSk(index) },
                  UpdateExpression: 'SET #status = :done',
                  ConditionExpression: '#status = :pending',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':done': 'done', ':pending': 'pending' },
                },
              },
              {
                Update: {
                  TableName: t.tableName,
                  Key: { PK: tenant, SK: runSk(runId) },
                  UpdateExpression: 'ADD done :n, chunksDone :one',
                  ExpressionAttributeValues: { ':n': results.length, ':one': 1 },
                },
              },
            ],
          }),
        );
      } catch (error) {
        // Only the chunk's own condition failing means "already counted"; a conflict is retried by the caller.
        if (
          error instanceof TransactionCanceledException &&
          error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
        ) {
          return { counted: false, claimedFinalize: false };
        }
        throw error;
      }
      const after = await getRun(tenant, runId);
      if (after === null) throw new Error(`no run ${runId}`);
      if (after.chunksDone < after.chunkCount) return { counted: true, claimedFinalize: false };
      try {
        await t.client.send(
          new UpdateCommand({
            TableName: t.tableName,
            Key: { PK: tenant, SK: runSk(runId) },
            UpdateExpression: 'SET #status = :finalizing',
            ConditionExpression: '#status = :scoring',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':finalizing': 'finalizing', ':scoring': 'scoring' },
          }),
        );
        return { counted: true, claimedFinalize: true };
      } catch (error) {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
          return { counted: true, claimedFinalize: false };
        }
        throw error;
      }
    },

    async loadResults(tenant, runId) {
      const items = await queryAll(
        table(tenant),
        { tenant, partition: runPartition(tenant, runId), prefix: 'R#' },
        (item) => item,
      );
      return items.map((item) => ({
        ...(JSON.parse(String(item.summary)) as Omit<StoredResult, 'trace'>),
        trace: [],
      }));
    },

    async loadResultsWithTraces(tenant, runId) {
      const partition = runPartition(tenant, runId);
      const traces = new Map<string, StoredResult['trace']>();
      const traceItems = await queryAll(table(tenant), { tenant, partition, prefix: 'X#' }, (item) => item);
      for (const item of traceItems) {
        traces.set(String(item.SK).slice(2), JSON.parse(String(item.trace)) as StoredResult['trace']);
      }
      const summaries = await queryAll(table(tenant), { tenant, partition, prefix: 'R#' }, (item) => item);
      return summaries.map((item) => {
        const summary = JSON.parse(String(item.summary)) as Omit<StoredResult, 'trace'>;
        return { ...summary, trace: traces.get(summary.subjectId) ?? [] };
      });
    },

    async profile(tenant, subjectId) {
      const items = await queryAll(
        table(tenant),
        { tenant, index: 'GSI1', partition: `${tenant}#SUBJ#${subjectId}`, prefix: 'P#' },
        (item) => item,
      );
      const finished = new Map(
        (await store.listRuns(tenant))
          .filter((run) => run.status === 'finished')
          .map((run) => [run.runId, run]),
      );
      return items.flatMap((item) => {
        const [, period = '', runId = ''] = String(item.GSI1SK).split('#');
        const run = finished.get(runId);
        if (run === undefined) return [];
        const summary = JSON.parse(String(item.summary)) as Omit<StoredResult, 'trace'>;
        return [
          {
            period,
            runId,
            ruleSet: run.request.ruleSetId,
            version: run.request.version,
            total: summary.total,
            grade: summary.grade,
            dimensions: summary.dimensions,
          },
        ];
      });
    },

    async getResult(tenant, runId, subjectId) {
      const t = table(tenant);
      const [summary, trace] = await Promise.all(
        [`R#${subjectId}`, `X#${subjectId}`].map((sk) =>
          t.client.send(
            new GetCommand({ TableName: t.tableName, Key: { PK: runPartition(tenant, runId), SK: sk } }),
          ),
        ),
      );
      if (summary?.Item === undefined) return null;
      return {
        ...(JSON.parse(String(summary.Item.summary)) as Omit<StoredResult, 'trace'>),
        trace: JSON.parse(String(trace?.Item?.trace ?? '[]')) as StoredResult['trace'],
      };
    },

    async finish(tenant, runId, results, resultDigest) {
      const t = table(tenant);
      const run = await getRun(tenant, runId);
      if (run === null) throw new Error(`no run ${runId}`);
      // Only summaries change in the population phase (grade, rank); traces were written with the chunk.
      const summaries = resultItems(tenant, runId, run.request.period, results).filter((request) =>
        String(request.PutRequest.Item.SK).startsWith('R#'),
      );
      await batchWriteAll(t, summaries);
      await t.client.send(
        new UpdateCommand({
          TableName: t.tableName,
          Key: { PK: tenant, SK: runSk(runId) },
          UpdateExpression:
            'SET #status = :finished, finishedAt = :at, resultDigest = :digest, #done = :done',
          ConditionExpression: '#status IN (:finalizing, :scoring)',
          ExpressionAttributeNames: { '#status': 'status', '#done': 'done' },
          ExpressionAttributeValues: {
            ':finished': 'finished',
            ':finalizing': 'finalizing',
            ':scoring': 'scoring',
            ':at': now().toISOString(),
            ':digest': resultDigest,
            ':done': results.length,
          },
        }),
      );
    },

    async fail(tenant, runId, reason) {
      const t = table(tenant);
      await t.client.send(
        new UpdateCommand({
          TableName: t.tableName,
          Key: { PK: tenant, SK: runSk(runId) },
          UpdateExpression: 'SET #status = :failed, finishedAt = :at, #error = :reason',
          ConditionExpression: 'attribute_exists(PK) AND #status <> :finished',
          ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
          ExpressionAttributeValues: {
            ':failed': 'failed',
            ':finished': 'finished',
            ':at': now().toISOString(),
            ':reason': reason,
          },
        }),
      );
    },
  };
  return store;
}

export type RunRepository = ReturnType<typeof runRepository>;
