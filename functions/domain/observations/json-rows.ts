import type { ImportIssue } from './import-issue.ts';
import type { TableRow } from './read-table-rows.ts';

/** One row of a JSON observation batch. */
export interface JsonObservationRow {
  readonly subject: string;
  readonly period: string;
  readonly values: Readonly<Record<string, number | boolean | string | null>>;
}

/**
 * Lays a JSON batch out as a table (header `subject, period, <every field named>`), so it is validated by
 * exactly the rules an uploaded file is. Data row i of the batch is table row i + 2.
 */
export function tableFromJsonRows(rows: readonly JsonObservationRow[]): TableRow[] {
  const fields: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const name of Object.keys(row.values)) {
      if (!seen.has(name)) {
        seen.add(name);
        fields.push(name);
      }
    }
  }
  const text = (value: number | boolean | string | null | undefined): string =>
    value === null || value === undefined ? '' : String(value);
  return [
    { row: 1, cells: ['subject', 'period', ...fields] },
    ...rows.map((row, index) => ({
      row: index + 2,
      cells: [row.subject, row.period, ...fields.map((name) => text(row.values[name]))],
    })),
  ];
}

/** Where a table issue sits in the JSON body: `rows[3].values.满意率`, `rows[0].period`, … */
export function jsonPathOf(issue: ImportIssue, rows: readonly JsonObservationRow[]): string {
  const column =
    issue.column === 'subject' || issue.column === 'period' ? issue.column : `values.${issue.column}`;
  if (issue.row >= 2) return `rows[${issue.row - 2}].${column}`;
  // A header problem (an unknown field): point at the first row that names it.
  const first = rows.findIndex((row) => Object.hasOwn(row.values, issue.column));
  return first < 0 ? 'rows' : `rows[${first}].${column}`;
}
