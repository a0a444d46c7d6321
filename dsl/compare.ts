import type { CompiledRuleSet } from './index.ts';
import type { SubjectResult } from './types.ts';

/** One subject in one period, under the baseline and under the candidate. */
export interface SubjectComparison {
  readonly period: string;
  readonly subjectId: string;
  readonly category: string;
  readonly baseline: Outcome;
  readonly candidate: Outcome;
  /** candidate − baseline, exact to the hundredth. */
  readonly delta: number;
  readonly gradeChanged: boolean;
  /** The rules whose points moved, largest movement first: what caused the delta. */
  readonly causes: readonly { readonly ruleId: string; readonly delta: number }[];
  readonly vetoFlip?: 'added' | 'removed';
  readonly toleranceFlip?: 'added' | 'removed';
}

export interface Outcome {
  readonly total: number;
  readonly grade: string | null;
  readonly status: SubjectResult['status'];
  readonly vetoes: readonly string[];
  readonly quotaAdjusted: boolean;
}

export interface DryRunSummary {
  readonly subjects: number;
  readonly distribution: readonly {
    readonly grade: string;
    readonly baseline: number;
    readonly candidate: number;
  }[];
  readonly meanDelta: number;
  readonly maxDelta: { readonly value: number; readonly subjectId: string; readonly period: string } | null;
  readonly gradeChanges: number;
  readonly upgrades: number;
  readonly downgrades: number;
  readonly vetoFlips: number;
  readonly toleranceFlips: number;
  readonly quotaAdjusted: { readonly baseline: number; readonly candidate: number };
  readonly statusChanges: number;
  /** Candidate rules that gave or took no point, vetoed nothing and exempted nothing anywhere in the data. */
  readonly neverFired: readonly { readonly ruleId: string; readonly kind: string }[];
  /** A histogram of deltas in 1-point buckets: bucket b holds deltas in [b, b + 1). */
  readonly deltaHistogram: readonly { readonly bucket: number; readonly count: number }[];
}

const cents = (value: number): number => Math.round(value * 100);
const fromCents = (value: number): number => value / 100;
const noGrade = '不定等次';

function outcomeOf(result: SubjectResult): Outcome {
  return {
    total: result.total,
    grade: result.grade,
    status: result.status,
    vetoes: result.vetoes.map((veto) => veto.ruleId),
    quotaAdjusted: result.quotaAdjusted !== undefined,
  };
}

function pointsByRule(result: SubjectResult): Map<string, number> {
  const points = new Map<string, number>();
  for (const entry of result.trace)
    points.set(entry.ruleId, (points.get(entry.ruleId) ?? 0) + cents(entry.points));
  return points;
}

/** Compares one subject's baseline and candidate results, attributing the delta to rules via the traces. */
export function compareSubject(
  period: string,
  category: string,
  baseline: SubjectResult,
  candidate: SubjectResult,
): SubjectComparison {
  const before = pointsByRule(baseline);
  const after = pointsByRule(candidate);
  const causes = [...new Set([...before.keys(), ...after.keys()])]
    .map((ruleId) => ({ ruleId, delta: (after.get(ruleId) ?? 0) - (before.get(ruleId) ?? 0) }))
    .filter((cause) => cause.delta !== 0)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.ruleId < b.ruleId ? -1 : 1))
    .map((cause) => ({ ruleId: cause.ruleId, delta: fromCents(cause.delta) }));
  const vetoFlip = flip(baseline.vetoes.length > 0, candidate.vetoes.length > 0);
  const toleranceFlip = flip(baseline.tolerances.length > 0, candidate.tolerances.length > 0);
  return {
    period,
    subjectId: baseline.subjectId,
    category,
    baseline: outcomeOf(baseline),
    candidate: outcomeOf(candidate),
    delta: fromCents(cents(candidate.total) - cents(baseline.total)),
    gradeChanged: baseline.grade !== candidate.grade,
    causes,
    ...(vetoFlip === undefined ? {} : { vetoFlip }),
    ...(toleranceFlip === undefined ? {} : { toleranceFlip }),
  };
}

function flip(before: boolean, after: boolean): 'added' | 'removed' | undefined {
  if (before === after) return undefined;
  return after ? 'added' : 'removed';
}

/** Aggregates the comparisons: distributions, deltas, flips, and candidate rules that never fired. */
export function summarize(
  comparisons: readonly SubjectComparison[],
  candidateResults: readonly SubjectResult[],
  baselineRuleSet: CompiledRuleSet,
  candidateRuleSet: CompiledRuleSet,
): DryRunSummary {
  const grades = [...new Set([...candidateRuleSet.grades, ...baselineRuleSet.grades, noGrade])];
  const count = (pick: (c: SubjectComparison) => string | null, grade: string): number =>
    comparisons.filter((c) => (pick(c) ?? noGrade) === grade).length;
  const distribution = grades
    .map((grade) => ({
      grade,
      baseline: count((c) => c.baseline.grade, grade),
      candidate: count((c) => c.candidate.grade, grade),
    }))
    .filter((row) => row.grade !== noGrade || row.baseline + row.candidate > 0);

  const rankOf = (grade: string | null): number => {
    const index = grade === null ? -1 : candidateRuleSet.grades.indexOf(grade);
    return index < 0 ? candidateRuleSet.grades.length : index;
  };
  let totalCents = 0;
  let maxDelta: DryRunSummary['maxDelta'] = null;
  const histogram = new Map<number, number>();
  for (const c of comparisons) {
    totalCents += cents(c.delta);
    if (maxDelta === null || Math.abs(c.delta) > Math.abs(maxDelta.value)) {
      maxDelta = { value: c.delta, subjectId: c.subjectId, period: c.period };
    }
    const bucket = Math.floor(c.delta);
    histogram.set(bucket, (histogram.get(bucket) ?? 0) + 1);
  }

  const fired = new Set<string>();
  for (const result of candidateResults) {
    for (const ruleId of result.fired) fired.add(ruleId);
    for (const entry of result.trace) if (entry.points !== 0) fired.add(entry.ruleId);
  }
  const changed = comparisons.filter((c) => c.gradeChanged);
  return {
    subjects: comparisons.length,
    distribution,
    meanDelta: comparisons.length === 0 ? 0 : Math.round(totalCents / comparisons.length) / 100,
    maxDelta,
    gradeChanges: changed.length,
    upgrades: changed.filter((c) => rankOf(c.candidate.grade) < rankOf(c.baseline.grade)).length,
    downgrades: changed.filter((c) => rankOf(c.candidate.grade) > rankOf(c.baseline.grade)).length,
    vetoFlips: comparisons.filter((c) => c.vetoFlip !== undefined).length,
    toleranceFlips: comparisons.filter((c) => c.toleranceFlip !== undefined).length,
    quotaAdjusted: {
      baseline: comparisons.filter((c) => c.baseline.quotaAdjusted).length,
      candidate: comparisons.filter((c) => c.candidate.quotaAdjusted).length,
    },
    statusChanges: comparisons.filter((c) => c.baseline.status !== c.candidate.status).length,
    neverFired: candidateRuleSet.rules
      .filter((rule) => rule.kind !== 'grade' && rule.kind !== 'quota' && !fired.has(rule.id))
      .map((rule) => ({ ruleId: rule.id, kind: rule.kind })),
    deltaHistogram: [...histogram.entries()]
      .sort(([a], [b]) => a - b)
      .map(([bucket, count]) => ({ bucket, count })),
  };
}
