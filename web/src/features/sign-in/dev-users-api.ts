import { z } from 'zod';
import { apiFetch } from '../../shared/api/api-client.ts';
import { roles } from '../../shared/auth/roles.ts';
import type { SessionUser } from '../../shared/auth/session.ts';

// The backend's demo-user listing; field spellings are accepted in both forms (`userId`/`id`,
// `name`/`displayName`, `items`/`users`) so the sign-in page does not break on a rename.
const devUserSchema = z
  .looseObject({
    id: z.string().optional(),
    userId: z.string().optional(),
    user: z.string().optional(),
    name: z.string().optional(),
    displayName: z.string().optional(),
    tenant: z.string(),
    tenantName: z.string().optional(),
    description: z.string().optional(),
    role: z.enum(roles),
  })
  .transform((raw, context): SessionUser => {
    const id = raw.userId ?? raw.id ?? raw.user;
    if (id === undefined) {
      context.addIssue({ code: 'custom', message: 'a demo user has no id' });
      return z.NEVER;
    }
    const user: SessionUser = {
      id,
      name: raw.displayName ?? raw.name ?? id,
      tenant: raw.tenant,
      role: raw.role,
    };
    const withTenant = raw.tenantName === undefined ? user : { ...user, tenantName: raw.tenantName };
    return raw.description === undefined ? withTenant : { ...withTenant, description: raw.description };
  });

const devUsersSchema = z.union([
  z.array(devUserSchema),
  z.object({ items: z.array(devUserSchema) }),
  z.object({ users: z.array(devUserSchema) }),
]);
const loginSchema = z.object({ token: z.string().min(1) });

export type DevUser = SessionUser;

/** `GET /api/dev/users`: the demo users a local `npm start` offers. */
export async function fetchDevUsers(signal: AbortSignal): Promise<readonly DevUser[]> {
  const { data } = await apiFetch('/api/dev/users', { schema: devUsersSchema, signal });
  if (Array.isArray(data)) return data;
  return 'items' in data ? data.items : data.users;
}

/** `POST /api/dev/login {"user": id}` → a token signed with the local dev key. */
export async function devLogin(userId: string): Promise<string> {
  const { data } = await apiFetch('/api/dev/login', {
    method: 'POST',
    body: { user: userId },
    schema: loginSchema,
    endSessionOn401: false,
  });
  return data.token;
}
