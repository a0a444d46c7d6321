import { readFileSync } from 'node:fs';
import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import {
  completionOptions,
  describeField,
  hoverContent,
  insideCommentOrString,
  toEditorDiagnostics,
  wordAt,
} from '../../web/src/features/rules-editor/editor-extensions.ts';
import { analyse } from '../../web/src/features/rules-editor/rules-analysis.ts';
import { compiledWeights, typedWeights } from '../../web/src/features/rules-editor/weights.ts';

const sample = readFileSync(new URL('./fixtures/sample-rules.kp', import.meta.url), 'utf8');

function compiled() {
  const analysis = analyse(sample);
  if (analysis.ruleSet === null)
    throw new Error(`the sample does not compile: ${JSON.stringify(analysis.diagnostics)}`);
  return analysis.ruleSet;
}

describe('analyse', () => {
  it('compiles a correct rule file with no errors', () => {
    const analysis = analyse(sample);
    expect(analysis.errors).toBe(0);
    expect(analysis.ruleSet?.indicators.map((indicator) => indicator.name)).toContain('热线解决');
  });

  it('reports an unknown dimension at its line and gives no rule set', () => {
    const broken = sample.replace('indicator 廉洁 in 廉洁自律', 'indicator 廉洁 in 廉洁自律X');
    const line = broken.split('\n').findIndex((text) => text.includes('廉洁自律X')) + 1;
    const analysis = analyse(broken);
    expect(analysis.ruleSet).toBeNull();
    expect(analysis.errors).toBeGreaterThan(0);
    const error = analysis.diagnostics.find((diagnostic) => diagnostic.message.en.includes('廉洁自律X'));
    expect(error?.severity).toBe('error');
    expect(error?.range.start.line).toBe(line);
  });
});

describe('toEditorDiagnostics', () => {
  it('puts each diagnostic on its line and column, in the chosen language', () => {
    const broken = sample.replace('indicator 廉洁 in 廉洁自律', 'indicator 廉洁 in 廉洁自律X');
    const doc = Text.of(broken.split('\n'));
    const analysis = analyse(broken);
    const first = analysis.diagnostics[0];
    if (first === undefined) throw new Error('expected a diagnostic');
    const [zh] = toEditorDiagnostics(doc, analysis.diagnostics, 'zh');
    const [en] = toEditorDiagnostics(doc, analysis.diagnostics, 'en');
    expect(doc.lineAt(zh?.from ?? -1).number).toBe(first.range.start.line);
    expect((zh?.from ?? 0) - doc.line(first.range.start.line).from + 1).toBe(first.range.start.column);
    expect(zh?.message).toContain(first.message.zh);
    expect(en?.message).toContain(first.message.en);
    expect(zh?.source).toBe(first.code);
  });

  it('clamps a range beyond the document instead of failing', () => {
    const doc = Text.of(['one line']);
    const range = { start: { line: 9, column: 40, offset: 400 }, end: { line: 9, column: 50, offset: 410 } };
    const [mark] = toEditorDiagnostics(
      doc,
      [{ code: 'KP999', severity: 'error', message: { zh: '错', en: 'bad' }, range }],
      'en',
    );
    expect(mark?.from).toBe(doc.length);
    expect(mark?.to).toBe(doc.length);
  });
});

describe('completionOptions', () => {
  it('offers catalog fields, indicators, dimensions, grades and keywords in both languages', () => {
    const labels = completionOptions(compiled(), 'zh').map((option) => option.label);
    expect(labels).toEqual(
      expect.arrayContaining(['热线解决率', '热线解决', '群众评价', '优秀', 'indicator', '指标']),
    );
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('still offers the keywords before anything has compiled', () => {
    expect(completionOptions(null, 'en').map((option) => option.label)).toEqual(
      expect.arrayContaining(['veto', '一票否决']),
    );
  });
});

describe('hoverContent', () => {
  it('shows an indicator with the catalog entry of the field it reads', () => {
    const text = hoverContent('热线解决', compiled(), sample, 'zh');
    expect(text).toContain('群众评价');
    expect(text).toContain('热线解决率');
    expect(text).toContain('12345热线');
  });

  it('shows a field’s catalog entry and a dimension’s weight, and nothing for other words', () => {
    expect(hoverContent('办结天数', compiled(), sample, 'en')).toContain('督办系统');
    expect(hoverContent('政治建设', compiled(), sample, 'en')).toContain('30%');
    expect(hoverContent('ruleset', compiled(), sample, 'en')).toBeNull();
  });
});

describe('wordAt', () => {
  it('finds the name under the cursor with the highlighting tokenizer', () => {
    const line = 'indicator 热线解决 in 群众评价 {';
    expect(wordAt(line, 12)?.text).toBe('热线解决');
    expect(wordAt(line, 0)?.text).toBe('indicator');
    expect(wordAt(line, line.length)).toBeNull();
  });
});

describe('weights', () => {
  it('shows the compiled dimensions in percent with their floors and locks', () => {
    expect(compiledWeights(compiled())).toEqual([
      { name: '政治建设', weight: 30, floor: 30, locked: true },
      { name: '履职效能', weight: 30, floor: null, locked: false },
      { name: '群众评价', weight: 25, floor: 25, locked: false },
      { name: '廉洁自律', weight: 15, floor: null, locked: false },
    ]);
  });

  it('reads the same weights from the text as typed', () => {
    expect(typedWeights(sample)).toEqual(compiledWeights(compiled()));
  });
});

describe('describeField', () => {
  it('names the type, level and aggregation in the chosen language', () => {
    const field = {
      name: '热线解决率',
      type: 'percent',
      source: '12345热线',
      level: 'unit',
      aggregation: 'avg',
      min: 0,
      max: 100,
    } as const;
    expect(describeField(field, 'zh')).toBe(
      '类型: 百分比\n来源: 12345热线\n层级: 单位\n汇总方式: 平均值\n取值范围: 0 – 100',
    );
    expect(describeField(field, 'en')).toContain('Type: percent');
  });
});

describe('insideCommentOrString', () => {
  it.each([
    ['indicator 热线', false],
    ['// 补全：热线', true],
    ['dimension 政治建设 # 注释 热线', true],
    ['bonus 创新 give 1 "获评创新', true],
    ['bonus 创新 give 1 "获评创新案例" 热线', false],
    ['bonus 创新 give 1 “获评', true],
  ])('%j → %s', (prefix, inside) => {
    expect(insideCommentOrString(prefix)).toBe(inside);
  });
});
