import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CompiledRuleSet, compile } from '../../../dsl/index.ts';
import { demoCadreFields, demoUnitFields } from '../../../functions/domain/demo-history/demo-fields.ts';
import { loadDemoHistory } from '../../../functions/domain/demo-history/load-history.ts';
import { historyLookups } from '../../../functions/domain/scoring/history-lookups.ts';
import { createRun, executeRun } from '../../../functions/domain/scoring/scoring-run.ts';
import type { RunSubject } from '../../../functions/domain/scoring/subject-inputs.ts';
import { cityKey } from '../../../functions/domain/tenant-key.ts';
import { observationRepository } from '../../../functions/store/observation-repository.ts';
import { runRepository } from '../../../functions/store/run-repository.ts';
import { sharedTenantTables } from '../../../functions/store/tenant-tables.ts';
import { runPortsFor } from '../../support/run-ports.ts';
import { useTestTable } from '../../support/test-table.ts';

const tenant = cityKey('demo', 'history');
const examples = new URL('../../../examples/demo-province/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, examples), 'utf8');
const categories = ['窗口服务类', '执法监管类', '综合管理类'];
const units: RunSubject[] = Array.from({ length: 45 }, (_, index) => ({
  id: `u${String(index).padStart(2, '0')}`,
  kind: 'unit',
  category: categories[index % 3] as string,
}));
const cadres: RunSubject[] = units.flatMap((unit) =>
  Array.from({ length: 4 }, (_, index) => ({
    id: `${unit.id}-c${index}`,
    kind: 'cadre' as const,
    category: unit.category,
    unitId: unit.id,
  })),
);

function compiled(name: string, catalog?: string): CompiledRuleSet {
  const result = compile(read(name), catalog === undefined ? {} : { catalog });
  if (!result.ok) throw new Error(`${name} does not compile`);
  return result.ruleSet;
}

describe('runs that read earlier runs', () => {
  const table = useTestTable();
  const store = () => runRepository(sharedTenantTables(table));
  let unitRules: CompiledRuleSet;
  let cadreRules: CompiledRuleSet;

  beforeAll(async () => {
    unitRules = compiled('units-2024.kp', read('catalog.kp'));
    cadreRules = compiled('cadres-2024.kp');
    const sink = observationRepository(sharedTenantTables(table));
    const options = { seed: 'history-test', from: '2023-01', to: '2024-12' };
    await loadDemoHistory(sink, tenant, units, demoUnitFields, options);
    await loadDemoHistory(sink, tenant, cadres, demoCadreFields, {
      ...options,
      seed: 'history-test-cadres',
    });
  });

  async function run(subjects: readonly RunSubject[], ruleSet: CompiledRuleSet, period: string) {
    const ports = runPortsFor(table, subjects, () => ruleSet, historyLookups(store()));
    const created = await createRun(ports, tenant, 'a', {
      ruleSetId: ruleSet.subjectKind,
      version: 1,
      period,
      scope: {},
    });
    await executeRun(ports, tenant, created.runId);
    return created.runId;
  }

  it('gives a 2024 run each unit’s 2023 result as `previous`, so 作风进步奖 can fire', async () => {
    const earlier = await run(units, unitRules, '2023');
    const later = await run(units, unitRules, '2024');

    const before = new Map(
      (await store().loadResults(tenant, earlier)).map((result) => [result.subjectId, result]),
    );
    const chunk = await store().loadChunk(tenant, later, 0);
    for (const input of chunk.inputs) {
      expect(input.previous).toMatchObject({
        total: before.get(input.id)?.total,
        grade: before.get(input.id)?.grade ?? null,
      });
    }
    const results = await store().loadResults(tenant, later);
    const progress = results.filter((result) => result.fired.includes('作风进步奖'));
    expect(progress.length).toBeGreaterThan(0);
    for (const result of progress) expect(before.get(result.subjectId)?.grade).toBe('一般');
  });

  it('gives a cadre run the grade of each cadre’s unit, for quotas that depend on it', async () => {
    await run(units, unitRules, '2024');
    const cadreRun = await run(cadres, cadreRules, '2024');

    const unitRun = (await store().listRuns(tenant)).find(
      (candidate) =>
        candidate.subjectKind === 'unit' &&
        candidate.request.period === '2024' &&
        candidate.status === 'finished',
    );
    const unitGrades = new Map(
      (await store().loadResults(tenant, unitRun?.runId ?? '')).map((result) => [
        result.subjectId,
        result.grade,
      ]),
    );
    const chunk = await store().loadChunk(tenant, cadreRun, 0);
    expect(chunk.inputs.length).toBeGreaterThan(0);
    for (const input of chunk.inputs) {
      expect(input.group).toBe(input.id.split('-')[0]);
      expect(input.groupGrade).toBe(unitGrades.get(input.group ?? '') ?? undefined);
    }
  });
});
