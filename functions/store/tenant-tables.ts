import type { TenantKey } from '../domain/tenant-key.ts';
import type { TableRef } from './dynamo-client.ts';

/**
 * Where a request for one tenant reads and writes. In AWS an implementation returns a client whose
 * credentials are scoped to that tenant's leading keys (STS AssumeRole with a `tenant` session tag);
 * locally every tenant shares one client and the repositories enforce the scope themselves.
 *
 * A province reading one of its cities asks for `forTenant(cityKey)`; the province's session may
 * read its own key and `T#<province>#*`.
 */
export interface TenantTables {
  forTenant(tenant: TenantKey): TableRef;
}

/** One client for every tenant: DynamoDB Local, tests, and the node server. */
export function sharedTenantTables(table: TableRef): TenantTables {
  return { forTenant: () => table };
}
