import type { Range, Text } from './diagnostics.ts';

export interface SubjectInput {
  id: string;
  kind: 'unit' | 'cadre';
  /** unit category, e.g. 窗口服务类 (a cadre takes its unit's) */
  category: string;
  /** quota group (e.g. the unit id for cadres) */
  group?: string;
  /** the group's own grade, for grade-dependent quotas */
  groupGrade?: string;
  /** catalog field name → period value (already aggregated); null/absent = missing */
  values: Readonly<Record<string, number | boolean | string | null>>;
  previous?: {
    total: number;
    grade: string | null;
    dimensions: Readonly<Record<string, number>>;
    /** indicator id → previous score 0..100, read by `missing carry` */
    indicators?: Readonly<Record<string, number>>;
  };
}
export type InputValue = number | boolean | string | null;
export interface TraceEntry {
  ruleId: string;
  kind: string;
  range: Range;
  inputs: Readonly<Record<string, InputValue>>;
  /** in words, e.g. '热线解决率 82 → 线性 70..95 → 48分 × 权重 …' */
  computation: string;
  /** signed; the entries of a result sum exactly to `total` */
  points: number;
  dimension?: string;
  sentence: Text;
}
export type ResultStatus = 'scored' | 'needs_review' | 'no_grade';
export interface SubjectResult {
  subjectId: string;
  total: number;
  dimensions: Readonly<Record<string, number>>;
  grade: string | null;
  status: ResultStatus;
  trace: readonly TraceEntry[];
  fired: readonly string[];
  vetoes: readonly { ruleId: string; effect: string; reason: string }[];
  tolerances: readonly { ruleId: string; exempted: readonly string[]; reason: string }[];
  /** indicator id → score 0..100 (2 places), for profiles and `missing carry` next period */
  indicatorScores?: Readonly<Record<string, number>>;
  rank?: number;
  quotaAdjusted?: { from: string; to: string; reason: string };
}
