import { readFileSync } from 'node:fs';
import type { RunSubject } from '../../functions/domain/scoring/subject-inputs.ts';
import type { TenantKey } from '../../functions/domain/tenant-key.ts';
import type { TableRef } from '../../functions/store/dynamo-client.ts';
import { observationRepository } from '../../functions/store/observation-repository.ts';
import { sharedTenantTables } from '../../functions/store/tenant-tables.ts';

/** The DSL's small slice rule set (test/dsl/fixtures/slice.kp) and a year of data it reads. */
export const sliceSource = readFileSync(new URL('../dsl/fixtures/slice.kp', import.meta.url), 'utf8');

const categories = ['窗口服务类', '执法监管类'];
export const sliceSubjects: RunSubject[] = Array.from({ length: 230 }, (_, index) => ({
  id: `u${String(index).padStart(3, '0')}`,
  kind: 'unit',
  category: categories[index % 2] as string,
}));
export const sliceMonths = Array.from(
  { length: 12 },
  (_, index) => `2024-${String(index + 1).padStart(2, '0')}`,
);

/** Subject u017 has a serious incident in May (a veto); every 40th unit has innovation cases (a bonus). */
export function sliceMonthValues(subjectIndex: number, month: number): Record<string, number> {
  const wobble = (subjectIndex * 7 + month * 3) % 11;
  return {
    理论学习完成率: 82 + ((subjectIndex + month) % 18),
    办结天数: 5 + wobble * 2.5,
    热线解决率: 70 + ((subjectIndex * 3 + month) % 26),
    未回应投诉: (subjectIndex + month) % 5 === 0 ? 1 : 0,
    违纪问题数: subjectIndex === 17 && month === 4 ? 2 : 0,
    创新案例数: subjectIndex % 40 === 0 && month === 11 ? 2 : 0,
  };
}

/** Imports the year of observations as one committed batch. */
export async function seedSliceHistory(table: TableRef, tenant: TenantKey): Promise<void> {
  const repo = observationRepository(sharedTenantTables(table));
  const begun = await repo.begin(tenant, { batchKey: 'history-2024', source: 'demo', actor: 'test' });
  const rows = sliceSubjects.flatMap((subject, index) =>
    sliceMonths.map((period, month) => ({
      subjectId: subject.id,
      period,
      values: sliceMonthValues(index, month),
    })),
  );
  await repo.append(tenant, begun.batch, rows);
  await repo.commit(tenant, begun.batch, { records: rows.length, digest: 'test', periods: sliceMonths });
}
