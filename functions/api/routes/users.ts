import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { BadRequestError } from '../../domain/errors.ts';
import { roleFitsTenant, roles } from '../../domain/roles.ts';
import type { AuthEnv } from '../auth/middleware.ts';
import {
  bearer,
  cursorSchema,
  guard,
  idSchema,
  jsonBody,
  limitSchema,
  nameSchema,
  responses,
} from '../route-kit.ts';
import type { Services } from '../services.ts';

const createUserBody = z
  .strictObject({ userId: idSchema, name: nameSchema, role: z.enum(roles) })
  .openapi('CreateUser');
const admins = ['platform_admin', 'province_admin', 'city_admin'] as const;

/** `/api/users`: the people of the caller's own tenant (administrators only). */
export function userRoutes(s: Services): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags: ['users'],
      summary: 'List the users of the caller’s tenant',
      security: bearer,
      middleware: guard(s.deps, ...admins),
      request: { query: z.strictObject({ limit: limitSchema, cursor: cursorSchema }) },
      responses: responses({ 200: 'A page of users' }),
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await s.users.list(c.var.principal.tenant, q.limit, q.cursor), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/users',
      tags: ['users'],
      summary: 'Add a user to the caller’s tenant',
      security: bearer,
      middleware: guard(s.deps, ...admins),
      request: { body: jsonBody(createUserBody) },
      responses: responses({ 201: 'Created' }, [400, 401, 403, 409]),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const tenant = c.var.principal.tenant;
      if (!roleFitsTenant(body.role, tenant)) {
        throw new BadRequestError('role_not_allowed', {
          zh: `角色 ${body.role} 不能属于当前租户`,
          en: `Role ${body.role} cannot belong to this tenant`,
        });
      }
      return c.json(await s.users.create(c.var.principal.userId, tenant, body), 201);
    },
  );
  return app;
}
