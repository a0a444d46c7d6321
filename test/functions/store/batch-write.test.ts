import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchWriteIncompleteError, batchWriteAll } from '../../../functions/store/batch-write.ts';
import { useTestTable } from '../../support/test-table.ts';

// The only mocks in the suite: DynamoDB's partial failures and throttling cannot be provoked on demand.
describe('batchWriteAll', () => {
  const table = useTestTable();
  const items = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ PutRequest: { Item: { PK: 'T#batch', SK: `I#${i}` } } }));
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('writes 60 real items in chunks of 25 against DynamoDB Local', async () => {
    const result = await batchWriteAll(table, items(60));

    expect(result).toEqual({ written: 60, retries: 0 });
  });

  it('retries unprocessed items and throttled calls with growing, jittered delays', async () => {
    const document = DynamoDBDocumentClient.from(table.raw);
    const mock = mockClient(document);
    restore = () => mock.restore();
    const throttled = Object.assign(new Error('slow down'), {
      name: 'ProvisionedThroughputExceededException',
    });
    const chunk = items(3);
    mock
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { t: chunk.slice(1) } })
      .rejectsOnce(throttled)
      .resolvesOnce({ UnprocessedItems: { t: chunk.slice(2) } })
      .resolves({ UnprocessedItems: {} });
    const delays: number[] = [];

    const result = await batchWriteAll({ client: document, tableName: 't' }, chunk, {
      sleep: async (ms) => {
        delays.push(ms);
      },
      random: () => 0.999,
      baseDelayMs: 10,
    });

    expect(result.retries).toBe(3);
    expect(delays).toEqual([9, 19, 39]);
    const sent = mock
      .commandCalls(BatchWriteCommand)
      .map((call) => call.args[0].input.RequestItems?.t?.length);
    expect(sent).toEqual([3, 2, 2, 1]);
  });

  it('gives up with an error after the last attempt instead of dropping items', async () => {
    const document = DynamoDBDocumentClient.from(table.raw);
    const mock = mockClient(document);
    restore = () => mock.restore();
    const chunk = items(2);
    mock.on(BatchWriteCommand).resolves({ UnprocessedItems: { t: chunk } });

    await expect(
      batchWriteAll({ client: document, tableName: 't' }, chunk, {
        maxAttempts: 3,
        sleep: async () => undefined,
      }),
    ).rejects.toBeInstanceOf(BatchWriteIncompleteError);
    expect(mock.commandCalls(BatchWriteCommand)).toHaveLength(3);
  });
});
