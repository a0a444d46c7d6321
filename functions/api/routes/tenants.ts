import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { tenantRoles } from '../../domain/roles.ts';
import { cityKey, describeTenant, provinceKey, tenantId } from '../../domain/tenant-key.ts';
import type { AuthEnv } from '../auth/middleware.ts';
import { bearer, guard, idSchema, jsonBody, nameSchema, responses, tenantIdSchema } from '../route-kit.ts';
import type { Services } from '../services.ts';

const createTenantBody = z
  .strictObject({
    id: tenantIdSchema,
    name: nameSchema,
    /** The new tenant's first administrator (province_admin or city_admin), recorded in its own partition. */
    admin: z.strictObject({ userId: idSchema, name: nameSchema }).optional(),
  })
  .openapi('CreateTenant');

/** `/api/me`, `/api/provinces` (platform admin) and `/api/cities` (a province's own cities). */
export function tenantRoutes(s: Services): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  const { deps } = s;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['tenants'],
      summary: 'The caller: user, tenant and role from the verified token',
      security: bearer,
      middleware: guard(deps, 'platform_admin', ...tenantRoles),
      responses: responses({ 200: 'The caller' }, [401]),
    }),
    (c) => {
      const p = c.var.principal;
      return c.json({ userId: p.userId, tenant: p.tenant, role: p.role, ...describeTenant(p.tenant) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/provinces',
      tags: ['tenants'],
      summary: 'List provinces',
      security: bearer,
      middleware: guard(deps, 'platform_admin'),
      responses: responses({ 200: 'Provinces' }, [401, 403]),
    }),
    async (c) => c.json({ items: await s.directory.listProvinces() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/provinces',
      tags: ['tenants'],
      summary: 'Create a province (platform admin)',
      security: bearer,
      middleware: guard(deps, 'platform_admin'),
      request: { body: jsonBody(createTenantBody) },
      responses: responses({ 201: 'Created' }, [400, 401, 403, 409]),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const actor = c.var.principal.userId;
      const province = await s.directory.createProvince(actor, body.id, body.name);
      const admin =
        body.admin === undefined
          ? null
          : await s.users.create(actor, provinceKey(body.id), { ...body.admin, role: 'province_admin' });
      return c.json({ ...province, admin }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/cities',
      tags: ['tenants'],
      summary: 'List the cities of the caller’s province',
      security: bearer,
      middleware: guard(deps, ...tenantRoles),
      responses: responses({ 200: 'Cities' }, [401, 403]),
    }),
    async (c) => {
      const ref = describeTenant(c.var.principal.tenant);
      // A city sees no siblings: its list is empty by construction, not filtered.
      if (ref.level !== 'province') return c.json({ items: [] }, 200);
      return c.json({ items: await s.directory.listCities(ref.province) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/cities',
      tags: ['tenants'],
      summary: 'Create a city in the caller’s province (province admin)',
      security: bearer,
      middleware: guard(deps, 'province_admin'),
      request: { body: jsonBody(createTenantBody) },
      responses: responses({ 201: 'Created' }, [400, 401, 403, 409]),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const province = tenantId(c.var.principal.tenant);
      const actor = c.var.principal.userId;
      const city = await s.directory.createCity(actor, province, body.id, body.name);
      const admin =
        body.admin === undefined
          ? null
          : await s.users.create(actor, cityKey(province, body.id), { ...body.admin, role: 'city_admin' });
      return c.json({ ...city, admin }, 201);
    },
  );
  return app;
}
