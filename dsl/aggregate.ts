import type { CatalogField } from './model.ts';

/**
 * Aggregates one field's observations of a period (in period order) as the catalog says.
 * `ratio` divides the sums of the numerator and denominator fields' observations (via `lookup`), as a percent.
 * Returns null when there is nothing to aggregate (the value is missing).
 */
export function aggregateField(
  field: CatalogField,
  values: readonly (number | boolean | string)[],
  lookup?: (name: string) => readonly number[],
): number | boolean | string | null {
  if (field.aggregation === 'ratio') {
    if (field.ratioOf === undefined || lookup === undefined) return null;
    const num = lookup(field.ratioOf.numerator).reduce((s, x) => s + x, 0);
    const den = lookup(field.ratioOf.denominator).reduce((s, x) => s + x, 0);
    return den === 0 ? null : (num * 100) / den;
  }
  if (values.length === 0) return null;
  if (field.type === 'bool' || field.type === 'category' || field.aggregation === 'last') {
    if (field.type === 'bool' && field.aggregation !== 'last') return values.some((v) => v === true);
    return values[values.length - 1] ?? null;
  }
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (nums.length === 0) return null;
  switch (field.aggregation) {
    case 'sum':
      return nums.reduce((s, x) => s + x, 0);
    case 'avg':
      return nums.reduce((s, x) => s + x, 0) / nums.length;
    case 'min':
      return Math.min(...nums);
    case 'max':
      return Math.max(...nums);
    default: {
      const never: never = field.aggregation;
      return never;
    }
  }
}

/**
 * A subject's period values from its monthly observations (in month order): each catalog field of the
 * subject's level aggregated as the catalog declares. Fields with no observation come out `null` (missing).
 */
export function aggregateMonths(
  catalog: readonly CatalogField[],
  level: 'unit' | 'cadre',
  months: readonly Readonly<Record<string, number | boolean | string | null | undefined>>[],
): Record<string, number | boolean | string | null> {
  const series = (name: string): (number | boolean | string)[] => {
    const out: (number | boolean | string)[] = [];
    for (const month of months) {
      const value = month[name];
      if (value !== undefined && value !== null) out.push(value);
    }
    return out;
  };
  const numbers = (name: string): number[] => series(name).filter((v): v is number => typeof v === 'number');
  const values: Record<string, number | boolean | string | null> = {};
  for (const field of catalog) {
    if (field.level !== level) continue;
    values[field.name] = aggregateField(field, series(field.name), numbers);
  }
  return values;
}
