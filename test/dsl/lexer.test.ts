import { describe, expect, it } from 'vitest';
import { lex } from '../../dsl/lexer.ts';

const names = (text: string) => lex(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);

describe('lex', () => {
  it('reads English keywords and their Chinese aliases alike', () => {
    expect(names('indicator 指标 veto 一票否决 grades 等次设置 grade 等次')).toEqual([
      'Indicator:indicator',
      'Indicator:指标',
      'Veto:veto',
      'Veto:一票否决',
      'Grades:grades',
      'Grades:等次设置',
      'Grade:grade',
      'Grade:等次',
    ]);
  });

  it('reads Chinese names, names starting with digits, dotted names and percents', () => {
    expect(names('12345满意率 >= 95% previous.total 上期.总分 hotline.rate')).toEqual([
      'Identifier:12345满意率',
      'Gte:>=',
      'NumberLiteral:95',
      'Percent:%',
      'Identifier:previous.total',
      'Identifier:上期.总分',
      'Identifier:hotline.rate',
    ]);
  });

  it('keeps a keyword glued to a name as one name (the checker suggests the split)', () => {
    expect(names('指标热线解决率 indicators')).toEqual([
      'Identifier:指标热线解决率',
      'Identifier:indicators',
    ]);
  });

  it('accepts full-width punctuation with a fix-it hint', () => {
    const r = lex('categories 甲，乙 （');
    expect(r.tokens.map((t) => t.tokenType.name)).toEqual([
      'Categories',
      'Identifier',
      'Comma',
      'Identifier',
      'LParen',
    ]);
    const hints = r.diagnostics.filter((d) => d.code === 'KP102');
    expect(hints.map((d) => d.hint?.zh)).toEqual(['改为“,”', '改为“(”']);
    expect(hints[0]?.range.start).toEqual({ line: 1, column: 13, offset: 12 });
  });

  it('reports an unknown character and an unterminated string with their place', () => {
    const r = lex('field a $\n"未结束');
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column])).toEqual([
      ['KP101', 1, 9],
      ['KP103', 2, 1],
    ]);
  });

  it('keeps comments aside and refuses deep nesting before parsing', () => {
    const r = lex('# 注释\n// comment\nx');
    expect(r.comments.map((c) => c.image)).toEqual(['# 注释', '// comment']);
    const deep = lex('('.repeat(40));
    expect(deep.parseable).toBe(false);
    expect(deep.diagnostics[0]?.code).toBe('KP701');
  });
});
