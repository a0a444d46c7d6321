import type * as A from './ast.ts';
import { previousKey } from './check-expr.ts';
import { adjustmentDraft, indicatorDraft, vetoDraft } from './explain.ts';
import {
  applyVetoes,
  cumulativeCents,
  type Draft,
  finish,
  gradeOf,
  gradeThresholds,
  type Outcome,
  type VetoOutcome,
} from './finish.ts';
import type { Model, ModelIndicator } from './model.ts';
import * as Q from './rational.ts';
import type { InputValue, SubjectInput, SubjectResult } from './types.ts';

/** A value during exact evaluation: a rational, a boolean, a string, or null for missing. */
export type Val = Q.Rat | boolean | string | null;
const isRat = (v: Val): v is Q.Rat => v !== null && typeof v === 'object';

/** Reads a subject value for a reference (catalog field or previous.x), exactly. */
export function readRef(model: Model, subject: SubjectInput, name: string): Val {
  const prev = previousKey(name);
  if (prev !== undefined) {
    const p = subject.previous;
    if (p === undefined) return null;
    if (prev === 'total' || prev === '总分') return Q.fromNumber(p.total);
    if (prev === 'grade' || prev === '等次') return p.grade;
    const d = p.dimensions[prev];
    return d === undefined ? null : Q.fromNumber(d);
  }
  const v = subject.values[name];
  const f = model.fields.get(name);
  if (v === undefined || v === null || f === undefined) return null;
  if (f.type === 'bool') return typeof v === 'boolean' ? v : null;
  if (f.type === 'category') return typeof v === 'string' ? v : null;
  return typeof v === 'number' && Number.isFinite(v) ? Q.fromNumber(v) : null;
}

/** The oracle: a plain tree walk over the checked AST in exact rational arithmetic. */
export function evalExpr(e: A.Expr, read: (name: string) => Val): Val {
  switch (e.kind) {
    case 'num':
      return dec(e);
    case 'str':
      return e.value;
    case 'bool':
      return e.value;
    case 'ref':
      return read(e.name);
    case 'unary': {
      const v = evalExpr(e.operand, read);
      if (v === null) return null;
      return e.op === 'not' ? (typeof v === 'boolean' ? !v : null) : isRat(v) ? Q.neg(v) : null;
    }
    case 'binary': {
      if (e.op === 'and' || e.op === 'or') {
        const l = evalExpr(e.left, read);
        const r = evalExpr(e.right, read);
        const lb = typeof l === 'boolean' ? l : null;
        const rb = typeof r === 'boolean' ? r : null;
        if (e.op === 'and')
          return lb === false || rb === false ? false : lb === null || rb === null ? null : true;
        return lb === true || rb === true ? true : lb === null || rb === null ? null : false;
      }
      const l = evalExpr(e.left, read);
      const r = evalExpr(e.right, read);
      if (l === null || r === null) return null;
      if (e.op === '==' || e.op === '!=') {
        const same = isRat(l) && isRat(r) ? Q.cmp(l, r) === 0 : l === r;
        return e.op === '==' ? same : !same;
      }
      if (!isRat(l) || !isRat(r)) return null;
      switch (e.op) {
        case '+':
          return Q.add(l, r);
        case '-':
          return Q.sub(l, r);
        case '*':
          return Q.mul(l, r);
        case '/':
          return Q.div(l, r) ?? null;
        case '<':
          return Q.cmp(l, r) < 0;
        case '<=':
          return Q.cmp(l, r) <= 0;
        case '>':
          return Q.cmp(l, r) > 0;
        case '>=':
          return Q.cmp(l, r) >= 0;
        default: {
          const never: never = e.op;
          return never;
        }
      }
    }
    case 'call': {
      const args = e.args.map((a) => evalExpr(a, read));
      if (e.fn === 'present') return args[0] !== null && args[0] !== undefined;
      if (args.some((a) => !isRat(a ?? null))) return null;
      const nums = args as Q.Rat[];
      switch (e.fn) {
        case 'min':
          return nums.reduce(Q.min);
        case 'max':
          return nums.reduce(Q.max);
        case 'abs':
          return nums[0] ? Q.abs(nums[0]) : null;
        case 'clamp':
          return nums[0] && nums[1] && nums[2] ? Q.clamp(nums[0], nums[1], nums[2]) : null;
        default:
          return null;
      }
    }
    default: {
      const never: never = e;
      return never;
    }
  }
}

const literals = new WeakMap<A.NumLit, Q.Rat>();
/** A literal's exact value, parsed once. */
const dec = (n: A.NumLit): Q.Rat => {
  let r = literals.get(n);
  if (r === undefined) {
    r = Q.parseDecimal(n.text) ?? Q.ZERO;
    literals.set(n, r);
  }
  return r;
};

/** Score 0..100 of a value under a score function; null when the value is missing. */
export function scoreExact(fn: A.ScoreFn, v: Val, read: (name: string) => Val): Q.Rat | null {
  switch (fn.kind) {
    case 'linear': {
      if (!isRat(v)) return null;
      const pts = fn.points;
      const first = pts[0];
      const last = pts[pts.length - 1];
      if (!first || !last) return Q.ZERO;
      if (Q.cmp(v, dec(first.x)) <= 0) return dec(first.y);
      if (Q.cmp(v, dec(last.x)) >= 0) return dec(last.y);
      for (let i = 1; i < pts.length; i++) {
        const a = pts[i - 1] as (typeof pts)[number];
        const b = pts[i] as (typeof pts)[number];
        if (Q.cmp(v, dec(b.x)) <= 0) {
          const t = Q.div(Q.sub(v, dec(a.x)), Q.sub(dec(b.x), dec(a.x))) ?? Q.ZERO;
          return Q.add(dec(a.y), Q.mul(t, Q.sub(dec(b.y), dec(a.y))));
        }
      }
      return dec(last.y);
    }
    case 'bands': {
      if (!isRat(v)) return null;
      for (const b of fn.bands) {
        const c = Q.cmp(v, dec(b.bound));
        if (
          (b.op === '>=' && c >= 0) ||
          (b.op === '>' && c > 0) ||
          (b.op === '<=' && c <= 0) ||
          (b.op === '<' && c < 0)
        )
          return dec(b.points);
      }
      return fn.otherwise ? dec(fn.otherwise) : Q.ZERO;
    }
    case 'lookup': {
      if (v === null) return null;
      for (const e of fn.entries) {
        const hit =
          e.key.kind === 'num'
            ? isRat(v) && Q.cmp(v, dec(e.key)) === 0
            : v === (e.key.kind === 'str' ? e.key.value : e.key.text);
        if (hit) return dec(e.points);
      }
      return fn.otherwise ? dec(fn.otherwise) : Q.ZERO;
    }
    case 'expr': {
      const r = evalExpr(fn.expr, read);
      return isRat(r) ? Q.clamp(r, dec(fn.lo), dec(fn.hi)) : null;
    }
    default: {
      const never: never = fn;
      return never;
    }
  }
}

export function refsOf(e: A.Expr, out: Set<string> = new Set()): Set<string> {
  if (e.kind === 'ref') out.add(e.name);
  else if (e.kind === 'unary') refsOf(e.operand, out);
  else if (e.kind === 'binary') {
    refsOf(e.left, out);
    refsOf(e.right, out);
  } else if (e.kind === 'call') for (const a of e.args) refsOf(a, out);
  return out;
}
const show = (v: Val): InputValue => (v === null ? null : isRat(v) ? Q.toNumber(v) : v);
export function inputsOf(e: A.Expr, read: (name: string) => Val): Record<string, InputValue> {
  const out: Record<string, InputValue> = {};
  for (const n of refsOf(e)) out[n] = show(read(n));
  return out;
}

/** Whether an indicator applies to a category. */
export const appliesTo = (ind: ModelIndicator, category: string): boolean =>
  ind.applies.length === 0 || ind.applies.includes(category);

/** Scores one subject exactly: the reference the compiled path is tested against. */
export function interpret(model: Model, subject: SubjectInput): SubjectResult {
  const o = interpretOutcome(model, subject);
  return finish(model, gradeThresholds(model), subject, { ...o, cents: cumulativeCents(o.exact) });
}

/** Exact total (cents) and grade index without building a trace. */
export function interpretTotal(model: Model, subject: SubjectInput): { totalCents: number; grade: number } {
  const o = interpretOutcome(model, subject);
  let sum = Q.ZERO;
  for (const x of o.exact) sum = Q.add(sum, x);
  const totalCents = Number(Q.toCents(sum));
  return {
    totalCents,
    grade: applyVetoes(model, gradeOf(model, gradeThresholds(model), totalCents), o.vetoes).grade,
  };
}

function interpretOutcome(model: Model, subject: SubjectInput): Omit<Outcome, 'cents'> & { exact: Q.Rat[] } {
  const cache = new Map<string, Val>();
  const read = (name: string): Val => {
    if (!cache.has(name)) cache.set(name, readRef(model, subject, name));
    return cache.get(name) ?? null;
  };
  const fired: string[] = [];
  const exempt = new Set<string>();
  const tolerances: Outcome['tolerances'][number][] = [];
  for (const t of model.tolerances) {
    if (evalExpr(t.when, read) !== true) continue;
    const names = t.exempt.map((n) => n.text);
    for (const n of names) exempt.add(n);
    tolerances.push({ rule: t, exempted: names });
    fired.push(t.name.text);
  }
  // Indicators: score each applicable one; exempt and missing-exempt ones drop out and the rest renormalise.
  const scored: { ind: ModelIndicator; value: Val; score: Q.Rat; note: string }[] = [];
  const indicatorScores: Record<string, number> = {};
  for (const ind of model.indicators) {
    if (!appliesTo(ind, subject.category) || exempt.has(ind.id)) continue;
    const value = evalExpr(ind.source, read);
    let score = value === null ? null : scoreExact(ind.score, value, read);
    let note = '';
    if (score === null) {
      const m = ind.missing;
      const carried = subject.previous?.indicators?.[ind.id];
      if (m.kind === 'zero') score = Q.ZERO;
      else if (m.kind === 'fixed') score = m.points;
      else if (m.kind === 'carry' && carried !== undefined) score = Q.fromNumber(carried);
      if (score === null) continue;
      note = m.kind === 'carry' ? '(缺失,沿用上期)' : '(缺失)';
    }
    scored.push({ ind, value, score, note });
  }
  const dimWeight = new Map<number, Q.Rat>();
  for (const s of scored)
    dimWeight.set(s.ind.dimIndex, Q.add(dimWeight.get(s.ind.dimIndex) ?? Q.ZERO, s.ind.weight));
  let activeWeight = Q.ZERO;
  for (const i of dimWeight.keys()) activeWeight = Q.add(activeWeight, model.dimensions[i]?.weight ?? Q.ZERO);
  const drafts: Draft[] = [];
  const exact: Q.Rat[] = [];
  for (const s of scored) {
    const dw = model.dimensions[s.ind.dimIndex]?.weight ?? Q.ZERO;
    const share = Q.mul(
      Q.div(dw, activeWeight) ?? Q.ZERO,
      Q.div(s.ind.weight, dimWeight.get(s.ind.dimIndex) ?? Q.ONE) ?? Q.ZERO,
    );
    const points = Q.div(Q.mul(Q.mul(model.base, share), s.score), Q.HUNDRED) ?? Q.ZERO;
    exact.push(points);
    indicatorScores[s.ind.id] = Number(Q.toCents(s.score)) / 100;
    if (Q.cmp(points, Q.ZERO) > 0) fired.push(s.ind.id);
    drafts.push(
      indicatorDraft(
        s.ind,
        inputsOf(s.ind.source, read),
        show(s.value),
        Q.toNumber(s.score),
        Q.toNumber(share) * 100,
        s.note,
      ),
    );
  }
  // Bonuses and deductions, in source order, each within its own cap and the scale's tier cap.
  let bonusLeft = model.bonusCap ?? null;
  let deductionLeft = model.deductionCap ?? null;
  for (const a of model.adjustments) {
    if (a.kind === 'deduction' && exempt.has(a.name.text)) continue;
    const v = evalExpr(a.trigger.expr, read);
    let amount: Q.Rat;
    let count: number | undefined;
    if (a.trigger.kind === 'each') {
      if (!isRat(v)) continue;
      const units = Q.floorDiv(v, a.trigger.per ? dec(a.trigger.per) : Q.ONE);
      if (units <= 0n) continue;
      amount = Q.mul(dec(a.amount), Q.rat(units));
      count = Q.toNumber(v);
    } else {
      if (v !== true) continue;
      amount = dec(a.amount);
    }
    let capped = false;
    if (a.cap && Q.cmp(amount, dec(a.cap)) > 0) {
      amount = dec(a.cap);
      capped = true;
    }
    const left = a.kind === 'bonus' ? bonusLeft : deductionLeft;
    if (left !== null && Q.cmp(amount, left) > 0) {
      amount = left;
      capped = true;
    }
    if (left !== null) {
      if (a.kind === 'bonus') bonusLeft = Q.sub(left, amount);
      else deductionLeft = Q.sub(left, amount);
    }
    if (Q.cmp(amount, Q.ZERO) <= 0) continue;
    exact.push(a.kind === 'bonus' ? amount : Q.neg(amount));
    drafts.push(adjustmentDraft(a, inputsOf(a.trigger.expr, read), count, capped));
    fired.push(a.name.text);
  }
  const vetoes: VetoOutcome[] = [];
  for (const v of model.vetoes) {
    const r = evalExpr(v.when, read);
    const holds = typeof r === 'boolean' ? r : null;
    vetoes.push({ veto: v, holds });
    if (holds !== false) {
      exact.push(Q.ZERO);
      drafts.push(vetoDraft(v, inputsOf(v.when, read), holds));
    }
    if (holds === true) fired.push(v.name.text);
  }
  return { drafts, exact, vetoes, tolerances, fired, indicatorScores };
}
