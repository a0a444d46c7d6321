import { Hono } from 'hono';
import type { AppDeps } from './app-deps.ts';
import { healthRoutes } from './routes/health.ts';

/**
 * The one Hono app behind both the local node server and the Lambda handler.
 *
 * @example
 * const app = createApp({ table, version: '0.1.0', mode: 'local' });
 * const res = await app.request('/api/health');
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.route('/api/health', healthRoutes(deps));
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: '未找到该资源 / Not found', path: c.req.path } }, 404),
  );
  app.onError((error, c) => {
    // Internal details stay in the log; the client gets a stable code and a sentence.
    console.error(error);
    return c.json({ error: { code: 'internal', message: '服务器内部错误 / Internal server error' } }, 500);
  });
  return app;
}
