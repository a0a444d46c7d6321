import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoConnection {
  /** Set locally (DynamoDB Local); absent in AWS, where the SDK's regional endpoint applies. */
  readonly endpoint?: string;
  readonly region: string;
}

/** Where the store reads and writes: a document client and the table's name. */
export interface TableRef {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

// DynamoDB Local accepts any credentials; fixed ones keep a developer's AWS profile out of local runs.
const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export function createDynamoClient(connection: DynamoConnection): DynamoDBClient {
  const config: DynamoDBClientConfig = { region: connection.region, maxAttempts: 6 };
  if (connection.endpoint !== undefined) {
    config.endpoint = connection.endpoint;
    config.credentials = localCredentials;
  }
  return new DynamoDBClient(config);
}

export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}

export function createTableRef(connection: DynamoConnection, tableName: string): TableRef {
  return { client: createDocumentClient(createDynamoClient(connection)), tableName };
}
