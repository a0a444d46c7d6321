import { describe, expect, it } from 'vitest';
import { productVersion } from '../../../functions/version.ts';
import { createTestApi } from '../../support/api-harness.ts';
import { useTestTable } from '../../support/test-table.ts';

describe('GET /api/health', () => {
  const table = useTestTable();

  it('reports the table reachable and the product version, without a token', async () => {
    const { app } = await createTestApi(table);

    const response = await app.request('/api/health');

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      version: productVersion,
      table: { name: table.tableName, reachable: true, status: 'ACTIVE' },
    });
  });

  it('answers 503 with the reason when the table does not exist', async () => {
    const { app } = await createTestApi({ client: table.client, tableName: 'no-such-table' });

    const response = await app.request('/api/health');

    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'degraded',
      table: { reachable: false, reason: 'table not found' },
    });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const { app } = await createTestApi(table);

    const response = await app.request('/api/nothing-here');

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
