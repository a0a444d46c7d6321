/**
 * The single DynamoDB table, defined once. The local bootstrap and the CDK stack both read this,
 * so the two can never drift (a test compares the synthesized template with it).
 *
 * Every partition key — base table and GSIs — begins with the tenant key (`T#<province>` or
 * `T#<province>#<city>`), which lets IAM `dynamodb:LeadingKeys` confine a request to one tenant.
 */
export interface KeyPair {
  readonly partitionKey: string;
  readonly sortKey: string;
}

export interface GlobalIndex extends KeyPair {
  readonly indexName: string;
}

export interface TableDefinition {
  readonly primaryKey: KeyPair;
  readonly globalIndexes: readonly GlobalIndex[];
}

export const tableDefinition: TableDefinition = {
  primaryKey: { partitionKey: 'PK', sortKey: 'SK' },
  // Two overloaded indexes: each aggregate documents which access pattern it projects into them.
  globalIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
};

/** Every key attribute of the table and its indexes; all are strings. */
export function keyAttributeNames(definition: TableDefinition = tableDefinition): string[] {
  const names = [definition.primaryKey.partitionKey, definition.primaryKey.sortKey];
  for (const index of definition.globalIndexes) names.push(index.partitionKey, index.sortKey);
  return names;
}
