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
