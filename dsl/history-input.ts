import { aggregateMonths } from './aggregate.ts';
import type { CompiledRuleSet } from './index.ts';
import type { SubjectInput } from './types.ts';

/** One line of a history file (JSONL): a subject's observations for one month. */
export interface HistoryLine {
  readonly subject: string;
  /** `YYYY-MM`. */
  readonly period: string;
  readonly category?: string;
  readonly group?: string;
  readonly values: Readonly<Record<string, number | boolean | string | null>>;
}

/** The period of the rule set's kind (`2024`, `2024-Q2`, `2024-03`) a month falls in. */
export function periodOfMonth(month: string, kind: CompiledRuleSet['period']): string {
  const year = month.slice(0, 4);
  if (kind === 'annual') return year;
  if (kind === 'monthly') return month;
  return `${year}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Reads JSONL history lines; an unreadable line is an error naming its line number. */
export function parseHistoryLines(text: string): HistoryLine[] {
  const lines: HistoryLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const where = `第${index + 1}行 / line ${index + 1}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`${where}: 不是 JSON / not JSON`);
    }
    const record = parsed as Partial<HistoryLine>;
    if (typeof record.subject !== 'string' || typeof record.values !== 'object' || record.values === null) {
      throw new Error(`${where}: 需要 subject 与 values / needs subject and values`);
    }
    if (typeof record.period !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(record.period)) {
      throw new Error(`${where}: period 应为 YYYY-MM / period must be YYYY-MM`);
    }
    lines.push(record as HistoryLine);
  });
  return lines;
}

/**
 * Groups monthly history into the rule set's periods and aggregates each subject's months as the catalog
 * says: what a scoring run does with stored observations, for files on disk.
 */
export function subjectsByPeriod(
  lines: readonly HistoryLine[],
  ruleSet: CompiledRuleSet,
): { period: string; subjects: SubjectInput[] }[] {
  const periods = new Map<string, Map<string, HistoryLine[]>>();
  for (const line of [...lines].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))) {
    const period = periodOfMonth(line.period, ruleSet.period);
    const subjects = periods.get(period) ?? new Map<string, HistoryLine[]>();
    subjects.set(line.subject, [...(subjects.get(line.subject) ?? []), line]);
    periods.set(period, subjects);
  }
  return [...periods.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([period, subjects]) => ({
      period,
      subjects: [...subjects.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([id, months]) => {
          const first = months[0];
          return {
            id,
            kind: ruleSet.subjectKind,
            category: first?.category ?? '',
            ...(first?.group === undefined ? {} : { group: first.group }),
            values: aggregateMonths(
              ruleSet.catalog,
              ruleSet.subjectKind,
              months.map((month) => month.values),
            ),
          };
        }),
    }));
}
