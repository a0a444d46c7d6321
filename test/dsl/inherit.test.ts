import { describe, expect, it } from 'vitest';
import { type CompiledRuleSet, compile, scoreSubject } from '../../dsl/index.ts';

const PROVINCE = `ruleset 省 assesses unit period annual
scale base 100
catalog {
  field x percent
  field y count
}
dimension 政治建设 weight 30% floor 30% locked
dimension 履职效能 weight 40% overridable 35%..45%
dimension 群众评价 weight 30% floor 25% overridable 25%..35%
allow indicator, deduction
indicator A in 政治建设 locked { source x score linear 0 => 0, 100 => 100 }
indicator B in 履职效能 open { source x score linear 0 => 0, 100 => 100 }
indicator C in 群众评价 { source x score linear 0 => 0, 100 => 100 }
veto V when y >= 5 nograde "r"
grades 优秀 >= 90, 合格 >= 60, 不合格`;
const province = (): CompiledRuleSet => {
  const r = compile(PROVINCE);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.ruleSet;
};
const city = (body: string) =>
  compile(`ruleset 市 assesses unit period annual extends 省@2\n${body}`, { parent: province() });
const codes = (body: string) => {
  const r = city(body);
  return r.ok ? [] : r.diagnostics.map((d) => d.code);
};

describe('inheritance', () => {
  it('lets a city move weights within the allowed range and add what is allowed', () => {
    const r = city(
      'dimension 履职效能 weight 35%\ndimension 群众评价 weight 35%\nfield z count\nindicator D in 履职效能 { source z score bands <= 0 => 100, else => 0 }\ndeduction Q each z take 1 "r"',
    );
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.ruleSet.parent).toEqual({ name: '省', version: 2, hash: province().effectiveHash });
    expect(r.ruleSet.dimensions.map((d) => d.weight)).toEqual([30, 35, 35]);
    const s = scoreSubject(r.ruleSet, {
      id: 'c',
      kind: 'unit',
      category: '',
      values: { x: 100, y: 0, z: 2 },
    });
    expect(s.total).toBe(80.5); // 30 + 35 × (100 + 0) / 2 / 100 + 35 − 2
    expect(s.fired).toContain('Q');
  });

  it('lets a city replace an open indicator', () => {
    const r = city('indicator B in 履职效能 { source x score linear 50 => 0, 100 => 100 }');
    expect(r.ok).toBe(true);
  });

  it.each([
    ['a locked dimension', 'dimension 政治建设 weight 30%', 'KP502'],
    ['a locked indicator', 'indicator A in 政治建设 { source x score linear 50 => 0, 100 => 100 }', 'KP502'],
    [
      'an unmarked indicator',
      'indicator C in 群众评价 { source x score linear 50 => 0, 100 => 100 }',
      'KP502',
    ],
    ['any veto', 'veto V when y >= 3 nograde "r"', 'KP502'],
    ['a weight outside the range', 'dimension 履职效能 weight 50%\ndimension 群众评价 weight 20%', 'KP503'],
    ['a new veto', 'veto W when y >= 1 nograde "r"', 'KP504'],
    ['a new bonus (not allowed)', 'bonus 奖 each y give 1 "r"', 'KP504'],
    ['a new dimension', 'dimension 新维度 weight 0%', 'KP504'],
    ['weights that no longer sum to 100%', 'dimension 履职效能 weight 45%', 'KP401'],
    ['a redefined field', 'field x count', 'KP302'],
  ])('refuses %s', (_what, body, code) => {
    expect(codes(body)).toContain(code);
  });

  it('checks the parent name and presence', () => {
    const wrong = compile('ruleset 市 assesses unit period annual extends 别省@1', { parent: province() });
    expect(wrong.ok ? [] : wrong.diagnostics.map((d) => d.code)).toContain('KP501');
    const none = compile('ruleset 市 assesses unit period annual extends 省@1');
    expect(none.ok ? [] : none.diagnostics.map((d) => d.code)).toContain('KP505');
    const extra = compile(PROVINCE.replace('ruleset 省', 'ruleset 另'), { parent: province() });
    expect(extra.ok ? [] : extra.diagnostics.map((d) => d.code)).toContain('KP506');
  });

  it('changes the effective hash when the parent changes', () => {
    const a = city('dimension 履职效能 weight 35%\ndimension 群众评价 weight 35%');
    const p2 = compile(PROVINCE.replace('veto V when y >= 5', 'veto V when y >= 6'));
    if (!a.ok || !p2.ok) throw new Error('compile');
    const b = compile(
      'ruleset 市 assesses unit period annual extends 省@2\ndimension 履职效能 weight 35%\ndimension 群众评价 weight 35%',
      { parent: p2.ruleSet },
    );
    if (!b.ok) throw new Error('compile');
    expect(b.ruleSet.hash).toBe(a.ruleSet.hash);
    expect(b.ruleSet.effectiveHash).not.toBe(a.ruleSet.effectiveHash);
  });
});
