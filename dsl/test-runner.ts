import type * as A from './ast.ts';
import type { Range } from './diagnostics.ts';
import type { Model } from './model.ts';
import type { SubjectInput, SubjectResult, TraceEntry } from './types.ts';

export interface TestReport {
  passed: number;
  failed: number;
  results: { name: string; ok: boolean; failures: string[]; trace?: readonly TraceEntry[]; range: Range }[];
  uncoveredRules: string[];
}

const literalValue = (v: A.Literal): number | boolean | string | null =>
  v.kind === 'num'
    ? v.value
    : v.kind === 'str'
      ? v.value
      : v.kind === 'bool'
        ? v.value
        : v.kind === 'name'
          ? v.text
          : null;

/** Builds the subject a test's `given` describes. */
export function testSubject(model: Model, t: A.TestCase): SubjectInput {
  const values: Record<string, number | boolean | string | null> = {};
  for (const b of t.values) values[b.key.text] = literalValue(b.value);
  const subject: SubjectInput = {
    id: t.name.value,
    kind: model.subjectKind,
    category: t.category?.text ?? model.categories[0] ?? '',
    values,
  };
  if (t.previous) {
    const prev = Object.fromEntries(t.previous.map((b) => [b.key.text, literalValue(b.value)]));
    const dimensions: Record<string, number> = {};
    for (const d of model.dimensions)
      if (typeof prev[d.name] === 'number') dimensions[d.name] = prev[d.name] as number;
    subject.previous = {
      total: typeof prev.total === 'number' ? prev.total : 0,
      grade: typeof prev.grade === 'string' ? prev.grade : null,
      dimensions,
    };
  }
  return subject;
}

/** Runs a rule set's own tests; a rule counts as covered when some test fires it. */
export function runModelTests(model: Model, score: (s: SubjectInput) => SubjectResult): TestReport {
  const results: TestReport['results'] = [];
  const covered = new Set<string>();
  for (const t of model.tests) {
    const r = score(testSubject(model, t));
    for (const f of r.fired) covered.add(f);
    const failures: string[] = [];
    for (const e of t.expects) {
      if (e.kind === 'fired') {
        const did = r.fired.includes(e.rule.text);
        if (did === e.negated)
          failures.push(`${e.negated ? 'not ' : ''}fired ${e.rule.text}: ${did ? '触发了' : '未触发'}`);
        continue;
      }
      const want = literalValue(e.value);
      const key = e.key.text;
      const got =
        key === 'total' || key === '总分'
          ? r.total
          : key === 'grade'
            ? r.grade
            : key === 'status' || key === '状态'
              ? r.status
              : (r.dimensions[key] ?? null);
      const same =
        typeof want === 'number' && typeof got === 'number'
          ? Math.round(want * 100) === Math.round(got * 100)
          : want === got;
      if (!same)
        failures.push(
          `${key}: 期望 ${String(want)},实际 ${String(got)} / expected ${String(want)}, got ${String(got)}`,
        );
    }
    results.push({
      name: t.name.value,
      ok: failures.length === 0,
      failures,
      ...(failures.length > 0 ? { trace: r.trace } : {}),
      range: t.range,
    });
  }
  const rules = [
    ...model.indicators.map((i) => i.id),
    ...model.adjustments.map((a) => a.name.text),
    ...model.vetoes.map((v) => v.name.text),
    ...model.tolerances.map((t) => t.name.text),
  ];
  const passed = results.filter((r) => r.ok).length;
  return {
    passed,
    failed: results.length - passed,
    results,
    uncoveredRules: rules.filter((r) => !covered.has(r)),
  };
}
