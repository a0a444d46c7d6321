import { describe, expect, it } from 'vitest';
import { check, compile } from '../../dsl/index.ts';
import { ruleSet } from './support/source.ts';

const codes = (text: string) => check(text).map((d) => d.code);
const find = (text: string, code: string) => check(text).find((d) => d.code === code);

describe('checker', () => {
  it('accepts the minimal rule set without diagnostics', () => {
    expect(check(ruleSet())).toEqual([]);
  });

  it.each([
    ['weights that do not sum to 100%', ruleSet().replace('weight 15%', 'weight 20%'), 'KP401'],
    [
      'a weight below its floor',
      ruleSet()
        .replace('政治建设 weight 30% floor 30%', '政治建设 weight 25% floor 30%')
        .replace('weight 15%', 'weight 20%'),
      'KP402',
    ],
    [
      'a category with no indicator in a dimension',
      ruleSet().replace('indicator C in 群众评价 {', 'indicator C in 群众评价 applies 甲类 {'),
      'KP403',
    ],
    [
      'linear points out of order',
      ruleSet().replace(
        'indicator A in 政治建设 { source x score linear 0 => 0, 100 => 100 }',
        'indicator A in 政治建设 { source x score linear 50 => 0, 10 => 100 }',
      ),
      'KP404',
    ],
    [
      'mixed band directions',
      ruleSet().replace('bands <= 0 => 100, else => 0', 'bands <= 0 => 100, >= 5 => 0'),
      'KP405',
    ],
    ['overlapping grade thresholds', ruleSet().replace('良好 >= 80', '良好 >= 95'), 'KP407'],
    ['missing grades', ruleSet().replace('grades 优秀 >= 90, 良好 >= 80, 一般 >= 60, 较差', ''), 'KP411'],
    [
      'a score outside 0..100',
      ruleSet().replace(
        'linear 0 => 0, 100 => 100 }\nindicator B',
        'linear 0 => 0, 100 => 120 }\nindicator B',
      ),
      'KP412',
    ],
    ['a type mismatch', ruleSet('veto V when x and z nograde "r"'), 'KP303'],
    ['an unknown function', ruleSet('veto V when maxx(x) > 1 nograde "r"'), 'KP307'],
    ['an unknown dimension', ruleSet('deduction Q from 群众满意 each y take 1 "r"'), 'KP304'],
    ['an unknown grade', ruleSet('veto V when z grade 优 "r"'), 'KP306'],
    [
      'a tolerance exempting a veto',
      ruleSet('veto V when z nograde "r"\ntolerance T when z exempt V "r"'),
      'KP309',
    ],
    ['a duplicate rule id', ruleSet('bonus A each y give 1 "r"'), 'KP302'],
    ['an invalid quota', ruleSet('quota 优秀 150%'), 'KP414'],
    ['a bad test key', ruleSet('test "t" { given 甲类 { x: 1 } expect 分数 == 1 }'), 'KP601'],
    ['a missing header', ruleSet().replace('ruleset 测试规则 assesses unit period annual', ''), 'KP202'],
  ])('reports %s', (_what, text, code) => {
    expect(codes(text)).toContain(code);
  });

  it.each([
    [
      'an unreachable band',
      ruleSet().replace('bands <= 0 => 100, else => 0', 'bands <= 5 => 100, <= 2 => 50, else => 0'),
      'KP406',
    ],
    ['a grade gap', ruleSet().replace('一般 >= 60, 较差', '一般 >= 60, 较差 >= 30'), 'KP408'],
    ['a threshold above the maximum', ruleSet().replace('优秀 >= 90', '优秀 >= 101'), 'KP413'],
    [
      'a rule no test covers',
      ruleSet('test "t" { given 甲类 { x: 100, y: 0 } expect total == 100 }\nbonus 奖 each y give 1 "r"'),
      'KP416',
    ],
  ])('warns about %s without blocking', (_what, text, code) => {
    const d = find(text, code);
    expect(d?.severity).toBe('warning');
    expect(check(text).filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('suggests the closest field for a typo and the split of a glued keyword', () => {
    const typo = find(ruleSet('bonus 奖 each yy give 1 "r"'), 'KP301');
    expect(typo?.hint).toEqual({ zh: '是否指“y”?', en: "did you mean 'y'?" });
    const glued = find(ruleSet('bonus 奖 when 当z give 1 "r"'), 'KP301');
    expect(glued?.hint?.zh).toContain('当 z');
  });

  it('checks a catalog file on its own', () => {
    const ds = check('catalog {\n  field a percent from "x"\n  field r ratio a / b\n}');
    expect(ds.map((d) => [d.code, d.range.start.line])).toEqual([
      ['KP303', 3],
      ['KP301', 3],
    ]);
    expect(check('catalog { field a count\n field b count\n field r ratio a / b }')).toEqual([]);
    const r = compile('catalog { field a count }');
    expect(r.ok ? [] : r.diagnostics.map((d) => d.code)).toEqual(['KP202']);
  });

  it('places a diagnostic on the offending name', () => {
    const text = ruleSet('deduction Q from 群众满意 each y take 1 "r"');
    const d = find(text, 'KP304');
    expect(text.slice(d?.range.start.offset, d?.range.end.offset)).toBe('群众满意');
  });
});
