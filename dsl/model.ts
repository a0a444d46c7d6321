import type * as A from './ast.ts';
import type { Rat } from './rational.ts';

export type FieldType = 'percent' | 'count' | 'days' | 'minutes' | 'number' | 'bool' | 'category';
export type Aggregation = 'avg' | 'sum' | 'last' | 'min' | 'max' | 'ratio';
export interface CatalogField {
  name: string;
  type: FieldType;
  source: string;
  level: 'unit' | 'cadre';
  aggregation: Aggregation;
  ratioOf?: { numerator: string; denominator: string };
  min?: number;
  max?: number;
}
export type MissingRule =
  | { readonly kind: 'exempt' | 'zero' | 'carry' }
  | { readonly kind: 'fixed'; readonly points: Rat };
export interface ModelIndicator {
  readonly id: string;
  readonly node: A.Indicator;
  readonly dimension: string;
  readonly dimIndex: number;
  /** empty: every category */
  readonly applies: readonly string[];
  readonly weight: Rat;
  readonly source: A.Expr;
  readonly score: A.ScoreFn;
  readonly missing: MissingRule;
}
export interface ModelDimension {
  readonly name: string;
  readonly weight: Rat;
  readonly floor?: Rat;
  readonly node: A.Dimension;
}
export interface ModelGrade {
  readonly name: string;
  readonly min?: Rat;
  readonly node: A.GradeEntry;
}
export interface ModelQuota {
  readonly grade: string;
  readonly share?: Rat;
  readonly byGroup: readonly { readonly grade?: string; readonly share: Rat }[];
  readonly range: A.Quota['range'];
}
/** The checked, effective rule set (after inheritance): what the interpreter and the compiler read. */
export interface Model {
  readonly name: string;
  readonly subjectKind: 'unit' | 'cadre';
  readonly period: 'annual' | 'quarterly' | 'monthly';
  readonly base: Rat;
  readonly bonusCap?: Rat;
  readonly deductionCap?: Rat;
  readonly categories: readonly string[];
  readonly fields: ReadonlyMap<string, CatalogField>;
  readonly dimensions: readonly ModelDimension[];
  readonly indicators: readonly ModelIndicator[];
  readonly adjustments: readonly A.Adjustment[];
  readonly vetoes: readonly A.Veto[];
  readonly tolerances: readonly A.Tolerance[];
  readonly grades: readonly ModelGrade[];
  readonly quotas: readonly ModelQuota[];
  readonly allow: ReadonlySet<A.Extensible>;
  readonly tests: readonly A.TestCase[];
  /** every item, own and inherited, with its origin */
  readonly items: readonly A.Item[];
  /** the items a parent marked, by rule id */
  readonly marks: ReadonlyMap<string, A.Mark>;
}
