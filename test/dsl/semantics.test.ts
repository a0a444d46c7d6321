import { describe, expect, it } from 'vitest';
import {
  aggregateField,
  type CatalogField,
  compile,
  type SubjectInput,
  scorePopulation,
  scoreSubject,
} from '../../dsl/index.ts';
import { ruleSet } from './support/source.ts';

const build = (text: string) => {
  const r = compile(text);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics.map((d) => d.message.en)));
  return r.ruleSet;
};
const subject = (values: SubjectInput['values'], extra: Partial<SubjectInput> = {}): SubjectInput => ({
  id: 's',
  kind: 'unit',
  category: '甲类',
  values,
  ...extra,
});

describe('evaluation semantics', () => {
  it('treats missing values with three-valued logic: false and missing is false, true or missing is true', () => {
    const rs = build(
      ruleSet(
        'bonus B1 when z and x > 200 give 1 "r"\nbonus B2 when z or x > 50 give 1 "r"\nveto V when z and y > 0 grade 较差 "r"',
      ),
    );
    const r = scoreSubject(rs, subject({ x: 100, y: 0 }));
    expect(r.fired).toContain('B2');
    expect(r.fired).not.toContain('B1');
    expect(r.status).toBe('scored'); // y > 0 is false, so the veto is decided without z
    expect(scoreSubject(rs, subject({ x: 100, y: 1 })).status).toBe('needs_review');
  });

  it('applies the heaviest veto: no grade over set over cap', () => {
    const rs = build(
      ruleSet(
        'veto Cap when y >= 1 cap 良好 "r"\nveto Set when y >= 2 grade 一般 "r"\nveto None when y >= 3 nograde "r"',
      ),
    );
    const grade = (y: number) => scoreSubject(rs, subject({ x: 100, y })).grade;
    expect([grade(0), grade(1), grade(2), grade(3)]).toEqual(
      [null, '良好', '一般', null].map((g, i) => (i === 0 ? '优秀' : g)),
    );
    expect(scoreSubject(rs, subject({ x: 100, y: 3 })).status).toBe('no_grade');
  });

  it('caps each rule and the deduction tier, in source order', () => {
    const rs = build(
      ruleSet('deduction P1 cap 6 each y take 4 "甲"\ndeduction P2 each y take 5 "乙"').replace(
        'scale base 100',
        'scale base 100 deduction 10',
      ),
    );
    const r = scoreSubject(rs, subject({ x: 100, y: 3 }));
    expect(r.trace.filter((e) => e.kind === 'deduction').map((e) => e.points)).toEqual([-6, -4]);
    expect(r.total).toBe(75); // D scores 0 for y > 0: 100 − 15 − 10
  });

  it('reads previous results and treats absent history as missing', () => {
    const rs = build(ruleSet('bonus 进步 when previous.total < 80 and x >= 90 give 2 "作风进步"'));
    expect(
      scoreSubject(rs, subject({ x: 95, y: 0 }, { previous: { total: 70, grade: '一般', dimensions: {} } }))
        .fired,
    ).toContain('进步');
    expect(scoreSubject(rs, subject({ x: 95, y: 0 })).fired).not.toContain('进步');
  });

  it('carries a missing indicator forward from the previous period, or exempts it', () => {
    const rs = build(
      ruleSet().replace(
        'indicator C in 群众评价 { source x score linear 0 => 0, 100 => 100 }',
        'indicator C in 群众评价 { source w score lookup "好" => 100, else => 0 missing carry }\nindicator C2 in 群众评价 { source x score linear 0 => 0, 100 => 100 }',
      ),
    );
    const carried = scoreSubject(
      rs,
      subject(
        { x: 100, y: 0 },
        { previous: { total: 0, grade: null, dimensions: {}, indicators: { C: 50 } } },
      ),
    );
    expect(carried.dimensions.群众评价).toBe(18.75);
    expect(carried.trace.find((e) => e.ruleId === 'C')?.computation).toContain('沿用上期');
    expect(scoreSubject(rs, subject({ x: 100, y: 0 })).dimensions.群众评价).toBe(25);
  });

  it('applies grade-dependent quotas per group with a deterministic tie-break', () => {
    const rs = build(ruleSet('quota 优秀 { 优秀 => 50%, else => 25% }'));
    const members = (group: string, groupGrade: string) =>
      ['d', 'c', 'b', 'a'].map((id) =>
        subject({ x: 100, y: 0 }, { id: `${group}-${id}`, group, groupGrade }),
      );
    const results = scorePopulation(rs, [...members('g1', '优秀'), ...members('g2', '良好')]);
    const top = results.filter((r) => r.grade === '优秀').map((r) => r.subjectId);
    expect(top.sort()).toEqual(['g1-a', 'g1-b', 'g2-a']);
    expect(results.find((r) => r.subjectId === 'g2-b')?.quotaAdjusted?.to).toBe('良好');
    expect(results.map((r) => r.rank)).toEqual([4, 3, 2, 1, 4, 3, 2, 1]);
  });
});

describe('quota cascade', () => {
  it('applies quotas best grade first, whatever order they are declared in', () => {
    const rs = build(ruleSet('quota 优秀 25%').replace('良好 >= 80', '良好 >= 80 quota 25%'));
    const results = scorePopulation(
      rs,
      ['a', 'b', 'c', 'd'].map((id) => subject({ x: 100, y: 0 }, { id })),
    );
    expect(results.map((r) => [r.subjectId, r.grade])).toEqual([
      ['a', '优秀'],
      ['b', '良好'],
      ['c', '一般'],
      ['d', '一般'],
    ]);
  });
});

describe('subjects outside the rule set', () => {
  it('marks a subject of an unknown category for review', () => {
    const rs = build(ruleSet());
    const r = scoreSubject(rs, subject({ x: 100, y: 0 }, { category: '未知类' }));
    expect(r.status).toBe('needs_review');
    expect(r.total).toBe(100);
  });
});

describe('aggregateField', () => {
  const f = (
    type: CatalogField['type'],
    aggregation: CatalogField['aggregation'],
    extra: Partial<CatalogField> = {},
  ): CatalogField => ({
    name: 'f',
    type,
    source: 's',
    level: 'unit',
    aggregation,
    ...extra,
  });
  it.each([
    ['avg', [80, 90, 100], 90],
    ['sum', [1, 2, 3], 6],
    ['last', [1, 2, 3], 3],
    ['min', [5, 2, 9], 2],
    ['max', [5, 2, 9], 9],
  ] as const)('aggregates %s', (agg, values, expected) => {
    expect(aggregateField(f('number', agg), values)).toBe(expected);
  });
  it('computes a ratio from the sums of two count fields, as a percent', () => {
    const field = f('percent', 'ratio', { ratioOf: { numerator: '已解决回访', denominator: '有效回访' } });
    const lookup = (name: string) => (name === '已解决回访' ? [30, 47] : [40, 60]);
    expect(aggregateField(field, [], lookup)).toBe(77);
    expect(aggregateField(field, [], () => [])).toBeNull();
  });
  it('returns null when there is nothing to aggregate, and any-true for bool', () => {
    expect(aggregateField(f('count', 'sum'), [])).toBeNull();
    expect(aggregateField(f('bool', 'max'), [false, true, false])).toBe(true);
  });
});
