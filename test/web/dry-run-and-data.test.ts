import { describe, expect, it } from 'vitest';
import {
  batchKeyFor,
  contentTypeOf,
  uploadOutcomeSchema,
  xlsxType,
} from '../../web/src/features/data/data-api.ts';
import { summarisePeriods } from '../../web/src/features/data/data-page.tsx';
import type { DryRunSummary } from '../../web/src/features/rules-editor/dry-run-api.ts';
import { deltaBuckets, distributionOption } from '../../web/src/features/rules-editor/dry-run-charts.ts';
import { sourceLineFrom } from '../../web/src/features/rules-editor/source-line.ts';

describe('dry-run charts', () => {
  it('fills the gaps between delta buckets with zero and labels each [b, b + 1)', () => {
    expect(
      deltaBuckets([
        { bucket: -2, count: 6 },
        { bucket: 1, count: 3 },
      ]),
    ).toEqual({ labels: ['[-2, -1)', '[-1, 0)', '[0, 1)', '[1, 2)'], counts: [6, 0, 0, 3] });
    expect(deltaBuckets([])).toEqual({ labels: [], counts: [] });
  });

  it('puts baseline and candidate grade counts side by side', () => {
    const summary = {
      distribution: [
        { grade: '优秀', baseline: 4, candidate: 4 },
        { grade: '较差', baseline: 3, candidate: 4 },
      ],
    } as DryRunSummary;
    const option = distributionOption(summary, { baseline: '基准', candidate: '试算' }) as {
      xAxis: { data: string[] };
      series: { name: string; data: number[] }[];
    };
    expect(option.xAxis.data).toEqual(['优秀', '较差']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['基准', [4, 3]],
      ['试算', [4, 4]],
    ]);
  });
});

describe('the source line a link opens', () => {
  it.each([
    ['?line=12&column=3', { line: 12, column: 3 }],
    ['?line=7', { line: 7, column: 1 }],
    ['?line=7&column=x', { line: 7, column: 1 }],
    ['?line=0', null],
    ['?line=abc', null],
    ['', null],
  ])('%s → %j', (search, expected) => {
    expect(sourceLineFrom(search)).toEqual(expected);
  });
});

describe('uploads', () => {
  it('sends an .xlsx as a workbook and anything else as CSV', () => {
    expect(contentTypeOf({ name: 'hotline.XLSX', type: '' })).toBe(xlsxType);
    expect(contentTypeOf({ name: 'x', type: xlsxType })).toBe(xlsxType);
    expect(contentTypeOf({ name: 'hotline.csv', type: 'text/csv' })).toBe('text/csv');
  });

  it('makes a batch key the server accepts from any file name', () => {
    const key = batchKeyFor('12345热线 三月.csv', new Date('2026-03-01T08:09:10.123Z'));
    expect(key).toBe('12345-20260301T080910');
    expect(key).toMatch(/^[\w.:-]{1,128}$/);
    expect(batchKeyFor('数据.csv', new Date('2026-03-01T08:09:10Z'))).toBe('upload-20260301T080910');
  });

  it('reads a rejected upload with its row issues', () => {
    const parsed = uploadOutcomeSchema.parse({
      status: 'rejected',
      rows: 3,
      issueCount: 1,
      issues: [
        {
          row: 3,
          column: '12345满意率',
          columnLetter: 'C',
          code: 'out_of_range',
          message: { zh: '超出范围', en: 'out of range' },
        },
      ],
    });
    expect(parsed.status).toBe('rejected');
  });

  it('summarises a long list of months', () => {
    expect(summarisePeriods(['2024-02', '2024-01'])).toBe('2024-02, 2024-01');
    expect(summarisePeriods(['2024-03', '2024-01', '2024-02', '2024-04'])).toBe('2024-01 … 2024-04 (4)');
  });
});
