import { beforeAll, describe, expect, it } from 'vitest';
import { assessmentDepsOf, createAssessmentServices } from '../../../functions/api/assessment-services.ts';
import { createServices } from '../../../functions/api/services.ts';
import { cityKey, provinceKey } from '../../../functions/domain/tenant-key.ts';
import { loadDemoAssessments } from '../../../functions/local/demo-data/demo-assessments.ts';
import { loadDemoData } from '../../../functions/local/demo-data/load-demo.ts';
import { createTestApi, type TestApi } from '../../support/api-harness.ts';
import { useTestTable } from '../../support/test-table.ts';

describe('demo assessments', () => {
  const table = useTestTable();
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi(table);
  });

  it('loads three years of history and finished runs for the province and both cities, once', async () => {
    const services = createServices(api.deps);
    const assessment = createAssessmentServices(assessmentDepsOf(services));
    await loadDemoData(services, 'examples');

    const first = await loadDemoAssessments(services, assessment);
    const second = await loadDemoAssessments(services, assessment);

    expect(first.records).toBeGreaterThan(20_000);
    expect(first.runs.length).toBeGreaterThanOrEqual(12);
    expect(first.runs.every((run) => run.status === 'finished')).toBe(true);
    expect(second).toEqual({ records: 0, runs: [] });
    const periods = first.runs.filter((run) => run.tenant === provinceKey('demo') && run.ruleSet === 'units');
    expect(periods.map((run) => [run.period, run.version])).toEqual([
      ['2023', 1],
      ['2024', 1],
      ['2025', 2],
    ]);
    const dongzhou = await assessment.runs.listRuns(cityKey('demo', 'dongzhou'));
    expect(
      dongzhou
        .filter((run) => run.status === 'finished')
        .map((run) => run.request.period)
        .sort(),
    ).toEqual(['2023', '2024', '2025']);
    const cadreRuns = (await assessment.runs.listRuns(provinceKey('demo'))).filter(
      (run) => run.subjectKind === 'cadre',
    );
    expect(cadreRuns.length).toBe(3);
  }, 240_000);
});
