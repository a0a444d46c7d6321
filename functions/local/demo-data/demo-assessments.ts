import {
  type AssessmentServices,
  assessmentDepsOf,
  createAssessmentServices,
} from '../../api/assessment-services.ts';
import type { Services } from '../../api/services.ts';
import { demoCadreFields, demoForceMajeure, demoUnitFields } from '../../domain/demo-history/demo-fields.ts';
import type { DemoSubject } from '../../domain/demo-history/history-generator.ts';
import { loadDemoHistory } from '../../domain/demo-history/load-history.ts';
import { createRun, executeRun } from '../../domain/scoring/scoring-run.ts';
import { cityKey, provinceKey, type TenantKey } from '../../domain/tenant-key.ts';
import { demoCities, demoProvince } from './demo-users.ts';

/** The demo's history spans three years; the 2024 rules also score 2023 so 2024 has a `previous`. */
export const demoYears = ['2023', '2024', '2025'] as const;

export interface DemoAssessmentReport {
  readonly records: number;
  readonly runs: readonly {
    readonly tenant: TenantKey;
    readonly ruleSet: string;
    readonly version: number;
    readonly period: string;
    readonly status: string;
  }[];
}

/**
 * Gives 示范省 and its cities three years of monthly observations (one import batch per year) and finished
 * scoring runs: each unit rule set for 2023–2025 (version 1 for the years before its latest version), then
 * each cadre rule set, so results, profiles, heat maps and dry-runs have data from the first start.
 * Idempotent: years already imported and periods already scored are skipped.
 */
export async function loadDemoAssessments(s: Services, a: AssessmentServices): Promise<DemoAssessmentReport> {
  const tenants = [
    provinceKey(demoProvince.id),
    ...demoCities.map((city) => cityKey(demoProvince.id, city.id)),
  ];
  let records = 0;
  for (const tenant of tenants) {
    const units: DemoSubject[] = (await a.subjects(tenant, 'unit', {})).map(({ id, category }) => ({
      id,
      kind: 'unit',
      category,
    }));
    const cadres: DemoSubject[] = (await a.subjects(tenant, 'cadre', {})).map(({ id, category, unitId }) => ({
      id,
      kind: 'cadre',
      category,
      ...(unitId === undefined ? {} : { unitId }),
    }));
    const options = {
      from: `${demoYears[0]}-01`,
      to: `${demoYears[demoYears.length - 1]}-12`,
      forceMajeure: demoForceMajeure,
    };
    records += (
      await loadDemoHistory(a.observations, tenant, units, demoUnitFields, {
        ...options,
        seed: `${tenant}:units`,
        label: 'units',
      })
    ).records;
    records += (
      await loadDemoHistory(a.observations, tenant, cadres, demoCadreFields, {
        ...options,
        seed: `${tenant}:cadres`,
        label: 'cadres',
      })
    ).records;
  }

  const runs: DemoAssessmentReport['runs'][number][] = [];
  for (const kind of ['unit', 'cadre'] as const) {
    for (const tenant of tenants) {
      const existing = await a.runs.listRuns(tenant);
      for (const draft of await s.ruleSets.listDrafts(tenant)) {
        if (draft.headVersion === 0) continue;
        const ruleSet = await a.publishedRuleSet(tenant, draft.id, draft.headVersion);
        if (ruleSet.subjectKind !== kind || ruleSet.period !== 'annual') continue;
        for (const [index, period] of demoYears.entries()) {
          const version = index === demoYears.length - 1 ? draft.headVersion : 1;
          const done = existing.some(
            (run) =>
              run.request.ruleSetId === draft.id &&
              run.request.period === period &&
              run.status === 'finished',
          );
          if (done) continue;
          const run = await createRun(a.ports, tenant, 'demo-loader', {
            ruleSetId: draft.id,
            version,
            period,
            scope: {},
          });
          await executeRun(a.ports, tenant, run.runId);
          const finished = await a.runs.getRun(tenant, run.runId);
          runs.push({ tenant, ruleSet: draft.id, version, period, status: finished?.status ?? 'unknown' });
        }
      }
    }
  }
  return { records, runs };
}

/**
 * `npm start` runs this after the server listens, so the API answers at once while the demo's history and
 * runs fill in (a minute or so on a first start; nothing on later starts).
 */
export function loadDemoAssessmentsInBackground(s: Services, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  return loadDemoAssessments(s, createAssessmentServices(assessmentDepsOf(s)))
    .then((report) => {
      if (report.records === 0 && report.runs.length === 0) return;
      log(
        `Demo history: ${report.records} monthly records, ${report.runs.length} finished runs (${Date.now() - started} ms)`,
      );
    })
    .catch((error: unknown) =>
      log(`Demo history could not be loaded: ${error instanceof Error ? error.message : String(error)}`),
    );
}
