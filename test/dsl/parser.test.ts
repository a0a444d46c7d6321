import { describe, expect, it } from 'vitest';
import type * as A from '../../dsl/ast.ts';
import { validatingParser } from '../../dsl/parser.ts';
import { parseSource } from '../../dsl/pipeline.ts';
import { ruleSet } from './support/source.ts';

const program = (text: string): A.Program => {
  const r = parseSource(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (r.program === undefined) throw new Error('no program');
  return r.program;
};
const only = <K extends A.Item['kind']>(p: A.Program, kind: K) =>
  p.items.filter((i): i is Extract<A.Item, { kind: K }> => i.kind === kind);

describe('parse + CST to AST', () => {
  it('builds the header with its parent', () => {
    const p = program('ruleset 市 assesses cadre period quarterly extends 省@3');
    expect(p.header).toMatchObject({
      name: { text: '市' },
      subject: 'cadre',
      period: 'quarterly',
      parent: { name: { text: '省' }, version: { value: 3 } },
    });
  });

  it('builds every score function and missing policy', () => {
    const p = program(`indicator I in D applies 甲, 乙 weight 2 open {
      source x * 2
      score bands >= 90 => 100, > 80 => 60, else => 0
      missing score 50
    }
    indicator L in D { source w score lookup "好" => 100, 一般 => 60, 3 => 10, else => 0 missing carry }
    indicator E in D { source x score expr min(x, 90) + 10 bounded 0..100 }`);
    const [i, l, e] = only(p, 'indicator');
    expect(i?.applies.map((a) => a.text)).toEqual(['甲', '乙']);
    expect(i?.mark?.kind).toBe('open');
    expect(i?.score).toMatchObject({
      kind: 'bands',
      bands: [{ op: '>=', bound: { value: 90 } }, { op: '>' }],
      otherwise: { value: 0 },
    });
    expect(i?.missing).toMatchObject({ kind: 'fixed', points: { value: 50 } });
    expect(l?.score).toMatchObject({
      kind: 'lookup',
      entries: [
        { key: { kind: 'str', value: '好' } },
        { key: { kind: 'name', text: '一般' } },
        { key: { kind: 'num' } },
      ],
    });
    expect(e?.score).toMatchObject({
      kind: 'expr',
      expr: { kind: 'binary', op: '+', left: { kind: 'call', fn: 'min' } },
      lo: { value: 0 },
      hi: { value: 100 },
    });
  });

  it('respects operator precedence and three-valued logic keywords', () => {
    const p = program('veto V when not a and b or c >= 1 + 2 * 3 nograde "r"');
    const v = only(p, 'veto')[0];
    expect(v?.when).toMatchObject({
      kind: 'binary',
      op: 'or',
      left: { op: 'and', left: { kind: 'unary', op: 'not' } },
      right: { op: '>=', right: { op: '+', right: { op: '*' } } },
    });
  });

  it('tells a scale cap from a following bonus statement, and a grade quota from a quota statement', () => {
    const p = program(
      'scale base 100\nbonus 奖 each y give 1 "r"\ngrades 优 >= 90, 差\nquota 优 { 优秀 => 15%, else => 10% }',
    );
    expect(only(p, 'scale')[0]?.bonus).toBeUndefined();
    expect(only(p, 'bonus')).toHaveLength(1);
    expect(only(p, 'quota')[0]?.byGroup.map((r) => r.grade?.text ?? 'else')).toEqual(['优秀', 'else']);
  });

  it('gives every node a range', () => {
    const p = program(ruleSet());
    for (const item of p.items) {
      expect(item.range.start.line).toBeGreaterThan(0);
      expect(item.range.end.offset).toBeGreaterThan(item.range.start.offset);
    }
  });

  it('recovers from errors and reports each of them', () => {
    const r = parseSource(
      'ruleset 坏 assesses unit period annual\ndimension A weight\nindicator B in A { source x score linear 1 => }\ndimension C weight 10%\n',
    );
    const errors = r.diagnostics.filter((d) => d.code === 'KP201');
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.map((d) => d.range.start.line)).toEqual(expect.arrayContaining([3]));
    expect(r.program?.items.some((i) => i.kind === 'dimension' && i.name.text === 'C')).toBe(true);
  });

  it('suggests the split of a glued keyword at a syntax error', () => {
    const r = parseSource('ruleset 坏 assesses unit period annual\n维度政治建设 weight 30%');
    expect(r.diagnostics[0]?.hint?.zh).toContain('维度 政治建设');
  });
});

describe('grammar', () => {
  it('passes Chevrotain self-analysis validations (no ambiguity, no left recursion)', () => {
    expect(() => validatingParser()).not.toThrow();
  });
});
