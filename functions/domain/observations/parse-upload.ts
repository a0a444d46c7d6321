import type { Readable } from 'node:stream';
import { type ImportField, mapHeaders } from './import-columns.ts';
import type { ImportIssue } from './import-issue.ts';
import { readCsvRows, readXlsxRows, type TableRow } from './read-table-rows.ts';
import { type ParsedObservation, type RowRules, RowValidator } from './validate-rows.ts';

export type UploadFormat = 'csv' | 'xlsx';

/** Where rows come from: an uploaded file, streamed, or rows already in memory (a JSON batch). */
export type TableSource =
  | { readonly kind: UploadFormat; readonly input: Readable }
  | { readonly kind: 'rows'; readonly rows: Iterable<TableRow> | AsyncIterable<TableRow> };

function rowsOf(source: TableSource): Iterable<TableRow> | AsyncIterable<TableRow> {
  switch (source.kind) {
    case 'csv':
      return readCsvRows(source.input);
    case 'xlsx':
      return readXlsxRows(source.input);
    case 'rows':
      return source.rows;
    default: {
      const unreachable: never = source;
      return unreachable;
    }
  }
}

export interface UploadSummary {
  readonly rows: number;
  readonly issues: readonly ImportIssue[];
  /** Issues beyond the cap were counted but not kept. */
  readonly issueCount: number;
}

export interface ParseUploadOptions extends RowRules {
  readonly fields: readonly ImportField[];
  /** Receives valid rows' observations in batches as they are read, so the caller can stage them. */
  readonly onObservations?: (batch: readonly ParsedObservation[]) => Promise<void>;
  readonly batchSize?: number;
  /** At most this many issues are kept (all are counted). */
  readonly maxIssues?: number;
}

/**
 * Reads an upload once, streaming: maps its header to catalog fields, validates every row, hands valid
 * observations to `onObservations` in batches and returns every problem with its row and column.
 */
export async function parseUpload(source: TableSource, options: ParseUploadOptions): Promise<UploadSummary> {
  const rows = rowsOf(source);
  const maxIssues = options.maxIssues ?? 1000;
  const issues: ImportIssue[] = [];
  let issueCount = 0;
  const keep = (found: readonly ImportIssue[]): void => {
    issueCount += found.length;
    for (const issue of found) if (issues.length < maxIssues) issues.push(issue);
  };

  let validator: RowValidator | undefined;
  let dataRows = 0;
  let batch: ParsedObservation[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0 || options.onObservations === undefined) return;
    const ready = batch;
    batch = [];
    await options.onObservations(ready);
  };

  for await (const { row, cells } of rows) {
    if (validator === undefined) {
      const mapping = mapHeaders(cells, options.fields);
      keep(mapping.issues);
      if (mapping.subject === undefined || mapping.period === undefined) break;
      validator = new RowValidator(mapping, options);
      continue;
    }
    dataRows += 1;
    const checked = validator.validate(row, cells);
    keep(checked.issues);
    batch.push(...checked.observations);
    if (batch.length >= (options.batchSize ?? 500)) await flush();
  }
  await flush();
  if (validator === undefined && issueCount === 0) {
    keep([
      {
        row: 1,
        column: '',
        columnLetter: '',
        code: 'missing_column',
        message: { zh: '文件为空：第 1 行应为表头', en: 'the file is empty: row 1 should be the header' },
      },
    ]);
  }
  return { rows: dataRows, issues, issueCount };
}
