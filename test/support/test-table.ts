import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { ensureTable } from '../../functions/local/bootstrap-table.ts';
import {
  createDocumentClient,
  createDynamoClient,
  type TableRef,
} from '../../functions/store/dynamo-client.ts';

export interface TestTable extends TableRef {
  readonly raw: DynamoDBClient;
  readonly endpoint: string;
}

/**
 * A table of this test file's own in the project's DynamoDB Local, created before the file's tests and
 * deleted after them. Read its fields inside tests or hooks, not at import time.
 */
export function useTestTable(): TestTable {
  const state: { table?: TestTable } = {};
  beforeAll(async () => {
    const endpoint = inject('dynamoEndpoint');
    const raw = createDynamoClient({ endpoint, region: 'local' });
    const tableName = `test-${randomUUID()}`;
    await ensureTable(raw, tableName);
    state.table = { raw, client: createDocumentClient(raw), tableName, endpoint };
  });
  afterAll(async () => {
    if (state.table === undefined) return;
    await state.table.raw.send(new DeleteTableCommand({ TableName: state.table.tableName }));
    state.table.raw.destroy();
  });
  return new Proxy({} as TestTable, {
    get(_target, property: keyof TestTable) {
      if (state.table === undefined) throw new Error('useTestTable() fields are ready only inside tests');
      return state.table[property];
    },
  });
}
