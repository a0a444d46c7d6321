import { beforeAll, describe, expect, it } from 'vitest';
import { type CompiledRuleSet, compile } from '../../../dsl/index.ts';
import { dryRun } from '../../../functions/domain/dry-run/dry-run.ts';
import type { RunPorts } from '../../../functions/domain/scoring/run-ports.ts';
import { createRun, executeRun } from '../../../functions/domain/scoring/scoring-run.ts';
import { cityKey } from '../../../functions/domain/tenant-key.ts';
import { runPortsFor } from '../../support/run-ports.ts';
import { seedSliceHistory, sliceSource, sliceSubjects } from '../../support/slice-history.ts';
import { useTestTable } from '../../support/test-table.ts';

const tenant = cityKey('demo', 'east');

// The candidate moves 5% of weight from 履职效能 to 廉洁自律 and softens the complaint deduction.
const candidateSource = sliceSource
  .replace('dimension 履职效能 weight 30%', 'dimension 履职效能 weight 25%')
  .replace('dimension 廉洁自律 weight 15%', 'dimension 廉洁自律 weight 20%')
  .replace('per 3 take 5', 'per 3 take 3');

function compiled(source: string): CompiledRuleSet {
  const result = compile(source);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics.slice(0, 3)));
  return result.ruleSet;
}

describe('dryRun', () => {
  const table = useTestTable();
  let baseline: CompiledRuleSet;
  let candidate: CompiledRuleSet;

  const ports = (ruleSet: CompiledRuleSet): RunPorts => runPortsFor(table, sliceSubjects, () => ruleSet);

  beforeAll(async () => {
    baseline = compiled(sliceSource);
    candidate = compiled(candidateSource);
    await seedSliceHistory(table, tenant);
  });

  it('reports per-subject deltas equal to the difference of two independent scoring runs', async () => {
    const report = await dryRun(ports(candidate), tenant, {
      baseline,
      candidate,
      periods: ['2024'],
      scope: {},
    });

    const totals = async (ruleSet: CompiledRuleSet) => {
      const p = ports(ruleSet);
      const run = await createRun(p, tenant, 'a', { ruleSetId: 'x', version: 1, period: '2024', scope: {} });
      await executeRun(p, tenant, run.runId);
      const results = await p.store.loadResults(tenant, run.runId);
      return new Map(results.map((result) => [result.subjectId, result]));
    };
    const [before, after] = [await totals(baseline), await totals(candidate)];

    expect(report.subjects).toHaveLength(sliceSubjects.length);
    for (const comparison of report.subjects) {
      const b = before.get(comparison.subjectId);
      const a = after.get(comparison.subjectId);
      expect(comparison.baseline.total).toBe(b?.total);
      expect(comparison.candidate.total).toBe(a?.total);
      expect(Math.round(comparison.delta * 100)).toBe(Math.round(((a?.total ?? 0) - (b?.total ?? 0)) * 100));
      expect(comparison.candidate.grade).toBe(a?.grade);
    }
  });

  it('attributes each delta to the rules that moved, summing to the delta', async () => {
    const report = await dryRun(ports(candidate), tenant, {
      baseline,
      candidate,
      periods: ['2024'],
      scope: {},
    });

    const moved = report.subjects.filter((comparison) => comparison.delta !== 0);
    expect(moved.length).toBeGreaterThan(0);
    for (const comparison of moved) {
      const sum = comparison.causes.reduce((total, cause) => total + Math.round(cause.delta * 100), 0);
      expect(sum).toBe(Math.round(comparison.delta * 100));
    }
    const causeIds = new Set(moved.flatMap((comparison) => comparison.causes.map((cause) => cause.ruleId)));
    expect(causeIds.has('投诉未回应') || causeIds.has('平均办结天数') || causeIds.has('廉洁')).toBe(true);
  });

  it('summarises grade distributions, changes and deltas consistently with the subjects', async () => {
    const report = await dryRun(ports(candidate), tenant, {
      baseline,
      candidate,
      periods: ['2024'],
      scope: {},
    });
    const { summary } = report;

    const sum = (pick: (row: (typeof summary.distribution)[number]) => number) =>
      summary.distribution.reduce((total, row) => total + pick(row), 0);
    expect(sum((row) => row.baseline)).toBe(sliceSubjects.length);
    expect(sum((row) => row.candidate)).toBe(sliceSubjects.length);
    expect(summary.gradeChanges).toBe(report.subjects.filter((comparison) => comparison.gradeChanged).length);
    expect(summary.upgrades + summary.downgrades).toBe(summary.gradeChanges);
    expect(summary.deltaHistogram.reduce((total, bucket) => total + bucket.count, 0)).toBe(
      sliceSubjects.length,
    );
    expect(Math.abs(summary.maxDelta?.value ?? 0)).toBe(
      Math.max(...report.subjects.map((comparison) => Math.abs(comparison.delta))),
    );
    expect(report.subjects[0]?.gradeChanged || summary.gradeChanges === 0).toBe(true);
  });

  it('finds no change when the candidate is the baseline', async () => {
    const report = await dryRun(ports(baseline), tenant, {
      baseline,
      candidate: baseline,
      periods: ['2024'],
      scope: {},
    });

    expect(report.summary.gradeChanges).toBe(0);
    expect(report.summary.meanDelta).toBe(0);
    expect(report.subjects.every((comparison) => comparison.causes.length === 0)).toBe(true);
  });

  it('rejects a period of the wrong kind', async () => {
    await expect(
      dryRun(ports(candidate), tenant, { baseline, candidate, periods: ['2024-03'], scope: {} }),
    ).rejects.toMatchObject({ status: 400, code: 'bad_period' });
  });
});
