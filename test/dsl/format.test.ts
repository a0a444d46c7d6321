import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, diffRuleSets, format } from '../../dsl/index.ts';

const ex = (name: string) =>
  readFileSync(new URL(`../../examples/demo-province/${name}`, import.meta.url), 'utf8');

describe('format', () => {
  it.each(['units-2024.kp', 'units-2025.kp', 'cadres-2024.kp', 'city-qingshan-2024.kp', 'catalog.kp'])(
    'is idempotent on %s and keeps its meaning',
    (name) => {
      const once = format(ex(name));
      if (!once.ok) throw new Error(JSON.stringify(once.diagnostics));
      const twice = format(once.text);
      expect(twice.ok && twice.text).toBe(once.text);
      if (name === 'units-2024.kp') {
        const catalog = ex('catalog.kp');
        const a = compile(ex(name), { catalog });
        const b = compile(once.text, { catalog });
        if (!a.ok || !b.ok) throw new Error('compile');
        expect(diffRuleSets(a.ruleSet, b.ruleSet)).toEqual({
          added: [],
          removed: [],
          changed: [],
          weights: [],
        });
      }
    },
  );

  it('normalises Chinese keywords, full-width punctuation and spacing, keeping comments', () => {
    const r = format(
      '规则集 甲 考核对象 单位 周期 年度\n# 类别说明\n类别   窗口服务类，执法监管类\n维度 政治建设 权重 100％ 锁定',
    );
    expect(r.ok && r.text).toBe(
      'ruleset 甲 assesses unit period annual\n\n# 类别说明\ncategories 窗口服务类, 执法监管类\n\ndimension 政治建设 weight 100% locked\n',
    );
  });

  it('prints expressions with only the parentheses they need', () => {
    const r = format(
      'ruleset 甲 assesses unit period annual\nveto V when ((a + b) * c) >= (d - (e - f)) and not (g or h) nograde "r"',
    );
    expect(r.ok && r.text).toContain('veto V when (a + b) * c >= d - (e - f) and not (g or h) nograde "r"');
  });

  it('returns diagnostics instead of text for a source that does not parse', () => {
    const r = format('ruleset 甲 assesses');
    expect(r.ok).toBe(false);
  });
});
