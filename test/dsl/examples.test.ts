import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CompiledRuleSet, compile, diffRuleSets, format, runTests } from '../../dsl/index.ts';

const read = (name: string) =>
  readFileSync(new URL(`../../examples/demo-province/${name}`, import.meta.url), 'utf8');
const catalog = read('catalog.kp');
const build = (name: string, parent?: CompiledRuleSet): CompiledRuleSet => {
  const r = compile(read(name), { catalog, fileName: name, ...(parent ? { parent } : {}) });
  if (!r.ok)
    throw new Error(
      `${name}: ${r.diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message.en}`).join('; ')}`,
    );
  return r.ruleSet;
};

describe('examples/demo-province', () => {
  it.each(['units-2024.kp', 'units-2025.kp', 'cadres-2024.kp'])(
    '%s compiles and passes its own tests',
    (name) => {
      const report = runTests(build(name));
      expect(report.results.filter((r) => !r.ok)).toEqual([]);
      expect(report.passed).toBeGreaterThanOrEqual(4);
      expect(report.uncoveredRules).toEqual([]);
    },
  );

  it.each(['catalog.kp', 'units-2024.kp', 'units-2025.kp', 'cadres-2024.kp', 'city-qingshan-2024.kp'])(
    '%s is in canonical format',
    (name) => {
      const r = format(read(name));
      expect(r.ok && r.text).toBe(read(name));
    },
  );

  it('has about 25 indicators over four dimensions and three unit categories in 2024', () => {
    const rs = build('units-2024.kp');
    expect(rs.indicators.length).toBe(25);
    expect(new Set(rs.indicators.map((i) => i.dimension)).size).toBe(4);
    expect(rs.categories).toEqual(['窗口服务类', '执法监管类', '综合管理类']);
  });

  it('2025 adds 数字化服务能力 and raises 发文会议精简率', () => {
    const diff = diffRuleSets(build('units-2024.kp'), build('units-2025.kp'));
    expect(diff.added.map((a) => a.id)).toEqual(['全程网办率', '掌上可办率']);
    expect(diff.changed).toEqual([{ id: '发文会议精简率', kind: 'indicator', fields: ['weight'] }]);
    expect(diff.removed).toEqual([]);
  });

  it('the city rule set extends the province and carries both hashes', () => {
    const province = build('units-2024.kp');
    const city = build('city-qingshan-2024.kp', province);
    expect(city.parent).toEqual({ name: '示范省单位作风考核', version: 1, hash: province.effectiveHash });
    expect(city.effectiveHash).not.toBe(city.hash);
    expect(city.dimensions.find((d) => d.name === '履职效能')?.weight).toBe(32);
    expect(city.rules.some((r) => r.id === '重大作风问题')).toBe(true);
    const report = runTests(city);
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(2);
  });
});
