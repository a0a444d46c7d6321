import { BatchWriteCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './dynamo-client.ts';

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

export interface BatchRetryOptions {
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export class BatchWriteIncompleteError extends Error {
  override readonly name = 'BatchWriteIncompleteError';
}

const throttlingNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

const realSleep = (ms: number): Promise<void> => new Promise((wake) => setTimeout(wake, ms));

/**
 * Writes any number of items 25 at a time. Unprocessed items and throttled batches are retried with
 * exponential backoff and full jitter; after `maxAttempts` for one chunk it gives up with an error.
 */
export async function batchWriteAll(
  table: TableRef,
  requests: readonly WriteRequest[],
  options: BatchRetryOptions = {},
): Promise<{ written: number; retries: number }> {
  const maxAttempts = options.maxAttempts ?? 8;
  const base = options.baseDelayMs ?? 25;
  const cap = options.maxDelayMs ?? 2000;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  let retries = 0;
  for (let start = 0; start < requests.length; start += 25) {
    let pending: WriteRequest[] = requests.slice(start, start + 25);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > 1) {
        if (attempt > maxAttempts) {
          throw new BatchWriteIncompleteError(
            `${pending.length} items still unprocessed after ${maxAttempts} attempts`,
          );
        }
        retries += 1;
        await sleep(Math.floor(random() * Math.min(cap, base * 2 ** (attempt - 2))));
      }
      try {
        const answer = await table.client.send(
          new BatchWriteCommand({ RequestItems: { [table.tableName]: pending } }),
        );
        pending = answer.UnprocessedItems?.[table.tableName] ?? [];
      } catch (error) {
        if (!(error instanceof Error && throttlingNames.has(error.name))) throw error;
      }
    }
  }
  return { written: requests.length, retries };
}
