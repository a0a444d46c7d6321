import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CompiledRuleSet, compile, scorePopulation } from '../../../dsl/index.ts';
import {
  demoCadreFields,
  demoForceMajeure,
  demoUnitFields,
} from '../../../functions/domain/demo-history/demo-fields.ts';
import {
  type DemoSubject,
  generateHistory,
} from '../../../functions/domain/demo-history/history-generator.ts';
import { buildSubjectInput } from '../../../functions/domain/scoring/subject-inputs.ts';

const examples = new URL('../../../examples/demo-province/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, examples), 'utf8');

function compiled(name: string, catalog?: string): CompiledRuleSet {
  const result = compile(read(name), catalog === undefined ? {} : { catalog });
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.diagnostics.slice(0, 2))}`);
  return result.ruleSet;
}

const categories = ['窗口服务类', '执法监管类', '综合管理类'];
const units: DemoSubject[] = Array.from({ length: 300 }, (_, index) => ({
  id: `unit-${index}`,
  kind: 'unit',
  category: categories[index % 3] as string,
}));

function yearInputs(
  ruleSet: CompiledRuleSet,
  subjects: readonly DemoSubject[],
  fields = demoUnitFields,
  year = '2024',
) {
  const monthly = new Map<string, Map<string, Record<string, number | boolean | string>>>();
  const history = generateHistory(subjects, fields, {
    seed: 'demo',
    from: `${year}-01`,
    to: `${year}-12`,
    forceMajeure: demoForceMajeure,
  });
  for (const observation of history) {
    const months = monthly.get(observation.subjectId) ?? new Map();
    const values = months.get(observation.period) ?? {};
    values[observation.field] = observation.value;
    months.set(observation.period, values);
    monthly.set(observation.subjectId, months);
  }
  return subjects.map((subject) =>
    buildSubjectInput(
      {
        id: subject.id,
        kind: subject.kind,
        category: subject.category,
        ...(subject.unitId === undefined ? {} : { unitId: subject.unitId }),
      },
      ruleSet.catalog,
      [...(monthly.get(subject.id)?.values() ?? [])],
    ),
  );
}

describe('demo history fields', () => {
  const catalog = read('catalog.kp');
  const units2024 = compiled('units-2024.kp', catalog);

  it('generates exactly the fields the demo catalog declares', () => {
    const generated = new Set(
      demoUnitFields.filter((field) => field.hidden !== true).map((field) => field.field),
    );
    const declared = units2024.catalog
      .filter((field) => field.aggregation !== 'ratio')
      .map((field) => field.name);

    expect([...generated].sort()).toEqual([...declared].sort());
  });

  it('generates exactly the cadre fields the cadre rule set declares', () => {
    const cadres = compiled('cadres-2024.kp');
    const declared = cadres.catalog.filter((field) => field.level === 'cadre').map((field) => field.name);

    expect(demoCadreFields.map((field) => field.field).sort()).toEqual([...declared].sort());
  });

  it('scores into a realistic spread under the 2024 unit rules: a capped 优秀 share, a few vetoes, no mass failure', () => {
    const results = scorePopulation(units2024, yearInputs(units2024, units));
    const share = (grade: string): number =>
      results.filter((result) => result.grade === grade).length / results.length;

    expect(share('优秀')).toBeGreaterThan(0.05);
    expect(share('优秀')).toBeLessThanOrEqual(0.2);
    expect(share('较差')).toBeLessThan(0.15);
    expect(results.filter((result) => result.vetoes.length > 0).length).toBeLessThan(20);
    const totals = results.map((result) => result.total);
    expect(Math.max(...totals) - Math.min(...totals)).toBeGreaterThan(10);
  });
});
