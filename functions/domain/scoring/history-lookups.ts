import type { TenantKey } from '../tenant-key.ts';
import type { RunRecord, StoredResult } from './run-model.ts';
import type { RunPorts } from './run-ports.ts';

/** What the lookups read: the tenant's runs and a run's final results. */
export interface RunHistory {
  listRuns(tenant: TenantKey): Promise<RunRecord[]>;
  loadResults(tenant: TenantKey, runId: string): Promise<StoredResult[]>;
}

/** The newest finished run of a period and subject kind, preferring runs of the given rule set. */
export async function latestFinishedRun(
  history: RunHistory,
  tenant: TenantKey,
  period: string,
  kind: 'unit' | 'cadre',
  ruleSetId?: string,
): Promise<RunRecord | null> {
  const finished = (await history.listRuns(tenant))
    .filter((run) => run.status === 'finished' && run.request.period === period && run.subjectKind === kind)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return finished.find((run) => run.request.ruleSetId === ruleSetId) ?? finished[0] ?? null;
}

/**
 * The run ports that read earlier results: `previous.x` (作风进步奖) from the previous period's run, and the
 * units' own grades for cadre quotas that depend on them.
 */
export function historyLookups(
  history: RunHistory,
): Required<Pick<RunPorts, 'previousResults' | 'groupGrades'>> {
  return {
    async previousResults(tenant, ruleSetId, kind, period) {
      const run = await latestFinishedRun(history, tenant, period, kind, ruleSetId);
      if (run === null) return new Map();
      return new Map(
        (await history.loadResults(tenant, run.runId)).map((result) => [
          result.subjectId,
          {
            total: result.total,
            grade: result.grade,
            dimensions: result.dimensions,
            ...(result.indicatorScores === undefined ? {} : { indicators: result.indicatorScores }),
          },
        ]),
      );
    },
    async groupGrades(tenant, period) {
      const run = await latestFinishedRun(history, tenant, period, 'unit');
      const grades = new Map<string, string>();
      if (run === null) return grades;
      for (const result of await history.loadResults(tenant, run.runId)) {
        if (result.grade !== null) grades.set(result.subjectId, result.grade);
      }
      return grades;
    },
  };
}
