import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { keyAttributeNames, type TableDefinition, tableDefinition } from './table-definition.ts';

/** The CreateTable request for the shared definition (on-demand, every index projecting all attributes). */
export function createTableInput(
  tableName: string,
  definition: TableDefinition = tableDefinition,
): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributeNames(definition).map((name) => ({
      AttributeName: name,
      AttributeType: 'S',
    })),
    KeySchema: [
      { AttributeName: definition.primaryKey.partitionKey, KeyType: 'HASH' },
      { AttributeName: definition.primaryKey.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: definition.globalIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
