/**
 * The period a scoring run assesses: a year (`2024`), a quarter (`2024-Q2`) or a month (`2024-03`),
 * matching a rule set's `period annual | quarterly | monthly`. Observations are monthly, so every
 * period is also the list of months it aggregates.
 */
export type AssessmentPeriod =
  | { readonly kind: 'annual'; readonly year: number }
  | { readonly kind: 'quarterly'; readonly year: number; readonly quarter: 1 | 2 | 3 | 4 }
  | { readonly kind: 'monthly'; readonly year: number; readonly month: number };

export type PeriodKind = AssessmentPeriod['kind'];

/** Parses `2024`, `2024-Q2` or `2024-03`; null when the text is none of these. */
export function parseAssessmentPeriod(text: string): AssessmentPeriod | null {
  const annual = /^(\d{4})$/.exec(text);
  if (annual !== null) return { kind: 'annual', year: Number(annual[1]) };
  const quarterly = /^(\d{4})-Q([1-4])$/.exec(text);
  if (quarterly !== null) {
    return { kind: 'quarterly', year: Number(quarterly[1]), quarter: Number(quarterly[2]) as 1 | 2 | 3 | 4 };
  }
  const monthly = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (monthly !== null) return { kind: 'monthly', year: Number(monthly[1]), month: Number(monthly[2]) };
  return null;
}

export function formatAssessmentPeriod(period: AssessmentPeriod): string {
  switch (period.kind) {
    case 'annual':
      return String(period.year);
    case 'quarterly':
      return `${period.year}-Q${period.quarter}`;
    case 'monthly':
      return `${period.year}-${String(period.month).padStart(2, '0')}`;
    default: {
      const unreachable: never = period;
      return unreachable;
    }
  }
}

/** The `YYYY-MM` months a period covers, in order. */
export function monthsOf(period: AssessmentPeriod): string[] {
  const month = (m: number): string => `${period.year}-${String(m).padStart(2, '0')}`;
  switch (period.kind) {
    case 'annual':
      return Array.from({ length: 12 }, (_, index) => month(index + 1));
    case 'quarterly':
      return [1, 2, 3].map((offset) => month((period.quarter - 1) * 3 + offset));
    case 'monthly':
      return [month(period.month)];
    default: {
      const unreachable: never = period;
      return unreachable;
    }
  }
}

/** The period just before, of the same kind: what `previous.total` reads (作风进步奖). */
export function previousPeriod(period: AssessmentPeriod): AssessmentPeriod {
  switch (period.kind) {
    case 'annual':
      return { kind: 'annual', year: period.year - 1 };
    case 'quarterly':
      return period.quarter === 1
        ? { kind: 'quarterly', year: period.year - 1, quarter: 4 }
        : { kind: 'quarterly', year: period.year, quarter: (period.quarter - 1) as 1 | 2 | 3 };
    case 'monthly':
      return period.month === 1
        ? { kind: 'monthly', year: period.year - 1, month: 12 }
        : { kind: 'monthly', year: period.year, month: period.month - 1 };
    default: {
      const unreachable: never = period;
      return unreachable;
    }
  }
}
