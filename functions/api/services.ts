import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../domain/errors.ts';
import type { Principal } from '../domain/roles.ts';
import { cityKey, describeTenant, type TenantKey } from '../domain/tenant-key.ts';
import { auditLog } from '../store/audit-log.ts';
import { catalogRepository } from '../store/catalog-repository.ts';
import { createCursorCodec } from '../store/cursor.ts';
import { ruleSetRepository } from '../store/rule-set-repository.ts';
import { tenantDirectory } from '../store/tenant-directory.ts';
import { unitRepository } from '../store/unit-repository.ts';
import { userRepository } from '../store/user-repository.ts';
import { type AppDeps, type AppLimits, defaultLimits } from './app-deps.ts';

/** The repositories and settings the routes share, built once per app. */
export function createServices(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const cursors = createCursorCodec(deps.cursorSecret);
  const directory = tenantDirectory(deps.tables, now);
  return {
    deps,
    now,
    newId: randomUUID,
    limits: deps.limits ?? (defaultLimits satisfies AppLimits),
    directory,
    users: userRepository(deps.tables, cursors, now),
    units: unitRepository(deps.tables, cursors, now),
    catalog: catalogRepository(deps.tables, now),
    ruleSets: ruleSetRepository(deps.tables, now),
    audit: auditLog(deps.tables, cursors),
    /**
     * The tenant a read addresses: the caller's own, or (`?city=` from a province) one of its own cities.
     * Anything else — a city naming a city, an unknown city — is 404, never a hint that it exists.
     */
    async readTarget(principal: Principal, city: string | undefined): Promise<TenantKey> {
      if (city === undefined) return principal.tenant;
      const ref = describeTenant(principal.tenant);
      const notFound = new NotFoundError({ zh: `城市 ${city}`, en: `City ${city}` });
      if (ref.level !== 'province') throw notFound;
      if ((await directory.getCity(ref.province, city)) === null) throw notFound;
      return cityKey(ref.province, city);
    },
  };
}
export type Services = ReturnType<typeof createServices>;
