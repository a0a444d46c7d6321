import { aggregateMonths, type CatalogField, type SubjectInput } from '../../../dsl/index.ts';

export type MonthlyValues = Readonly<Record<string, number | boolean | string>>;

export interface RunSubject {
  readonly id: string;
  readonly kind: 'unit' | 'cadre';
  /** The unit category (a cadre takes its unit's). */
  readonly category: string;
  /** For cadres: the unit, which is also the quota group. */
  readonly unitId?: string;
}

/**
 * Turns a subject's monthly observations (in month order) into the period values a rule set reads,
 * aggregating each catalog field of the subject's level as the catalog declares.
 */
export function buildSubjectInput(
  subject: RunSubject,
  catalog: readonly CatalogField[],
  months: readonly MonthlyValues[],
  previous?: SubjectInput['previous'],
): SubjectInput {
  const values = aggregateMonths(catalog, subject.kind, months);
  return {
    id: subject.id,
    kind: subject.kind,
    category: subject.category,
    ...(subject.unitId === undefined ? {} : { group: subject.unitId }),
    values,
    ...(previous === undefined ? {} : { previous }),
  };
}
