import { z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../domain/roles.ts';
import { tenantIdPattern } from '../domain/tenant-key.ts';
import type { AppDeps } from './app-deps.ts';
import { type AuthEnv, authenticate, requireRole } from './auth/middleware.ts';

/** Route middleware: a verified token, then one of the roles. */
export function guard(deps: AppDeps, ...roles: readonly Role[]): MiddlewareHandler<AuthEnv>[] {
  return [authenticate(deps.verifier), requireRole(...roles)];
}

export const bearer = [{ bearer: [] }];

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true } as const;
}

const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.object({ zh: z.string(), en: z.string() }),
    }),
  })
  .openapi('Error');

export function responses(success: Record<number, string>, errors: readonly number[] = [400, 401, 403, 404]) {
  const out: Record<
    number,
    { description: string; content?: { 'application/json': { schema: typeof errorBody } } }
  > = {};
  for (const [status, description] of Object.entries(success)) out[Number(status)] = { description };
  const texts: Record<number, string> = {
    400: 'Invalid request (validation, with field paths)',
    401: 'Missing, expired or invalid token',
    403: 'The role may not do this',
    404: 'Not found in the caller’s tenant',
    409: 'Conflict',
    412: 'Stale revision (If-Match)',
    413: 'Too large',
    422: 'Rules have errors or failing tests',
    428: 'If-Match required',
  };
  for (const status of errors)
    out[status] = {
      description: texts[status] ?? 'Error',
      content: { 'application/json': { schema: errorBody } },
    };
  return out;
}

export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, - and _ (max 64)');
export const tenantIdSchema = z
  .string()
  .regex(tenantIdPattern, 'lower-case letters, digits and - (2–32, letter first)');
export const nameSchema = z.string().trim().min(1).max(100);
export const limitSchema = z.coerce.number().int().min(1).max(200).default(50);
export const cursorSchema = z.string().min(1).max(4096).optional();
export const cityQuerySchema = tenantIdSchema.optional().openapi({
  description: 'A province reads one of its cities',
});
