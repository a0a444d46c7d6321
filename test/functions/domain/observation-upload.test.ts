import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportField } from '../../../functions/domain/observations/import-columns.ts';
import { columnLetter } from '../../../functions/domain/observations/import-issue.ts';
import { parsePeriod } from '../../../functions/domain/observations/parse-cell.ts';
import { type ParseUploadOptions, parseUpload } from '../../../functions/domain/observations/parse-upload.ts';
import type { ParsedObservation } from '../../../functions/domain/observations/validate-rows.ts';

const fields: readonly ImportField[] = [
  { name: '12345满意率', type: 'percent' },
  { name: '群众投诉未及时回应次数', type: 'count' },
  { name: '窗口平均等待时长', type: 'minutes', max: 240 },
  { name: '不可抗力', type: 'bool' },
];

async function upload(csv: string, extra: Partial<ParseUploadOptions> = {}) {
  const received: ParsedObservation[] = [];
  const summary = await parseUpload(
    { kind: 'csv', input: Readable.from([Buffer.from(csv, 'utf8')]) },
    {
      fields,
      periodRange: { from: '2023-01', to: '2025-12' },
      onObservations: async (batch) => {
        received.push(...batch);
      },
      ...extra,
    },
  );
  return { summary, received };
}

describe('parseUpload (CSV)', () => {
  it('maps Chinese headers to catalog fields and yields one observation per filled cell', async () => {
    const csv =
      '\uFEFF对象编码,期间,12345满意率,群众投诉未及时回应次数,不可抗力\nu1,2024-03,96.5%,2,否\nu2,2024年4月,,0,是\n';

    const { summary, received } = await upload(csv);

    expect(summary.issues).toEqual([]);
    expect(summary.rows).toBe(2);
    expect(received).toEqual([
      { row: 2, subjectId: 'u1', period: '2024-03', field: '12345满意率', value: 96.5 },
      { row: 2, subjectId: 'u1', period: '2024-03', field: '群众投诉未及时回应次数', value: 2 },
      { row: 2, subjectId: 'u1', period: '2024-03', field: '不可抗力', value: false },
      { row: 3, subjectId: 'u2', period: '2024-04', field: '群众投诉未及时回应次数', value: 0 },
      { row: 3, subjectId: 'u2', period: '2024-04', field: '不可抗力', value: true },
    ]);
  });

  it('reports every bad cell with its row, column header and letter, and stages none of those rows', async () => {
    const csv = [
      'subject,period,12345满意率,群众投诉未及时回应次数,窗口平均等待时长',
      'u1,2024-03,abc,1,10',
      'u2,2024-13,95,1.5,10',
      'u3,2026-01,95,1,300',
      'u1,2024-03,95,1,10',
      ',2024-05,95,1,10',
    ].join('\n');

    const { summary, received } = await upload(csv);

    expect(summary.issues.map((issue) => [issue.row, issue.columnLetter, issue.code])).toEqual([
      [2, 'C', 'bad_value'],
      [3, 'B', 'bad_period'],
      [3, 'D', 'bad_value'],
      [4, 'B', 'period_out_of_range'],
      [4, 'E', 'out_of_range'],
      [5, 'A', 'duplicate_row'],
      [6, 'A', 'missing_subject'],
    ]);
    expect(summary.issues[5]?.message.zh).toContain('与第 2 行重复');
    expect(summary.issues[0]?.column).toBe('12345满意率');
    expect(received).toEqual([]);
  });

  it('names an unknown column and suggests the catalog field it probably means', async () => {
    const { summary } = await upload('对象编码,期间,12345满意度\nu1,2024-01,90\n');

    expect(summary.issues).toHaveLength(1);
    expect(summary.issues[0]).toMatchObject({ row: 1, columnLetter: 'C', code: 'unknown_column' });
    expect(summary.issues[0]?.message.zh).toContain('是否指“12345满意率”');
  });

  it('requires the subject and period columns and rejects a repeated header', async () => {
    const { summary } = await upload('12345满意率,12345满意率\n90,91\n');

    expect(summary.issues.map((issue) => issue.code)).toEqual([
      'duplicate_column',
      'missing_column',
      'missing_column',
    ]);
    expect(summary.rows).toBe(0);
  });

  it('says an empty file is empty', async () => {
    const { summary } = await upload('');

    expect(summary.issues[0]?.message.en).toContain('empty');
  });

  it('rejects subjects the tenant does not have when told which exist', async () => {
    const { summary } = await upload('对象编码,期间,12345满意率\nu9,2024-01,90\n', {
      knownSubject: (id) => id === 'u1',
    });

    expect(summary.issues[0]).toMatchObject({ row: 2, columnLetter: 'A', code: 'unknown_subject' });
  });

  it('keeps at most maxIssues issues but counts them all', async () => {
    const lines = ['对象编码,期间,12345满意率'];
    for (let index = 0; index < 50; index += 1) lines.push(`u${index},2024-01,bad`);

    const { summary } = await upload(lines.join('\n'), { maxIssues: 10 });

    expect(summary.issues).toHaveLength(10);
    expect(summary.issueCount).toBe(50);
  });
});

describe('parseUpload (XLSX)', () => {
  it('reads the first worksheet with the same rules, numbering rows as the spreadsheet does', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('数据');
    sheet.addRow(['对象编码', '期间', '12345满意率', '窗口平均等待时长']);
    sheet.addRow(['u1', '2024-03', 97.2, 12]);
    sheet.addRow(['u2', '2024-03', '九十', 12]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const received: ParsedObservation[] = [];

    const summary = await parseUpload(
      { kind: 'xlsx', input: Readable.from([buffer]) },
      {
        fields,
        onObservations: async (batch) => {
          received.push(...batch);
        },
      },
    );

    expect(received).toEqual([
      { row: 2, subjectId: 'u1', period: '2024-03', field: '12345满意率', value: 97.2 },
      { row: 2, subjectId: 'u1', period: '2024-03', field: '窗口平均等待时长', value: 12 },
    ]);
    expect(summary.issues).toHaveLength(1);
    expect(summary.issues[0]).toMatchObject({ row: 3, columnLetter: 'C', code: 'bad_value' });
  });
});

describe('helpers', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('labels column %i as %s', (index, label) => {
    expect(columnLetter(index)).toBe(label);
  });

  it.each([
    ['2024-03', '2024-03'],
    ['2024/3', '2024-03'],
    ['2024.12', '2024-12'],
    ['2024年3月', '2024-03'],
    ['2024-00', undefined],
    ['24-03', undefined],
    ['2024-3-1', undefined],
  ])('reads the period %s as %s', (raw, expected) => {
    expect(parsePeriod(raw)).toBe(expected);
  });
});
