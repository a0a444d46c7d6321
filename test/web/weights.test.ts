import { describe, expect, it } from 'vitest';
import { typedWeights, weightTotal } from '../../web/src/features/rules-editor/weights.ts';

describe('typedWeights', () => {
  it('reads the dimension lines as typed, in either language', () => {
    const source = [
      'ruleset 示范省 assesses unit period annual',
      'dimension 政治建设 weight 30% floor 30% locked',
      '维度 履职效能 权重 25%',
      'dimension 群众评价 weight 20％ floor 25%',
      '维度 廉洁自律 权重 15% // 注释',
      'indicator 热线解决率 in 群众评价 {}',
    ].join('\n');
    const rows = typedWeights(source);
    expect(rows).toEqual([
      { name: '政治建设', weight: 30, floor: 30, locked: true },
      { name: '履职效能', weight: 25, floor: null, locked: false },
      { name: '群众评价', weight: 20, floor: 25, locked: false },
      { name: '廉洁自律', weight: 15, floor: null, locked: false },
    ]);
    expect(weightTotal(rows)).toBe(90);
  });

  it('keeps a dimension whose weight is still being typed', () => {
    expect(typedWeights('dimension 政治建设 weight')).toEqual([
      { name: '政治建设', weight: null, floor: null, locked: false },
    ]);
  });
});
