import { aggregateField, type CatalogField, type SubjectInput } from '../../../dsl/index.ts';

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
  const series = (name: string): (number | boolean | string)[] => {
    const out: (number | boolean | string)[] = [];
    for (const month of months) {
      const value = month[name];
      if (value !== undefined) out.push(value);
    }
    return out;
  };
  const numbers = (name: string): number[] => series(name).filter((v): v is number => typeof v === 'number');
  const values: Record<string, number | boolean | string | null> = {};
  for (const field of catalog) {
    if (field.level !== subject.kind) continue;
    values[field.name] = aggregateField(field, series(field.name), numbers);
  }
  return {
    id: subject.id,
    kind: subject.kind,
    category: subject.category,
    ...(subject.unitId === undefined ? {} : { group: subject.unitId }),
    values,
    ...(previous === undefined ? {} : { previous }),
  };
}
