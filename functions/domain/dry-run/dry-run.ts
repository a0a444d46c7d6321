import {
  type CompiledRuleSet,
  compareSubject,
  type DryRunSummary,
  type SubjectComparison,
  summarizeComparisons,
} from '../../../dsl/index.ts';
import { BadRequestError } from '../errors.ts';
import { formatAssessmentPeriod, parseAssessmentPeriod } from '../scoring/assessment-period.ts';
import { inputsFor, readPeriodData } from '../scoring/period-data.ts';
import type { RunScope } from '../scoring/run-model.ts';
import type { RunPorts } from '../scoring/run-ports.ts';
import type { TenantKey } from '../tenant-key.ts';

export interface DryRunRequest {
  readonly baseline: CompiledRuleSet;
  readonly candidate: CompiledRuleSet;
  /** Periods to replay, e.g. `['2024', '2025']`. */
  readonly periods: readonly string[];
  readonly scope: RunScope;
}

export interface DryRunReport {
  readonly baseline: { readonly name: string; readonly hash: string };
  readonly candidate: { readonly name: string; readonly hash: string };
  readonly periods: readonly string[];
  readonly summary: DryRunSummary;
  /** Every subject-period, grade changes and largest deltas first. */
  readonly subjects: readonly SubjectComparison[];
}

export type DryRunPorts = Pick<RunPorts, 'subjects' | 'observations' | 'scoreSubject' | 'applyPopulation'>;

/**
 * Evaluates a candidate and a baseline rule set over the same historical data, period by period, and
 * reports per subject what changed and which rules caused it. Reads each period's data once.
 */
export async function dryRun(
  ports: DryRunPorts,
  tenant: TenantKey,
  request: DryRunRequest,
  onProgress?: (done: number, total: number) => void,
): Promise<DryRunReport> {
  const { baseline, candidate } = request;
  if (baseline.subjectKind !== candidate.subjectKind || baseline.period !== candidate.period) {
    throw new BadRequestError('incomparable_rule_sets', {
      zh: '基线与候选规则集的考核对象或考核周期不同，无法对比',
      en: 'the baseline and the candidate assess different subjects or periods',
    });
  }
  const comparisons: SubjectComparison[] = [];
  const candidateResults = [];
  for (const [position, text] of request.periods.entries()) {
    const period = parseAssessmentPeriod(text);
    if (period === null || period.kind !== candidate.period) {
      throw new BadRequestError('bad_period', {
        zh: `期间“${text}”不是${candidate.period === 'annual' ? '年度' : candidate.period === 'quarterly' ? '季度' : '月度'}期间`,
        en: `"${text}" is not a ${candidate.period} period`,
      });
    }
    const data = await readPeriodData(ports, tenant, candidate.subjectKind, request.scope, period);
    const baselineInputs = inputsFor(baseline, data);
    const candidateInputs = inputsFor(candidate, data);
    const before = ports.applyPopulation(
      baseline,
      baselineInputs,
      baselineInputs.map((input) => ports.scoreSubject(baseline, input)),
    );
    const after = ports.applyPopulation(
      candidate,
      candidateInputs,
      candidateInputs.map((input) => ports.scoreSubject(candidate, input)),
    );
    const label = formatAssessmentPeriod(period);
    before.forEach((result, index) => {
      const subject = data.subjects[index];
      const other = after[index];
      if (subject === undefined || other === undefined) return;
      comparisons.push(compareSubject(label, subject.category, result, other));
    });
    candidateResults.push(...after);
    onProgress?.(position + 1, request.periods.length);
  }
  comparisons.sort(
    (a, b) =>
      Number(b.gradeChanged) - Number(a.gradeChanged) ||
      Math.abs(b.delta) - Math.abs(a.delta) ||
      (a.period + a.subjectId < b.period + b.subjectId ? -1 : 1),
  );
  return {
    baseline: { name: baseline.name, hash: baseline.effectiveHash },
    candidate: { name: candidate.name, hash: candidate.effectiveHash },
    periods: request.periods,
    summary: summarizeComparisons(comparisons, candidateResults, baseline, candidate),
    subjects: comparisons,
  };
}
