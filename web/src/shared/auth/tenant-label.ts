import type { SessionUser } from './session.ts';

/** A person-readable tenant: its name when known, otherwise the key without the `T#` prefix. */
export function tenantLabel(user: Pick<SessionUser, 'tenant' | 'tenantName'>): string {
  if (user.tenantName !== undefined && user.tenantName !== '') return user.tenantName;
  const body = user.tenant.startsWith('T#') ? user.tenant.slice(2) : user.tenant;
  return body.split('#').join(' / ');
}
