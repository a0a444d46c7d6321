/** One problem with an uploaded row: where it is (1-based row as the user sees it, column header) and why. */
export interface ImportIssue {
  /** The row number in the file as a spreadsheet shows it (the header is row 1). */
  readonly row: number;
  /** The column's header text, and its letter (A, B, …) as a spreadsheet labels it. */
  readonly column: string;
  readonly columnLetter: string;
  readonly code: ImportIssueCode;
  readonly message: { readonly zh: string; readonly en: string };
}

export type ImportIssueCode =
  | 'missing_column'
  | 'unknown_column'
  | 'duplicate_column'
  | 'missing_subject'
  | 'bad_period'
  | 'period_out_of_range'
  | 'bad_value'
  | 'out_of_range'
  | 'duplicate_row'
  | 'unknown_subject';

/** Spreadsheet column label for a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let label = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    label = String.fromCharCode(65 + ((rest - 1) % 26)) + label;
  }
  return label;
}
