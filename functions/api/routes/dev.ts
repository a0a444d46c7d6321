import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { CryptoKey } from 'jose';
import { NotFoundError } from '../../domain/errors.ts';
import { isRole } from '../../domain/roles.ts';
import { parseTenantKey } from '../../domain/tenant-key.ts';
import type { DevUser } from '../app-deps.ts';
import { signDevToken } from '../auth/dev-tokens.ts';
import { jsonBody, responses } from '../route-kit.ts';

/** Local mode only: the demo users and a login that signs a token with the dev key. */
export function devRoutes(dev: { signingKey: CryptoKey; users: readonly DevUser[] }): OpenAPIHono {
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
      summary: 'A token for a demo user (local mode only)',
      request: { body: jsonBody(z.strictObject({ user: z.string().min(1).max(64) })) },
      responses: responses({ 200: 'The token' }, [400, 404]),
    }),
    async (c) => {
      const { user } = c.req.valid('json');
      const found = dev.users.find((candidate) => candidate.userId === user);
      const tenant = found === undefined ? null : parseTenantKey(found.tenant);
      if (found === undefined || tenant === null || !isRole(found.role))
        throw new NotFoundError({ zh: '演示用户', en: 'Demo user' });
      const token = await signDevToken(dev.signingKey, { userId: found.userId, tenant, role: found.role });
      return c.json({ token, user: found }, 200);
    },
  );
  return app;
}
