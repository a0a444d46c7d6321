import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyPopulation,
  check,
  compile,
  contentHash,
  KEYWORD_PAIRS,
  runTests,
  type SubjectInput,
  scorePopulation,
  scoreSubject,
} from '../../dsl/index.ts';

const slice = readFileSync(new URL('./fixtures/slice.kp', import.meta.url), 'utf8');
const compiled = () => {
  const r = compile(slice, { fileName: 'slice.kp' });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.ruleSet;
};
const unit = (id: string, values: SubjectInput['values'], category = '窗口服务类'): SubjectInput => ({
  id,
  kind: 'unit',
  category,
  values,
});

describe('compile', () => {
  it('describes the rule set: header, dimensions, indicators, rules, grades, tests', () => {
    const rs = compiled();
    expect(rs.name).toBe('切片测试');
    expect(rs.subjectKind).toBe('unit');
    expect(rs.period).toBe('annual');
    expect(rs.hash).toBe(contentHash(slice));
    expect(rs.dimensions.map((d) => [d.name, d.weight, d.locked])).toEqual([
      ['政治建设', 30, true],
      ['履职效能', 30, false],
      ['群众评价', 25, false],
      ['廉洁自律', 15, false],
    ]);
    expect(rs.grades).toEqual(['优秀', '良好', '一般', '较差']);
    expect(rs.categories).toEqual(['窗口服务类', '执法监管类']);
    expect(rs.rules.filter((r) => r.kind === 'veto').map((r) => r.id)).toEqual(['严重违纪']);
    expect(rs.catalog.find((f) => f.name === '热线解决率')).toMatchObject({
      type: 'percent',
      source: '12345热线',
      aggregation: 'avg',
      level: 'unit',
    });
    expect(rs.tests.map((t) => t.name)).toEqual(['满分窗口单位', '投诉扣分', '一票否决']);
  });

  it('returns the cached rule set for the same source', () => {
    expect(compiled()).toBe(compiled());
  });

  it('reports errors as values with a line and column, never throwing', () => {
    const r = compile(slice.replace('weight 15%', 'weight 10%'));
    expect(r.ok).toBe(false);
    expect(r.diagnostics.find((d) => d.code === 'KP401')?.message.zh).toContain('95');
  });
});

describe('check', () => {
  it('suggests the closest name for an unknown field', () => {
    const ds = check(slice.replace('source 热线解决率', 'source 热线解决律'));
    const d = ds.find((x) => x.code === 'KP301');
    expect(d?.hint?.zh).toContain('热线解决率');
    expect(d?.range.start.line).toBe(22);
  });
});

describe('scoreSubject', () => {
  it('scores, explains in Chinese, and the trace sums to the total', () => {
    const r = scoreSubject(
      compiled(),
      unit('u1', { 理论学习完成率: 90, 办结天数: 17.5, 热线解决率: 82.5, 未回应投诉: 7, 违纪问题数: 1 }),
    );
    expect(r.total).toBe(20.9);
    expect(r.dimensions).toEqual({ 政治建设: 9, 履职效能: -1, 群众评价: 7.5, 廉洁自律: 5.4 });
    expect(r.trace.reduce((s, e) => s + Math.round(e.points * 100), 0)).toBe(2090);
    const deduction = r.trace.find((e) => e.ruleId === '投诉未回应');
    expect(deduction?.points).toBe(-10);
    expect(deduction?.sentence.zh).toContain('扣减履职效能分10.00分');
    expect(r.fired).toContain('投诉未回应');
  });

  it('vetoes to the worst grade regardless of the score', () => {
    const r = scoreSubject(
      compiled(),
      unit('u2', { 理论学习完成率: 100, 办结天数: 5, 热线解决率: 95, 违纪问题数: 2 }),
    );
    expect(r.grade).toBe('较差');
    expect(r.vetoes).toEqual([{ ruleId: '严重违纪', effect: 'set:较差', reason: '发生严重违纪问题' }]);
  });

  it('marks a result needs_review when a veto cannot be evaluated', () => {
    const r = scoreSubject(compiled(), unit('u3', { 理论学习完成率: 100, 办结天数: 5, 热线解决率: 95 }));
    expect(r.status).toBe('needs_review');
  });

  it('drops a missing exempt indicator and renormalises the other dimensions', () => {
    const r = scoreSubject(compiled(), unit('u4', { 理论学习完成率: 100, 办结天数: 5, 违纪问题数: 0 }));
    expect(r.total).toBe(60);
    expect(r.dimensions.群众评价).toBe(0);
  });
});

describe('scorePopulation', () => {
  it('applies the 20% quota of 优秀 by rank and records the demotion', () => {
    const full = { 理论学习完成率: 100, 办结天数: 5, 热线解决率: 95, 违纪问题数: 0 };
    const subjects = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => unit(id, { ...full, 创新案例数: i % 3 }));
    const results = scorePopulation(compiled(), subjects);
    const top = results.filter((r) => r.grade === '优秀');
    expect(top.map((r) => r.subjectId)).toEqual(['c']);
    expect(results.find((r) => r.subjectId === 'f')?.quotaAdjusted).toMatchObject({
      from: '优秀',
      to: '良好',
    });
    expect(results.find((r) => r.subjectId === 'c')?.rank).toBe(1);
  });
});

describe('applyPopulation', () => {
  it('gives the same results as scorePopulation when subjects were scored in chunks', () => {
    const full = { 理论学习完成率: 100, 办结天数: 5, 热线解决率: 95, 违纪问题数: 0 };
    const subjects = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => unit(id, { ...full, 创新案例数: i % 3 }));
    const rs = compiled();
    const chunked = [
      ...subjects.slice(0, 3).map((s) => scoreSubject(rs, s)),
      ...subjects.slice(3).map((s) => scoreSubject(rs, s)),
    ];
    expect(applyPopulation(rs, subjects, chunked)).toEqual(scorePopulation(rs, subjects));
  });
});

describe('KEYWORD_PAIRS', () => {
  it('lists every keyword with its Chinese alias', () => {
    expect(KEYWORD_PAIRS).toContainEqual(['veto', '一票否决']);
    expect(KEYWORD_PAIRS.length).toBeGreaterThan(60);
  });
});

describe('runTests', () => {
  it('runs the in-file tests and lists uncovered rules', () => {
    const report = runTests(compiled());
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(3);
    expect(report.uncoveredRules).toEqual([]);
  });
});
