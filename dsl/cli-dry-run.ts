import type { Io } from './cli.ts';
import { compareSubject, summarize } from './compare.ts';
import { parseHistoryLines, subjectsByPeriod } from './history-input.ts';
import {
  type CompiledRuleSet,
  compile,
  type Diagnostic,
  diffRuleSets,
  type SubjectInput,
  scorePopulation,
} from './index.ts';

export interface DryRunRequest {
  readonly baselineFile: string;
  readonly candidate: CompiledRuleSet;
  readonly options: { catalog?: string; parent?: CompiledRuleSet };
  readonly dataFile: string;
  readonly dataText: string;
  readonly json: boolean;
}

type ReadSubjects = (text: string, file: string, ruleSet: CompiledRuleSet) => SubjectInput[];

const show = (file: string, d: Diagnostic): string =>
  `${d.range.file ?? file}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.code} ${d.message.zh} / ${d.message.en}`;

/** Whether a JSONL file holds monthly history (lines with `period`) rather than period-ready subjects. */
function isHistory(file: string, text: string): boolean {
  if (!file.endsWith('.jsonl') && !file.endsWith('.json')) return false;
  const first = text.split('\n').find((line) => line.trim() !== '');
  return first !== undefined && /"period"\s*:/.test(first);
}

/**
 * `kaoping dry-run`: scores the same data under the baseline and the candidate and reports, subject by
 * subject, the delta and the rules that caused it, with the same aggregates as the console's dry-run. Data is
 * either monthly history (JSONL lines `{subject, period: "YYYY-MM", category, values}`, grouped into the rule
 * set's periods and aggregated per the catalog) or period-ready subjects (JSONL or CSV, as `score` reads).
 */
export function runDryRun(io: Io, request: DryRunRequest, readSubjects: ReadSubjects): number {
  const { candidate, options, json } = request;
  let baselineSource: string;
  try {
    baselineSource = io.read(request.baselineFile);
  } catch {
    io.err(`无法读取文件 / cannot read ${request.baselineFile}`);
    return 2;
  }
  const compiled = compile(baselineSource, { ...options, fileName: request.baselineFile });
  if (!compiled.ok) {
    for (const d of compiled.diagnostics) io.err(show(request.baselineFile, d));
    return 1;
  }
  const baseline = compiled.ruleSet;

  let periods: { period: string; before: SubjectInput[]; after: SubjectInput[] }[];
  try {
    if (isHistory(request.dataFile, request.dataText)) {
      const lines = parseHistoryLines(request.dataText);
      const before = subjectsByPeriod(lines, baseline);
      const after = new Map(subjectsByPeriod(lines, candidate).map((p) => [p.period, p.subjects]));
      periods = before.map((p) => ({
        period: p.period,
        before: p.subjects,
        after: after.get(p.period) ?? [],
      }));
    } else {
      periods = [
        {
          period: '-',
          before: readSubjects(request.dataText, request.dataFile, baseline),
          after: readSubjects(request.dataText, request.dataFile, candidate),
        },
      ];
    }
  } catch (error) {
    io.err(`${request.dataFile}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }

  const comparisons = [];
  const candidateResults = [];
  for (const { period, before, after } of periods) {
    const baselineResults = scorePopulation(baseline, before);
    const results = scorePopulation(candidate, after);
    const categories = new Map(before.map((subject) => [subject.id, subject.category]));
    const byId = new Map(results.map((result) => [result.subjectId, result]));
    for (const result of baselineResults) {
      const other = byId.get(result.subjectId);
      if (other !== undefined)
        comparisons.push(compareSubject(period, categories.get(result.subjectId) ?? '', result, other));
    }
    candidateResults.push(...results);
  }
  const summary = summarize(comparisons, candidateResults, baseline, candidate);
  const changes = comparisons
    .filter((c) => c.delta !== 0 || c.gradeChanged || c.baseline.status !== c.candidate.status)
    .map((c) => ({
      ...(c.period === '-' ? {} : { period: c.period }),
      subjectId: c.subjectId,
      from: { total: c.baseline.total, grade: c.baseline.grade, status: c.baseline.status },
      to: { total: c.candidate.total, grade: c.candidate.grade, status: c.candidate.status },
      causes: c.causes,
    }));
  const diff = diffRuleSets(baseline, candidate);
  if (json) {
    io.out(
      JSON.stringify({
        diff,
        changes,
        subjects: comparisons.length,
        periods: periods.map((p) => p.period),
        summary,
      }),
    );
    return 0;
  }
  io.out(
    `规则变化 / rule changes: +${diff.added.map((r) => r.id).join(', ') || '-'}  −${diff.removed.map((r) => r.id).join(', ') || '-'}  ~${diff.changed.map((r) => `${r.id}(${r.fields.join('/')})`).join(', ') || '-'}`,
  );
  for (const w of diff.weights) io.out(`权重 weight ${w.dimension}: ${w.from ?? '-'}% → ${w.to ?? '-'}%`);
  for (const c of changes) {
    const causes = c.causes
      .map((cause) => `${cause.ruleId} ${cause.delta > 0 ? '+' : ''}${cause.delta}`)
      .join(', ');
    io.out(
      `${'period' in c ? `${c.period}\t` : ''}${c.subjectId}\t${c.from.total.toFixed(2)} ${c.from.grade ?? '-'} → ${c.to.total.toFixed(2)} ${c.to.grade ?? '-'}${causes === '' ? '' : `\t(${causes})`}`,
    );
  }
  io.out(
    `${changes.length} / ${comparisons.length} 个对象结果变化 / subjects change; 等次变化 grade changes ${summary.gradeChanges} (↑${summary.upgrades} ↓${summary.downgrades}); 平均变化 mean delta ${summary.meanDelta}`,
  );
  if (summary.neverFired.length > 0) {
    io.out(`从未触发的规则 / rules that never fired: ${summary.neverFired.map((r) => r.ruleId).join(', ')}`);
  }
  return 0;
}
