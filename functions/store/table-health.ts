import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { TableRef } from './dynamo-client.ts';

export type TableHealth =
  | { readonly reachable: true; readonly status: string }
  | { readonly reachable: false; readonly reason: string };

/** Asks DynamoDB about the table; never throws, so health checks can report instead of crash. */
export async function probeTable(table: TableRef): Promise<TableHealth> {
  try {
    const answer = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }), {
      abortSignal: AbortSignal.timeout(3000),
    });
    return { reachable: true, status: answer.Table?.TableStatus ?? 'UNKNOWN' };
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    return { reachable: false, reason: name === 'ResourceNotFoundException' ? 'table not found' : name };
  }
}
