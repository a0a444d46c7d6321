import type { CompiledRuleSet } from '../../../dsl/index.ts';
import type { TenantKey } from '../tenant-key.ts';
import { inputsFor, readPeriodData } from './period-data.ts';
import type { RunScope } from './run-model.ts';
import type { RunPorts } from './run-ports.ts';

export interface MonthlyCell {
  readonly month: string;
  /** Null where the subject had no observation that month. */
  readonly total: number | null;
  readonly dimensions: Readonly<Record<string, number>>;
}

export interface MonthlyRow {
  readonly subjectId: string;
  readonly category: string;
  readonly cells: readonly MonthlyCell[];
}

/**
 * Each subject's score month by month under a rule set, reading each month's data alone: the data of the
 * unit × month heat map. Indicators with no data that month follow their missing-data policy.
 */
export async function monthlyScores(
  ports: Pick<RunPorts, 'subjects' | 'observations' | 'scoreSubject'>,
  tenant: TenantKey,
  ruleSet: CompiledRuleSet,
  year: number,
  scope: RunScope,
): Promise<{ months: string[]; rows: MonthlyRow[] }> {
  const months = Array.from({ length: 12 }, (_, index) => `${year}-${String(index + 1).padStart(2, '0')}`);
  const byMonth: { month: string; cells: Map<string, MonthlyCell> }[] = [];
  let subjects: readonly { id: string; category: string }[] = [];
  for (const [index, month] of months.entries()) {
    const data = await readPeriodData(ports, tenant, ruleSet.subjectKind, scope, {
      kind: 'monthly',
      year,
      month: index + 1,
    });
    subjects = data.subjects;
    const cells = new Map<string, MonthlyCell>();
    for (const input of inputsFor(ruleSet, data)) {
      if (!data.monthly.has(input.id)) {
        cells.set(input.id, { month, total: null, dimensions: {} });
        continue;
      }
      const result = ports.scoreSubject(ruleSet, input);
      cells.set(input.id, { month, total: result.total, dimensions: result.dimensions });
    }
    byMonth.push({ month, cells });
  }
  return {
    months,
    rows: subjects.map((subject) => ({
      subjectId: subject.id,
      category: subject.category,
      cells: byMonth.map(
        ({ month, cells }) => cells.get(subject.id) ?? { month, total: null, dimensions: {} },
      ),
    })),
  };
}
