import { describe, expect, it } from 'vitest';
import type { DemoField } from '../../../functions/domain/demo-history/field-model.ts';
import {
  type DemoObservation,
  type DemoSubject,
  generateHistory,
  monthsBetween,
} from '../../../functions/domain/demo-history/history-generator.ts';

const fields: readonly DemoField[] = [
  {
    field: '12345满意率',
    level: 'unit',
    model: {
      kind: 'measure',
      low: 80,
      high: 100,
      typical: 0.85,
      better: 'higher',
      concentration: 6,
      decimals: 1,
    },
  },
  {
    field: '窗口平均等待时长',
    level: 'unit',
    categories: ['窗口服务类'],
    model: {
      kind: 'measure',
      low: 5,
      high: 45,
      typical: 0.3,
      better: 'lower',
      concentration: 4,
      decimals: 1,
    },
  },
  { field: '群众投诉未及时回应次数', level: 'unit', model: { kind: 'count', monthlyMean: 0.3 } },
  { field: '重大作风问题', level: 'unit', model: { kind: 'incident', monthlyProbability: 0.01 } },
  { field: '不可抗力', level: 'unit', model: { kind: 'force-majeure' } },
];

function units(count: number): DemoSubject[] {
  const categories = ['窗口服务类', '执法监管类', '综合管理类'];
  return Array.from({ length: count }, (_, index) => ({
    id: `u${index}`,
    kind: 'unit' as const,
    category: categories[index % 3] as string,
  }));
}

const options = {
  seed: 'demo',
  from: '2023-01',
  to: '2025-12',
  forceMajeure: [{ start: '2024-07', months: 2, share: 0.2 }],
};

function valuesOf(observations: readonly DemoObservation[], field: string): number[] {
  return observations.filter((o) => o.field === field).map((o) => Number(o.value));
}

describe('monthsBetween', () => {
  it('lists every month across year boundaries, inclusive', () => {
    expect(monthsBetween('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(monthsBetween('2023-01', '2025-12')).toHaveLength(36);
  });

  it('rejects a malformed month', () => {
    expect(() => monthsBetween('2023-1', '2024-01')).toThrow(/YYYY-MM/);
  });
});

describe('generateHistory', () => {
  it('gives the same observations for the same seed and different ones for another seed', () => {
    const first = [...generateHistory(units(30), fields, options)];
    const again = [...generateHistory(units(30), fields, options)];
    const other = [...generateHistory(units(30), fields, { ...options, seed: 'other' })];

    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('collects each field only for the categories it applies to', () => {
    const observations = [...generateHistory(units(30), fields, options)];
    const waitingSubjects = new Set(
      observations.filter((o) => o.field === '窗口平均等待时长').map((o) => o.subjectId),
    );

    expect(waitingSubjects.size).toBe(10);
    expect(observations.filter((o) => o.field === '12345满意率')).toHaveLength(30 * 36);
  });

  it('keeps measures in range and clustered near their typical level', () => {
    const observations = [...generateHistory(units(200), fields, options)];
    const satisfaction = valuesOf(observations, '12345满意率');
    const mean = satisfaction.reduce((sum, value) => sum + value, 0) / satisfaction.length;

    expect(Math.min(...satisfaction)).toBeGreaterThanOrEqual(80);
    expect(Math.max(...satisfaction)).toBeLessThanOrEqual(100);
    expect(mean).toBeGreaterThan(93);
    expect(mean).toBeLessThan(99);
  });

  it('makes incidents rare and flags force-majeure months only inside the event', () => {
    const observations = [...generateHistory(units(200), fields, options)];
    const incidents = observations.filter((o) => o.field === '重大作风问题' && o.value === true);
    const disrupted = observations.filter((o) => o.field === '不可抗力' && o.value === true);
    const disruptedUnits = new Set(disrupted.map((o) => o.subjectId));

    expect(incidents.length).toBeGreaterThan(0);
    expect(incidents.length / (200 * 36)).toBeLessThan(0.03);
    expect(new Set(disrupted.map((o) => o.period))).toEqual(new Set(['2024-07', '2024-08']));
    expect(disruptedUnits.size).toBeGreaterThan(15);
    expect(disruptedUnits.size).toBeLessThan(70);
  });

  it('lets a few units improve markedly from one year to the next', () => {
    const observations = [...generateHistory(units(300), fields, { ...options, improvingShare: 0.1 })];
    const yearlyMean = (subjectId: string, year: string): number => {
      const values = observations
        .filter((o) => o.subjectId === subjectId && o.field === '12345满意率' && o.period.startsWith(year))
        .map((o) => Number(o.value));
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    };
    const gains = units(300).map((unit) => yearlyMean(unit.id, '2025') - yearlyMean(unit.id, '2023'));
    const marked = gains.filter((gain) => gain > 3).length;

    expect(marked).toBeGreaterThan(5);
    expect(marked).toBeLessThan(90);
  });

  it('streams: the first observation arrives without generating the rest', () => {
    const many = units(100_000);
    const iterator = generateHistory(many, fields, options);

    const first = iterator.next();

    expect(first.done).toBe(false);
    expect(first.value).toMatchObject({ subjectId: 'u0', period: '2023-01' });
  });
});
