import type * as A from './ast.ts';
import type { Model } from './model.ts';
import { cmp, type Rat, rat, toCents } from './rational.ts';
import type { InputValue, ResultStatus, SubjectInput, SubjectResult, TraceEntry } from './types.ts';

/** One trace entry before rounding: the part both evaluators (interpreter and compiled) agree on. */
export interface Draft {
  readonly ruleId: string;
  readonly kind: 'indicator' | 'bonus' | 'deduction' | 'veto';
  readonly range: A.Name['range'];
  readonly inputs: Readonly<Record<string, InputValue>>;
  readonly dimension?: string;
  /** words for the computation and the sentence, given the rounded points as text */
  readonly explain: (points: string) => { computation: string; zh: string; en: string };
}
export type VetoOutcome = { readonly veto: A.Veto; readonly holds: boolean | null };

const fmt = (cents: number): string => (cents / 100).toFixed(2);

/** Cumulative rounding: entry i gets round(S_i) − round(S_{i−1}), so the entries sum exactly to round(total). */
export function cumulativeCents(exact: readonly Rat[]): number[] {
  const out: number[] = [];
  let sum = rat(0n);
  let prev = 0n;
  for (const x of exact) {
    sum = rat(sum.n * x.d + x.n * sum.d, sum.d * x.d);
    const c = toCents(sum);
    out.push(Number(c - prev));
    prev = c;
  }
  return out;
}

/** The lowest total (in cents) that reaches each grade: ceil(min × 100). */
export function gradeThresholds(model: Model): (number | undefined)[] {
  return model.grades.map((g) => {
    if (g.min === undefined) return undefined;
    const scaled = rat(g.min.n * 100n, g.min.d);
    const f = scaled.n / scaled.d;
    return Number(scaled.n % scaled.d === 0n || scaled.n < 0n ? f : f + 1n);
  });
}

export function gradeOf(
  model: Model,
  thresholds: readonly (number | undefined)[],
  totalCents: number,
): number {
  for (let i = 0; i < model.grades.length; i++) {
    const t = thresholds[i];
    if (t === undefined || totalCents >= t) return i;
  }
  return -1;
}

/** Applies vetoes to the score grade: no grade is heaviest; otherwise the worst of set and capped grades wins. */
export function applyVetoes(
  model: Model,
  scoreGrade: number,
  outcomes: readonly VetoOutcome[],
): { grade: number; status: ResultStatus } {
  let grade = scoreGrade;
  let status: ResultStatus = 'scored';
  let set = -1;
  for (const { veto, holds } of outcomes) {
    if (holds === null) {
      status = 'needs_review';
      continue;
    }
    if (!holds) continue;
    const e = veto.effect;
    if (e.kind === 'none') return { grade: -1, status: 'no_grade' };
    const g = model.grades.findIndex((x) => x.name === e.grade.text);
    if (e.kind === 'set') set = Math.max(set, g);
    else grade = grade < 0 ? grade : Math.max(grade, g);
  }
  if (set >= 0) grade = Math.max(set, grade);
  return { grade, status };
}

export interface Outcome {
  readonly drafts: readonly Draft[];
  readonly cents: readonly number[];
  readonly vetoes: readonly VetoOutcome[];
  readonly tolerances: readonly { readonly rule: A.Tolerance; readonly exempted: readonly string[] }[];
  readonly fired: readonly string[];
  readonly indicatorScores: Readonly<Record<string, number>>;
}

export function finish(
  model: Model,
  thresholds: readonly (number | undefined)[],
  subject: SubjectInput,
  o: Outcome,
): SubjectResult {
  let totalCents = 0;
  const dimCents: Record<string, number> = {};
  for (const d of model.dimensions) dimCents[d.name] = 0;
  const trace: TraceEntry[] = o.drafts.map((d, i) => {
    const c = o.cents[i] ?? 0;
    totalCents += c;
    if (d.dimension !== undefined) dimCents[d.dimension] = (dimCents[d.dimension] ?? 0) + c;
    const words = d.explain(fmt(Math.abs(c)));
    const entry: TraceEntry = {
      ruleId: d.ruleId,
      kind: d.kind,
      range: d.range,
      inputs: d.inputs,
      computation: words.computation,
      points: c / 100,
      sentence: { zh: words.zh, en: words.en },
    };
    if (d.dimension !== undefined) entry.dimension = d.dimension;
    return entry;
  });
  const scoreGrade = gradeOf(model, thresholds, totalCents);
  const vetoed = applyVetoes(model, scoreGrade, o.vetoes);
  const grade = vetoed.grade;
  // a subject of a category the rule set does not know was scored on the common indicators only: review it
  const unknownCategory = model.categories.length > 0 && !model.categories.includes(subject.category);
  const status: ResultStatus = vetoed.status === 'scored' && unknownCategory ? 'needs_review' : vetoed.status;
  const dimensions: Record<string, number> = {};
  for (const [k, v] of Object.entries(dimCents)) dimensions[k] = v / 100;
  return {
    subjectId: subject.id,
    total: totalCents / 100,
    dimensions,
    grade: grade < 0 ? null : (model.grades[grade]?.name ?? null),
    status: grade < 0 && status === 'scored' ? 'no_grade' : status,
    trace,
    fired: o.fired,
    vetoes: o.vetoes
      .filter((v) => v.holds === true)
      .map(({ veto }) => ({
        ruleId: veto.name.text,
        effect: veto.effect.kind === 'none' ? 'no_grade' : `${veto.effect.kind}:${veto.effect.grade.text}`,
        reason: veto.reason.value,
      })),
    tolerances: o.tolerances.map((t) => ({
      ruleId: t.rule.name.text,
      exempted: t.exempted,
      reason: t.rule.reason.value,
    })),
    indicatorScores: o.indicatorScores,
  };
}

export const ratEq = (a: Rat, b: Rat): boolean => cmp(a, b) === 0;
