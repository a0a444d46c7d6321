import type * as A from './ast.ts';
import { exprSize, type Ty } from './check-expr.ts';
import { type Diagnostic, diagnostic } from './diagnostics.ts';
import { LIMITS } from './limits.ts';
import type { CatalogField } from './model.ts';
import { unknownNameHint } from './names.ts';

// Checks of single constructs (score functions, in-file tests, sizes), used by checker.ts.

export function typeOfLookup(fn: A.ScoreFn & { kind: 'lookup' }): Ty {
  return fn.entries.every((e) => e.key.kind === 'num') ? 'number' : 'string';
}

export function checkScoreFn(
  owner: A.Indicator,
  fn: A.ScoreFn,
  push: (d: Diagnostic) => void,
  typed: (e: A.Expr) => void,
): void {
  const inRange = (n: A.NumLit) => {
    if (n.value < 0 || n.value > 100) push(diagnostic('KP412', n.range, [`${n.text} ∉ 0..100`]));
  };
  const entries =
    fn.kind === 'linear'
      ? fn.points.length
      : fn.kind === 'bands'
        ? fn.bands.length
        : fn.kind === 'lookup'
          ? fn.entries.length
          : 1;
  if (entries > LIMITS.tableEntries)
    push(diagnostic('KP701', fn.range, ['table entries', String(LIMITS.tableEntries)]));
  switch (fn.kind) {
    case 'linear': {
      if (fn.points.length < 2) push(diagnostic('KP404', fn.range, [`${owner.name.text}: ≥ 2 points`]));
      for (let i = 1; i < fn.points.length; i++) {
        const a = fn.points[i - 1];
        const b = fn.points[i];
        if (a && b && b.x.value <= a.x.value)
          push(diagnostic('KP404', b.x.range, [`${a.x.text} → ${b.x.text}`]));
      }
      for (const p of fn.points) inRange(p.y);
      return;
    }
    case 'bands': {
      // Bands are tried in order; each must be reachable after the ones before it.
      const up = fn.bands.every((b) => b.op === '>=' || b.op === '>');
      const down = fn.bands.every((b) => b.op === '<=' || b.op === '<');
      if (!up && !down) push(diagnostic('KP405', fn.range, ['mixed >= and <=']));
      for (let i = 1; i < fn.bands.length; i++) {
        const a = fn.bands[i - 1];
        const b = fn.bands[i];
        if (!a || !b) continue;
        const bad = up
          ? b.bound.value > a.bound.value ||
            (b.bound.value === a.bound.value && !(a.op === '>' && b.op === '>='))
          : b.bound.value < a.bound.value ||
            (b.bound.value === a.bound.value && !(a.op === '<' && b.op === '<='));
        if (bad) push(diagnostic('KP406', b.bound.range, [`${b.op} ${b.bound.text}`]));
      }
      for (const b of fn.bands) inRange(b.points);
      if (fn.otherwise) inRange(fn.otherwise);
      return;
    }
    case 'lookup': {
      const seen = new Set<string>();
      for (const e of fn.entries) {
        const k = e.key.kind === 'str' ? e.key.value : e.key.text;
        if (seen.has(k)) push(diagnostic('KP302', e.key.range, [k]));
        seen.add(k);
        inRange(e.points);
      }
      if (fn.otherwise) inRange(fn.otherwise);
      return;
    }
    case 'expr':
      typed(fn.expr);
      inRange(fn.lo);
      inRange(fn.hi);
      if (fn.lo.value > fn.hi.value) push(diagnostic('KP412', fn.range, [`${fn.lo.text}..${fn.hi.text}`]));
      return;
    default: {
      const never: never = fn;
      throw new Error(`unknown score function ${JSON.stringify(never)}`);
    }
  }
}

export interface TestScope {
  readonly fields: ReadonlyMap<string, CatalogField>;
  readonly categories: readonly string[];
  readonly dimNames: readonly string[];
  readonly gradeNames: readonly string[];
  readonly ruleIds: ReadonlySet<string>;
}
const EXPECT_KEYS = ['total', '总分', 'grade', 'status', '状态'];
export function checkTests(tests: readonly A.TestCase[], s: TestScope, out: Diagnostic[]): void {
  const names = new Set<string>();
  for (const t of tests) {
    if (names.has(t.name.value)) out.push(diagnostic('KP302', t.name.range, [t.name.value]));
    names.add(t.name.value);
    if (t.category && s.categories.length > 0 && !s.categories.includes(t.category.text))
      out.push(
        diagnostic(
          'KP305',
          t.category.range,
          [t.category.text],
          unknownNameHint(t.category.text, s.categories),
        ),
      );
    for (const b of t.values)
      if (!s.fields.has(b.key.text))
        out.push(
          diagnostic('KP301', b.key.range, [b.key.text], unknownNameHint(b.key.text, s.fields.keys())),
        );
    for (const b of t.previous ?? [])
      if (!['total', 'grade', ...s.dimNames].includes(b.key.text))
        out.push(
          diagnostic(
            'KP301',
            b.key.range,
            [b.key.text],
            unknownNameHint(b.key.text, ['total', 'grade', ...s.dimNames]),
          ),
        );
    for (const e of t.expects) {
      if (e.kind === 'fired') {
        if (!s.ruleIds.has(e.rule.text))
          out.push(diagnostic('KP301', e.rule.range, [e.rule.text], unknownNameHint(e.rule.text, s.ruleIds)));
        continue;
      }
      const key = e.key.text;
      if (!EXPECT_KEYS.includes(key) && !s.dimNames.includes(key))
        out.push(
          diagnostic('KP601', e.key.range, [key], unknownNameHint(key, [...EXPECT_KEYS, ...s.dimNames])),
        );
      if (key === 'grade' && e.value.kind === 'name' && !s.gradeNames.includes(e.value.text))
        out.push(
          diagnostic('KP306', e.value.range, [e.value.text], unknownNameHint(e.value.text, s.gradeNames)),
        );
    }
  }
}

export function itemSize(i: A.Item): number {
  switch (i.kind) {
    case 'indicator':
      return (
        1 + (i.source ? exprSize(i.source) : 0) + (i.score?.kind === 'expr' ? exprSize(i.score.expr) : 10)
      );
    case 'bonus':
    case 'deduction':
      return 1 + exprSize(i.trigger.expr);
    case 'veto':
    case 'tolerance':
      return 1 + exprSize(i.when);
    case 'test':
      return 1 + i.values.length + i.expects.length;
    default:
      return 1;
  }
}

export function adjustmentsHaveBonus(items: readonly A.Item[]): boolean {
  return items.some((i) => i.kind === 'bonus');
}
