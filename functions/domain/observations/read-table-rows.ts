import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

/** One row of an uploaded table, numbered as a spreadsheet shows it (the header is row 1). */
export interface TableRow {
  readonly row: number;
  readonly cells: readonly string[];
}

/** Streams a CSV upload (UTF-8, optional BOM; comma-separated) row by row. */
export async function* readCsvRows(input: Readable): AsyncGenerator<TableRow> {
  const parser = input.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: false, info: true }),
  );
  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { row: record.info.lines, cells: record.record };
  }
}

/** Streams the first worksheet of an XLSX upload row by row, without loading the workbook into memory. */
export async function* readXlsxRows(input: Readable): AsyncGenerator<TableRow> {
  // Loaded on first use: most imports are CSV, and the XLSX library is large to parse at start-up.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const worksheet of workbook) {
    for await (const row of worksheet) {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      yield { row: row.number, cells: values.map(cellText) };
    }
    return; // only the first sheet holds data
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date)
    return `${value.getUTCFullYear()}-${String(value.getUTCMonth() + 1).padStart(2, '0')}`;
  if (typeof value === 'object') {
    // Rich text, formulas and hyperlinks: take what the cell shows.
    const cell = value as { result?: unknown; text?: unknown; richText?: { text: string }[] };
    if (cell.richText !== undefined) return cell.richText.map((part) => part.text).join('');
    if (cell.result !== undefined) return cellText(cell.result);
    if (typeof cell.text === 'string') return cell.text;
  }
  return String(value);
}
