import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { CryptoKey } from 'jose';
import { NotFoundError } from '../../domain/errors.ts';
import { isRole } from '../../domain/roles.ts';
import { parseTenantKey } from '../../domain/tenant-key.ts';
import type { UserRepository } from '../../store/user-repository.ts';
import type { DevUser } from '../app-deps.ts';
import { signDevToken } from '../auth/dev-tokens.ts';
import { jsonBody, responses } from '../route-kit.ts';

/** Local mode only: the demo users and a login that signs a token with the dev key. */
export function devRoutes(
  dev: { signingKey: CryptoKey; users: readonly DevUser[] },
  users: UserRepository,
): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/dev/users',
      tags: ['dev'],
      summary: 'Demo users (local mode only)',
      responses: responses({ 200: 'Demo users' }, []),
    }),
    (c) => c.json({ items: dev.users }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/dev/login',
      tags: ['dev'],
      summary: 'A token for a demo user, or for a user added to `tenant` (local mode only)',
      request: {
        body: jsonBody(
          z.strictObject({ user: z.string().min(1).max(64), tenant: z.string().min(1).max(80).optional() }),
        ),
      },
      responses: responses({ 200: 'The token' }, [400, 404]),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const notFound = new NotFoundError({ zh: '用户', en: 'User' });
      if (body.tenant !== undefined) {
        // A user someone added through POST /api/users: the record in that tenant decides the role.
        const tenant = parseTenantKey(body.tenant);
        const record = tenant === null ? null : await users.get(tenant, body.user);
        if (tenant === null || record === null) throw notFound;
        const token = await signDevToken(dev.signingKey, {
          userId: record.userId,
          tenant,
          role: record.role,
        });
        return c.json({ token, user: record }, 200);
      }
      const found = dev.users.find((candidate) => candidate.userId === body.user);
      const tenant = found === undefined ? null : parseTenantKey(found.tenant);
      if (found === undefined || tenant === null || !isRole(found.role)) throw notFound;
      const token = await signDevToken(dev.signingKey, { userId: found.userId, tenant, role: found.role });
      return c.json({ token, user: found }, 200);
    },
  );
  return app;
}
