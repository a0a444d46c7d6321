import type { CompiledRuleSet, SubjectInput } from '../../../dsl/index.ts';
import type { TenantKey } from '../tenant-key.ts';
import { type AssessmentPeriod, monthsOf } from './assessment-period.ts';
import type { RunScope } from './run-model.ts';
import type { RunPorts } from './run-ports.ts';
import { buildSubjectInput, type MonthlyValues, type RunSubject } from './subject-inputs.ts';

/** The subjects of a period and each one's monthly observations, read once for any number of rule sets. */
export interface PeriodData {
  readonly subjects: readonly RunSubject[];
  readonly monthly: ReadonlyMap<string, readonly MonthlyValues[]>;
}

/** Reads every month of the period once (the expensive part of a run or a dry-run). */
export async function readPeriodData(
  ports: Pick<RunPorts, 'subjects' | 'observations'>,
  tenant: TenantKey,
  kind: 'unit' | 'cadre',
  scope: RunScope,
  period: AssessmentPeriod,
): Promise<PeriodData> {
  const subjects = [...(await ports.subjects(tenant, kind, scope))].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  const wanted = new Set(subjects.map((subject) => subject.id));
  const monthly = new Map<string, MonthlyValues[]>();
  for (const month of monthsOf(period)) {
    for (const observation of await ports.observations(tenant, month)) {
      if (!wanted.has(observation.subjectId)) continue;
      const list = monthly.get(observation.subjectId);
      if (list === undefined) monthly.set(observation.subjectId, [observation.values]);
      else list.push(observation.values);
    }
  }
  return { subjects, monthly };
}

/** Each subject's inputs as one rule set reads them (its own catalog decides the aggregation). */
export function inputsFor(
  ruleSet: CompiledRuleSet,
  data: PeriodData,
  previous: ReadonlyMap<string, NonNullable<SubjectInput['previous']>> = new Map(),
): SubjectInput[] {
  return data.subjects.map((subject) =>
    buildSubjectInput(subject, ruleSet.catalog, data.monthly.get(subject.id) ?? [], previous.get(subject.id)),
  );
}
