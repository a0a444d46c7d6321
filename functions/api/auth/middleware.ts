import { createMiddleware } from 'hono/factory';
import { ForbiddenError, UnauthorizedError } from '../../domain/errors.ts';
import type { Principal, Role } from '../../domain/roles.ts';
import type { TokenVerifier } from './token-verifier.ts';

export interface AuthEnv {
  Variables: { principal: Principal };
}

/** Requires `Authorization: Bearer <jwt>` and puts the verified caller on the context. */
export function authenticate(verifier: TokenVerifier) {
  return createMiddleware<AuthEnv>(async function authenticateRequest(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header);
    if (match?.[1] === undefined) throw new UnauthorizedError();
    c.set('principal', await verifier.verify(match[1]));
    await next();
  });
}

/** Allows the route only to the listed roles; everyone else gets 403 (after authentication). */
export function requireRole(...allowed: readonly Role[]) {
  return createMiddleware<AuthEnv>(async function requireRoleOf(c, next) {
    if (!allowed.includes(c.var.principal.role)) throw new ForbiddenError();
    await next();
  });
}
