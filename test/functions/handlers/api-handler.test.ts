import type { APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { productVersion } from '../../../functions/version.ts';
import { apiGatewayEvent } from '../../support/api-gateway-event.ts';
import { useTestTable } from '../../support/test-table.ts';

describe('Lambda API handler', () => {
  const table = useTestTable();
  let handler: (event: ReturnType<typeof apiGatewayEvent>) => Promise<APIGatewayProxyResult>;

  beforeAll(async () => {
    // The handler builds its client at module scope from the Lambda environment, as in AWS;
    // the SDK's standard endpoint variable points it at DynamoDB Local.
    vi.stubEnv('TABLE_NAME', table.tableName);
    vi.stubEnv('AWS_REGION', 'local');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', table.endpoint);
    const module = await import('../../../functions/handlers/api.ts');
    handler = module.handler as typeof handler;
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('answers a health request sent as an API Gateway v2 event', async () => {
    const result = await handler(apiGatewayEvent('GET', '/api/health'));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      status: 'ok',
      version: productVersion,
      mode: 'aws',
      table: { name: table.tableName, reachable: true },
    });
  });

  it('answers unknown paths with 404, not a crash', async () => {
    const result = await handler(apiGatewayEvent('GET', '/api/unknown'));

    expect(result.statusCode).toBe(404);
  });
});
