import { describe, expect, it } from 'vitest';
import { demoForceMajeure, demoUnitFields } from '../../../functions/domain/demo-history/demo-fields.ts';
import { generateHistory } from '../../../functions/domain/demo-history/history-generator.ts';
import { loadDemoHistory } from '../../../functions/domain/demo-history/load-history.ts';
import { cityKey } from '../../../functions/domain/tenant-key.ts';
import { observationRepository } from '../../../functions/store/observation-repository.ts';
import { sharedTenantTables } from '../../../functions/store/tenant-tables.ts';
import { useTestTable } from '../../support/test-table.ts';

const tenant = cityKey('demo', 'qingshan');
const subjects = Array.from({ length: 30 }, (_, index) => ({
  id: `u${index}`,
  kind: 'unit' as const,
  category: ['窗口服务类', '执法监管类', '综合管理类'][index % 3] as string,
}));
const options = { seed: 7, from: '2023-01', to: '2024-12', forceMajeure: demoForceMajeure };

describe('loadDemoHistory', () => {
  const table = useTestTable();

  it('stores every generated value, one committed batch per year, and skips years already loaded', async () => {
    const repo = observationRepository(sharedTenantTables(table));

    const first = await loadDemoHistory(repo, tenant, subjects, demoUnitFields, options);
    const again = await loadDemoHistory(repo, tenant, subjects, demoUnitFields, options);

    expect(first).toEqual({ years: 2, records: 30 * 24 });
    expect(again.records).toBe(0);
    const batches = await repo.listBatches(tenant);
    expect(batches.map((batch) => [batch.batchKey, batch.status])).toEqual([
      ['demo-history-2023', 'committed'],
      ['demo-history-2024', 'committed'],
    ]);
    const expected = [...generateHistory(subjects, demoUnitFields, options)].filter(
      (observation) => observation.period === '2024-12' && observation.subjectId === 'u4',
    );
    const stored = (await repo.readPeriod(tenant, '2024-12')).find((entry) => entry.subjectId === 'u4');
    expect(stored?.values).toEqual(Object.fromEntries(expected.map((o) => [o.field, o.value])));
  });
});
