import { describe, expect, it } from 'vitest';
import { KEYWORDS as LANGUAGE_KEYWORDS } from '../../dsl/tokens.ts';
import { declaredNames } from '../../web/src/shared/rules-language/declared-names.ts';
import { KEYWORDS, keywordOf } from '../../web/src/shared/rules-language/keywords.ts';
import { tokenizeLine } from '../../web/src/shared/rules-language/rules-tokenizer.ts';

describe('the console’s keyword list', () => {
  it('is exactly the rules language’s keywords and Chinese aliases', () => {
    const language = Object.values(LANGUAGE_KEYWORDS).map((words) => [...words]);
    expect(KEYWORDS.map((pair) => [...pair]).sort()).toEqual(language.sort());
  });

  it('maps both spellings to the English keyword', () => {
    expect(keywordOf('指标')).toBe('indicator');
    expect(keywordOf('indicator')).toBe('indicator');
    expect(keywordOf('热线解决率')).toBeUndefined();
  });
});

describe('tokenizeLine', () => {
  it('classifies an English-keyword line', () => {
    expect(tokenizeLine('dimension 政治建设 weight 30% floor 30% locked')).toEqual([
      { text: 'dimension', type: 'keyword' },
      { text: '政治建设', type: 'variableName' },
      { text: 'weight', type: 'keyword' },
      { text: '30%', type: 'number' },
      { text: 'floor', type: 'keyword' },
      { text: '30%', type: 'number' },
      { text: 'locked', type: 'keyword' },
    ]);
  });

  it('reads Chinese keywords, full-width punctuation, strings and comments', () => {
    expect(
      tokenizeLine('减分 投诉未回应 封顶 20 ｛ 每 complaints.unanswered 扣 5 “因群众投诉未回应” ｝ // 注释'),
    ).toEqual([
      { text: '减分', type: 'keyword' },
      { text: '投诉未回应', type: 'variableName' },
      { text: '封顶', type: 'keyword' },
      { text: '20', type: 'number' },
      { text: '｛', type: 'bracket' },
      { text: '每', type: 'keyword' },
      { text: 'complaints.unanswered', type: 'variableName' },
      { text: '扣', type: 'keyword' },
      { text: '5', type: 'number' },
      { text: '“因群众投诉未回应”', type: 'string' },
      { text: '｝', type: 'bracket' },
      { text: '// 注释', type: 'comment' },
    ]);
  });

  it('treats a keyword glued to a name as one name, as the language does', () => {
    expect(tokenizeLine('指标热线解决率')).toEqual([{ text: '指标热线解决率', type: 'variableName' }]);
  });

  it('marks operators, logical words and truth values', () => {
    expect(tokenizeLine('when a >= 3 且 not b == 是').map((token) => token.type)).toEqual([
      'keyword',
      'variableName',
      'operator',
      'number',
      'operatorKeyword',
      'operatorKeyword',
      'variableName',
      'operator',
      'atom',
    ]);
  });

  it('always advances, marking characters the language does not know', () => {
    expect(tokenizeLine('a $ b')).toEqual([
      { text: 'a', type: 'variableName' },
      { text: '$', type: 'invalid' },
      { text: 'b', type: 'variableName' },
    ]);
  });
});

describe('declaredNames', () => {
  it('collects what a file declares by kind, ignoring references and comments', () => {
    const source = [
      'ruleset 示范市 assesses unit period annual extends 示范省@1',
      'dimension 群众评价 weight 30% // dimension 注释里的名字',
      '指标 窗口满意度 属于 群众评价 { source 好差评满意率 }',
      'deduction 超期办件 cap 5 { each 超期件数 take 1 from 履职效能 "超期办件" }',
    ].join('\n');
    const declared = declaredNames(source);
    expect([...(declared.get('dimension') ?? [])]).toEqual(['群众评价']);
    expect([...(declared.get('indicator') ?? [])]).toEqual(['窗口满意度']);
    expect([...(declared.get('deduction') ?? [])]).toEqual(['超期办件']);
  });
});
