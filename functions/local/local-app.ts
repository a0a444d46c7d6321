import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createApp } from '../api/app.ts';
import type { AppDeps } from '../api/app-deps.ts';

/** The API plus the built console (a single-page app: unknown non-API paths get index.html). */
export function createLocalApp(deps: AppDeps, webRoot: string): Hono {
  const api = createApp(deps);
  const root = resolve(webRoot);
  const app = new Hono();
  app.route('/', api);
  app.use('/*', serveStatic({ root }));
  app.get('/*', (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound();
    const indexFile = join(root, 'index.html');
    if (!existsSync(indexFile)) {
      return c.text(
        '控制台尚未构建：请运行 `npm run build:web`。 / The console is not built: run `npm run build:web`.',
        503,
      );
    }
    return c.html(readFileSync(indexFile, 'utf8'));
  });
  return app;
}
