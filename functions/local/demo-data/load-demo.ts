import type { Services } from '../../api/services.ts';
import { ConflictError } from '../../domain/errors.ts';
import { isRole } from '../../domain/roles.ts';
import { cityKey, parseTenantKey, provinceKey } from '../../domain/tenant-key.ts';
import { demoOrganisation } from './demo-organisation.ts';
import { loadDemoRuleSets, type RuleSetLoadReport } from './demo-rule-sets.ts';
import { demoCities, demoProvince, demoUsers } from './demo-users.ts';

const loader = 'demo-loader';

async function ignoreExisting(step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}

export interface DemoLoadReport {
  readonly loaded: boolean;
  readonly units: number;
  readonly cadres: number;
  readonly ruleSets: RuleSetLoadReport;
}

/**
 * Loads 示范省 (two cities, ~60 units, ~600 cadres, demo users for every role, the example rule sets)
 * unless the province already exists. Every step tolerates a half-finished earlier run.
 */
export async function loadDemoData(s: Services, examplesDir: string): Promise<DemoLoadReport> {
  const provinces = await s.directory.listProvinces();
  if (provinces.some((p) => p.id === demoProvince.id)) {
    return { loaded: false, units: 0, cadres: 0, ruleSets: { published: [], skipped: [] } };
  }
  const province = provinceKey(demoProvince.id);
  await ignoreExisting(() => s.directory.createProvince(loader, demoProvince.id, demoProvince.name));
  for (const city of demoCities) {
    await ignoreExisting(() => s.directory.createCity(loader, demoProvince.id, city.id, city.name));
  }
  for (const user of demoUsers) {
    const tenant = parseTenantKey(user.tenant);
    const role = user.role;
    if (tenant === null || !isRole(role)) throw new Error(`bad demo user ${user.userId}`);
    await ignoreExisting(() =>
      s.users.create(loader, tenant, { userId: user.userId, name: user.name, role }),
    );
  }
  const tenants = [
    { key: province, name: '省', prefix: 'sz', seed: 2024 },
    ...demoCities.map((city, i) => ({
      key: cityKey(demoProvince.id, city.id),
      name: city.name,
      prefix: city.id.slice(0, 2),
      seed: 7 + i,
    })),
  ];
  let units = 0;
  let cadres = 0;
  await Promise.all(
    tenants.map(async (tenant) => {
      const org = demoOrganisation(tenant.name, tenant.prefix, tenant.seed, 7);
      await s.units.importRows(loader, tenant.key, { units: org.units }, `demo-units-${tenant.prefix}`);
      await s.units.importRows(loader, tenant.key, { cadres: org.cadres }, `demo-cadres-${tenant.prefix}`);
      units += org.units.length;
      cadres += org.cadres.length;
    }),
  );
  const ruleSets = await loadDemoRuleSets(s, examplesDir, loader);
  return { loaded: true, units, cadres, ruleSets };
}
