import { Hono } from 'hono';
import { probeTable } from '../../store/table-health.ts';
import type { AppDeps } from '../app-deps.ts';

/** `GET /api/health`: 200 when the table answers, 503 when it does not; never requires a token. */
export function healthRoutes(deps: AppDeps): Hono {
  return new Hono().get('/', async (c) => {
    const table = await probeTable(deps.table);
    const body = {
      status: table.reachable ? 'ok' : 'degraded',
      version: deps.version,
      mode: deps.mode,
      table: { name: deps.table.tableName, ...table },
    };
    return c.json(body, table.reachable ? 200 : 503);
  });
}
