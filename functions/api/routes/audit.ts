import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AuthEnv } from '../auth/middleware.ts';
import { bearer, cityQuerySchema, cursorSchema, guard, limitSchema, responses } from '../route-kit.ts';
import type { Services } from '../services.ts';

const auditors = ['auditor', 'province_admin', 'city_admin', 'platform_admin'] as const;

/** `/api/audit`: the caller's tenant's hash-chained log (or, for a province, one of its cities'), and its verification. */
export function auditRoutes(s: Services): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags: ['audit'],
      summary: 'A page of the audit log, oldest first',
      security: bearer,
      middleware: guard(s.deps, ...auditors),
      request: { query: z.strictObject({ city: cityQuerySchema, limit: limitSchema, cursor: cursorSchema }) },
      responses: responses({ 200: 'Entries and the next cursor' }),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const tenant = await s.readTarget(c.var.principal, q.city);
      return c.json(await s.audit.page(tenant, { limit: q.limit, cursor: q.cursor }), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/audit/verify',
      tags: ['audit'],
      summary: 'Recompute the chain: ok, or the first broken seq',
      security: bearer,
      middleware: guard(s.deps, ...auditors),
      request: { query: z.strictObject({ city: cityQuerySchema }) },
      responses: responses(
        { 200: '{ ok: true, entries } or { ok: false, brokenAt, reason }' },
        [401, 403, 404],
      ),
    }),
    async (c) => {
      const tenant = await s.readTarget(c.var.principal, c.req.valid('query').city);
      return c.json(await s.audit.verify(tenant), 200);
    },
  );
  return app;
}
