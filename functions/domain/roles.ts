import type { TenantKey, TenantLevel } from './tenant-key.ts';
import { tenantLevel } from './tenant-key.ts';

export const roles = [
  'platform_admin',
  'province_admin',
  'city_admin',
  'assessor',
  'auditor',
  'viewer',
] as const;
export type Role = (typeof roles)[number];

/** Which tenant levels a role can belong to; a token whose pair does not fit is rejected. */
const levelsOf: Readonly<Record<Role, readonly TenantLevel[]>> = {
  platform_admin: ['platform'],
  province_admin: ['province'],
  city_admin: ['city'],
  assessor: ['province', 'city'],
  auditor: ['province', 'city'],
  viewer: ['province', 'city'],
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function roleFitsTenant(role: Role, tenant: TenantKey): boolean {
  return levelsOf[role].includes(tenantLevel(tenant));
}

/** The caller, from a verified token only. */
export interface Principal {
  readonly userId: string;
  readonly tenant: TenantKey;
  readonly role: Role;
}

/** Roles that administer a tenant's own data. */
export const adminRoles: readonly Role[] = ['province_admin', 'city_admin'];
/** Every role that works inside a province or city. */
export const tenantRoles: readonly Role[] = ['province_admin', 'city_admin', 'assessor', 'auditor', 'viewer'];
