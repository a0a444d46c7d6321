import type { HeaderMapping } from './import-columns.ts';
import { columnLetter, type ImportIssue } from './import-issue.ts';
import { type CellValue, parseCell, parsePeriod } from './parse-cell.ts';

export interface ParsedObservation {
  readonly row: number;
  readonly subjectId: string;
  readonly period: string;
  readonly field: string;
  readonly value: CellValue;
}

export interface RowRules {
  /** Inclusive `YYYY-MM` bounds a period must fall within. */
  readonly periodRange?: { readonly from: string; readonly to: string };
  /** Known subject ids; when given, any other id is an error. */
  readonly knownSubject?: (subjectId: string) => boolean;
}

/**
 * Validates rows one at a time against a header mapping. Keeps only the (subject, period) keys it has
 * seen, so memory grows with distinct keys, not with the file.
 */
export class RowValidator {
  readonly #mapping: HeaderMapping;
  readonly #rules: RowRules;
  readonly #firstRowOfKey = new Map<string, number>();

  constructor(mapping: HeaderMapping, rules: RowRules = {}) {
    this.#mapping = mapping;
    this.#rules = rules;
  }

  /** Checks one data row (`row` as the spreadsheet numbers it) and returns its observations and issues. */
  validate(
    row: number,
    cells: readonly string[],
  ): { observations: ParsedObservation[]; issues: ImportIssue[] } {
    const issues: ImportIssue[] = [];
    const observations: ParsedObservation[] = [];
    const { subject, period, fields } = this.#mapping;
    if (subject === undefined || period === undefined) return { observations, issues };

    const at = (index: number, header: string) => ({
      row,
      column: header,
      columnLetter: columnLetter(index),
    });
    const subjectId = (cells[subject.index] ?? '').trim();
    if (subjectId === '') {
      issues.push({
        ...at(subject.index, subject.header),
        code: 'missing_subject',
        message: { zh: '考核对象编码为空', en: 'the subject id is empty' },
      });
    } else if (this.#rules.knownSubject !== undefined && !this.#rules.knownSubject(subjectId)) {
      issues.push({
        ...at(subject.index, subject.header),
        code: 'unknown_subject',
        message: { zh: `未知的考核对象“${subjectId}”`, en: `unknown subject "${subjectId}"` },
      });
    }

    const rawPeriod = cells[period.index] ?? '';
    const month = parsePeriod(rawPeriod);
    if (month === undefined) {
      issues.push({
        ...at(period.index, period.header),
        code: 'bad_period',
        message: {
          zh: `期间“${rawPeriod}”格式不正确，应为 YYYY-MM（如 2024-03）`,
          en: `period "${rawPeriod}" is not a YYYY-MM month (e.g. 2024-03)`,
        },
      });
    } else if (this.#outOfRange(month)) {
      const range = this.#rules.periodRange;
      issues.push({
        ...at(period.index, period.header),
        code: 'period_out_of_range',
        message: {
          zh: `期间 ${month} 不在 ${range?.from}–${range?.to} 之内`,
          en: `period ${month} is outside ${range?.from}–${range?.to}`,
        },
      });
    }

    if (subjectId !== '' && month !== undefined) {
      const key = `${subjectId}\u0000${month}`;
      const first = this.#firstRowOfKey.get(key);
      if (first !== undefined) {
        issues.push({
          ...at(subject.index, subject.header),
          code: 'duplicate_row',
          message: {
            zh: `与第 ${first} 行重复（同一对象 ${subjectId}、同一期间 ${month}）`,
            en: `duplicates row ${first} (same subject ${subjectId} and period ${month})`,
          },
        });
      } else {
        this.#firstRowOfKey.set(key, row);
      }
    }

    for (const binding of fields) {
      const parsed = parseCell(cells[binding.index] ?? '', binding.field);
      if (!parsed.ok) {
        issues.push({
          ...at(binding.index, binding.header),
          code: parsed.code,
          message: { zh: parsed.zh, en: parsed.en },
        });
      } else if (parsed.value !== null && month !== undefined && subjectId !== '') {
        observations.push({ row, subjectId, period: month, field: binding.field.name, value: parsed.value });
      }
    }
    return { observations: issues.length === 0 ? observations : [], issues };
  }

  #outOfRange(month: string): boolean {
    const range = this.#rules.periodRange;
    return range !== undefined && (month < range.from || month > range.to);
  }
}
