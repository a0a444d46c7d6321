import type * as A from './ast.ts';
import { fieldType, previousKey, type Ty } from './check-expr.ts';
import { adjustmentDraft, indicatorDraft, vetoDraft } from './explain.ts';
import {
  applyVetoes,
  type Draft,
  finish,
  gradeOf,
  gradeThresholds,
  type Outcome,
  type VetoOutcome,
} from './finish.ts';
import { interpret, interpretTotal, refsOf } from './interpreter.ts';
import type { Model, ModelIndicator } from './model.ts';
import { cmp, fromNumber, parseDecimal, toNumber } from './rational.ts';
import type { InputValue, SubjectInput, SubjectResult } from './types.ts';

/**
 * The fast path: closures over the checked AST, in doubles. Whenever a double could decide differently from
 * exact arithmetic (a comparison, a floor or a rounding within a hair of its boundary), the context is marked
 * unsure and the subject is re-scored by the exact interpreter. No code is generated from text (CSP-safe).
 */
interface Ctx {
  v: Readonly<Record<string, unknown>>;
  s: SubjectInput;
  unsure: boolean;
}
type NumC = (c: Ctx) => number; // NaN: missing
type BoolC = (c: Ctx) => number; // 1 true, 0 false, -1 missing
type StrC = (c: Ctx) => string | null;
interface Compiled<F> {
  readonly f: F;
  /** the double is the exact decimal value (a field read or a short literal): comparisons need no guard */
  readonly exact: boolean;
}
const EPS = 1e-9;
const near = (a: number, b: number): boolean =>
  Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));

function staticType(e: A.Expr, model: Model): Ty {
  switch (e.kind) {
    case 'num':
      return 'number';
    case 'str':
      return 'string';
    case 'bool':
      return 'bool';
    case 'ref': {
      const p = previousKey(e.name);
      if (p !== undefined) return p === 'grade' || p === '等次' ? 'string' : 'number';
      const f = model.fields.get(e.name);
      return f ? fieldType(f) : 'unknown';
    }
    case 'unary':
      return e.op === 'not' ? 'bool' : 'number';
    case 'binary':
      return ['+', '-', '*', '/'].includes(e.op) ? 'number' : 'bool';
    case 'call':
      return e.fn === 'present' ? 'bool' : 'number';
    default: {
      const never: never = e;
      return never;
    }
  }
}

const literalIsExact = (text: string): boolean => {
  const r = parseDecimal(text);
  return r !== undefined && cmp(r, fromNumber(Number(text))) === 0;
};

export function compileNum(e: A.Expr, model: Model): Compiled<NumC> {
  switch (e.kind) {
    case 'num': {
      const x = Number(e.text);
      return { f: () => x, exact: literalIsExact(e.text) };
    }
    case 'ref': {
      const p = previousKey(e.name);
      if (p !== undefined) {
        if (p === 'total' || p === '总分')
          return { f: (c) => c.s.previous?.total ?? Number.NaN, exact: true };
        return { f: (c) => c.s.previous?.dimensions[p] ?? Number.NaN, exact: true };
      }
      const name = e.name;
      return {
        f: (c) => {
          const x = c.v[name];
          return typeof x === 'number' && Number.isFinite(x) ? x : Number.NaN;
        },
        exact: true,
      };
    }
    case 'unary': {
      const o = compileNum(e.operand, model);
      const f = o.f;
      return { f: (c) => -f(c), exact: o.exact };
    }
    case 'binary': {
      const l = compileNum(e.left, model).f;
      const r = compileNum(e.right, model).f;
      switch (e.op) {
        case '+':
          return { f: (c) => l(c) + r(c), exact: false };
        case '-':
          return { f: (c) => l(c) - r(c), exact: false };
        case '*':
          return { f: (c) => l(c) * r(c), exact: false };
        case '/':
          return {
            f: (c) => {
              const d = r(c);
              return d === 0 ? Number.NaN : l(c) / d;
            },
            exact: false,
          };
        default:
          return { f: () => Number.NaN, exact: false };
      }
    }
    case 'call': {
      const args = e.args.map((a) => compileNum(a, model).f);
      const [a0, a1, a2] = args;
      switch (e.fn) {
        case 'min':
          return { f: (c) => Math.min(...args.map((a) => a(c))), exact: false };
        case 'max':
          return { f: (c) => Math.max(...args.map((a) => a(c))), exact: false };
        case 'abs':
          return { f: (c) => (a0 ? Math.abs(a0(c)) : Number.NaN), exact: false };
        case 'clamp':
          return {
            f: (c) => (a0 && a1 && a2 ? Math.max(a1(c), Math.min(a2(c), a0(c))) : Number.NaN),
            exact: false,
          };
        default:
          return { f: () => Number.NaN, exact: false };
      }
    }
    default:
      return { f: () => Number.NaN, exact: false };
  }
}

export function compileStr(e: A.Expr, model: Model): StrC {
  if (e.kind === 'str') {
    const s = e.value;
    return () => s;
  }
  if (e.kind === 'ref') {
    const p = previousKey(e.name);
    if (p !== undefined) return (c) => c.s.previous?.grade ?? null;
    const name = e.name;
    return (c) => {
      const x = c.v[name];
      return typeof x === 'string' ? x : null;
    };
  }
  void model;
  return () => null;
}

export function compileBool(e: A.Expr, model: Model): BoolC {
  switch (e.kind) {
    case 'bool': {
      const b = e.value ? 1 : 0;
      return () => b;
    }
    case 'ref': {
      const name = e.name;
      return (c) => {
        const x = c.v[name];
        return typeof x === 'boolean' ? (x ? 1 : 0) : -1;
      };
    }
    case 'unary': {
      const o = compileBool(e.operand, model);
      return (c) => {
        const x = o(c);
        return x < 0 ? -1 : 1 - x;
      };
    }
    case 'call': {
      const arg = e.args[0];
      if (arg === undefined) return () => -1;
      const t = staticType(arg, model);
      if (t === 'number') {
        const f = compileNum(arg, model).f;
        return (c) => (Number.isNaN(f(c)) ? 0 : 1);
      }
      if (t === 'bool') {
        const f = compileBool(arg, model);
        return (c) => (f(c) < 0 ? 0 : 1);
      }
      const f = compileStr(arg, model);
      return (c) => (f(c) === null ? 0 : 1);
    }
    case 'binary': {
      if (e.op === 'and' || e.op === 'or') {
        const l = compileBool(e.left, model);
        const r = compileBool(e.right, model);
        return e.op === 'and'
          ? (c) => {
              const a = l(c);
              const b = r(c);
              return a === 0 || b === 0 ? 0 : a < 0 || b < 0 ? -1 : 1;
            }
          : (c) => {
              const a = l(c);
              const b = r(c);
              return a === 1 || b === 1 ? 1 : a < 0 || b < 0 ? -1 : 0;
            };
      }
      const t = staticType(e.left, model);
      if (t === 'string' || t === 'bool') {
        const l = t === 'string' ? compileStr(e.left, model) : compileBool(e.left, model);
        const r = t === 'string' ? compileStr(e.right, model) : compileBool(e.right, model);
        const want = e.op === '==' ? 1 : 0;
        return (c) => {
          const a = l(c);
          const b = r(c);
          if (a === null || b === null || a === -1 || b === -1) return -1;
          return (a === b ? 1 : 0) === want ? 1 : 0;
        };
      }
      const L = compileNum(e.left, model);
      const R = compileNum(e.right, model);
      const l = L.f;
      const r = R.f;
      const guarded = !(L.exact && R.exact);
      const op = e.op;
      return (c) => {
        const a = l(c);
        const b = r(c);
        if (Number.isNaN(a) || Number.isNaN(b)) return -1;
        if (guarded && near(a, b)) c.unsure = true;
        switch (op) {
          case '==':
            return a === b ? 1 : 0;
          case '!=':
            return a !== b ? 1 : 0;
          case '<':
            return a < b ? 1 : 0;
          case '<=':
            return a <= b ? 1 : 0;
          case '>':
            return a > b ? 1 : 0;
          case '>=':
            return a >= b ? 1 : 0;
          default:
            return -1;
        }
      };
    }
    default:
      return () => -1;
  }
}

/** Score 0..100 of an indicator in doubles (NaN: missing). */
function compileScore(ind: ModelIndicator, model: Model): NumC {
  const fn = ind.score;
  switch (fn.kind) {
    case 'linear': {
      const src = compileNum(ind.source, model);
      const xs = fn.points.map((p) => p.x.value);
      const ys = fn.points.map((p) => p.y.value);
      const n = xs.length;
      const x0 = xs[0] ?? 0;
      const xn = xs[n - 1] ?? 0;
      const y0 = ys[0] ?? 0;
      const yn = ys[n - 1] ?? 0;
      const f = src.f;
      if (n === 2) {
        // the common case, specialised: a straight line between two points, flat outside
        if (ind.source.kind === 'ref' && previousKey(ind.source.name) === undefined) {
          const name = ind.source.name;
          return (c) => {
            const v = c.v[name];
            if (typeof v !== 'number' || !Number.isFinite(v)) return Number.NaN;
            return v <= x0 ? y0 : v >= xn ? yn : y0 + ((v - x0) * (yn - y0)) / (xn - x0);
          };
        }
      }
      return (c) => {
        const x = f(c);
        if (Number.isNaN(x)) return x;
        if (x <= x0) return y0;
        if (x >= xn) return yn;
        for (let i = 1; i < n; i++) {
          const xb = xs[i] as number;
          if (x <= xb) {
            const xa = xs[i - 1] as number;
            const ya = ys[i - 1] as number;
            return ya + ((x - xa) * ((ys[i] as number) - ya)) / (xb - xa);
          }
        }
        return yn;
      };
    }
    case 'bands': {
      const src = compileNum(ind.source, model);
      const bands = fn.bands.map((b) => ({ op: b.op, bound: b.bound.value, points: b.points.value }));
      const other = fn.otherwise?.value ?? 0;
      const f = src.f;
      const guarded = !src.exact;
      return (c) => {
        const x = f(c);
        if (Number.isNaN(x)) return x;
        for (const b of bands) {
          if (guarded && near(x, b.bound)) c.unsure = true;
          if (
            b.op === '>='
              ? x >= b.bound
              : b.op === '>'
                ? x > b.bound
                : b.op === '<='
                  ? x <= b.bound
                  : x < b.bound
          )
            return b.points;
        }
        return other;
      };
    }
    case 'lookup': {
      const numeric = fn.entries.every((e) => e.key.kind === 'num');
      const other = fn.otherwise?.value ?? 0;
      if (numeric) {
        const src = compileNum(ind.source, model);
        const table = new Map(fn.entries.map((e) => [(e.key as A.NumLit).value, e.points.value]));
        const f = src.f;
        return (c) => {
          const x = f(c);
          if (Number.isNaN(x)) return x;
          if (!src.exact) c.unsure = true;
          return table.get(x) ?? other;
        };
      }
      const src = compileStr(ind.source, model);
      const table = new Map(
        fn.entries.map((e) => [
          e.key.kind === 'str' ? e.key.value : e.key.kind === 'name' ? e.key.text : e.key.text,
          e.points.value,
        ]),
      );
      return (c) => {
        const x = src(c);
        return x === null ? Number.NaN : (table.get(x) ?? other);
      };
    }
    case 'expr': {
      const f = compileNum(fn.expr, model).f;
      const lo = fn.lo.value;
      const hi = fn.hi.value;
      return (c) => {
        const x = f(c);
        return Number.isNaN(x) ? x : Math.max(lo, Math.min(hi, x));
      };
    }
    default: {
      const never: never = fn;
      return never;
    }
  }
}

export interface CompiledEvaluator {
  /** full result with trace */
  readonly score: (s: SubjectInput) => SubjectResult;
  /** total in cents and grade index only (no trace): the hot loop of scoring runs and the benchmark */
  readonly scoreTotal: (s: SubjectInput) => { totalCents: number; grade: number; exact: boolean };
}

export function compileModel(model: Model): CompiledEvaluator {
  const thresholds = gradeThresholds(model);
  const sourceValue = (ind: ModelIndicator): ((c: Ctx) => InputValue) => {
    const t = staticType(ind.source, model);
    if (t === 'number') {
      const f = compileNum(ind.source, model).f;
      return (c) => {
        const x = f(c);
        return Number.isNaN(x) ? null : x;
      };
    }
    if (t === 'bool') {
      const f = compileBool(ind.source, model);
      return (c) => {
        const x = f(c);
        return x < 0 ? null : x === 1;
      };
    }
    return compileStr(ind.source, model);
  };
  const inds = model.indicators.map((ind) => ({
    ind,
    score: compileScore(ind, model),
    refs: [...refsOf(ind.source)],
    value: sourceValue(ind),
  }));
  const tols = model.tolerances.map((t) => ({
    t,
    when: compileBool(t.when, model),
    exempt: t.exempt.map((n) => n.text),
  }));
  const adjs = model.adjustments.map((a) => ({
    a,
    each: a.trigger.kind === 'each' ? compileNum(a.trigger.expr, model) : undefined,
    when: a.trigger.kind === 'when' ? compileBool(a.trigger.expr, model) : undefined,
    per: a.trigger.kind === 'each' && a.trigger.per ? a.trigger.per.value : 1,
    amount: a.amount.value,
    cap: a.cap?.value,
    refs: [...refsOf(a.trigger.expr)],
  }));
  const vetoes = model.vetoes.map((v) => ({
    v,
    when: compileBool(v.when, model),
    refs: [...refsOf(v.when)],
  }));
  const base = toNumber(model.base);
  const bonusCap = model.bonusCap ? toNumber(model.bonusCap) : Number.POSITIVE_INFINITY;
  const deductionCap = model.deductionCap ? toNumber(model.deductionCap) : Number.POSITIVE_INFINITY;
  const dimWeights = model.dimensions.map((d) => toNumber(d.weight));
  const indWeights = model.indicators.map((i) => toNumber(i.weight));
  const nDims = model.dimensions.length;

  interface Run {
    entries: number[];
    drafts: (() => Draft)[] | undefined;
    fired: string[];
    vetoOutcomes: VetoOutcome[];
    tolerances: Outcome['tolerances'][number][];
    scores: Record<string, number>;
  }
  const read = (c: Ctx, refs: readonly string[]): Record<string, InputValue> => {
    const o: Record<string, InputValue> = {};
    for (const r of refs) {
      const p = previousKey(r);
      if (p !== undefined)
        o[r] =
          p === 'grade' || p === '等次'
            ? (c.s.previous?.grade ?? null)
            : p === 'total' || p === '总分'
              ? (c.s.previous?.total ?? null)
              : (c.s.previous?.dimensions[p] ?? null);
      else {
        const x = c.v[r];
        o[r] = x === undefined ? null : (x as InputValue);
      }
    }
    return o;
  };

  const dimSum = new Float64Array(nDims);
  const byCategory = new Map<string, number[]>();
  const scoreIdx: number[] = [];
  const scoreVal: number[] = [];

  function run(c: Ctx, withTrace: boolean): Run {
    let exempt: Set<string> | undefined;
    const r: Run = {
      entries: [],
      drafts: withTrace ? [] : undefined,
      fired: [],
      vetoOutcomes: [],
      tolerances: [],
      scores: {},
    };
    for (const { t, when, exempt: names } of tols) {
      if (when(c) !== 1) continue;
      exempt ??= new Set();
      for (const n of names) exempt.add(n);
      r.tolerances.push({ rule: t, exempted: names });
      if (withTrace) r.fired.push(t.name.text);
    }
    dimSum.fill(0);
    scoreIdx.length = 0;
    scoreVal.length = 0;
    const category = c.s.category;
    let applicable = byCategory.get(category);
    if (applicable === undefined) {
      applicable = inds.flatMap((it, i) =>
        it.ind.applies.length === 0 || it.ind.applies.includes(category) ? [i] : [],
      );
      if (byCategory.size < 64) byCategory.set(category, applicable);
    }
    for (let k = 0; k < applicable.length; k++) {
      const i = applicable[k] as number;
      const it = inds[i] as (typeof inds)[number];
      const ind = it.ind;
      if (exempt?.has(ind.id)) continue;
      let s = it.score(c);
      const wasMissing = Number.isNaN(s);
      if (wasMissing) {
        const m = ind.missing;
        if (m.kind === 'zero') s = 0;
        else if (m.kind === 'fixed') s = toNumber(m.points);
        else if (m.kind === 'carry') s = c.s.previous?.indicators?.[ind.id] ?? Number.NaN;
        if (Number.isNaN(s)) continue;
      }
      scoreIdx.push(wasMissing ? -1 - i : i);
      scoreVal.push(s);
      dimSum[ind.dimIndex] = (dimSum[ind.dimIndex] ?? 0) + (indWeights[i] as number);
    }
    let active = 0;
    for (let d = 0; d < nDims; d++) if ((dimSum[d] as number) > 0) active += dimWeights[d] as number;
    for (let k = 0; k < scoreIdx.length; k++) {
      const raw = scoreIdx[k] as number;
      const i = raw < 0 ? -1 - raw : raw;
      const it = inds[i] as (typeof inds)[number];
      const s = scoreVal[k] as number;
      const d = it.ind.dimIndex;
      const share =
        ((dimWeights[d] as number) / active) * ((indWeights[i] as number) / (dimSum[d] as number));
      const points = (base * share * s) / 100;
      r.entries.push(points);
      if (withTrace && points > 0) r.fired.push(it.ind.id);
      const shown = roundCents(s, c); // the displayed score must round exactly too
      if (withTrace) {
        r.scores[it.ind.id] = shown / 100;
        const inputs = read(c, it.refs);
        const value = it.value(c);
        const missingNote = raw < 0 ? (it.ind.missing.kind === 'carry' ? '(缺失,沿用上期)' : '(缺失)') : '';
        r.drafts?.push(() => indicatorDraft(it.ind, inputs, value, s, share * 100, missingNote));
      }
    }
    let bonusLeft = bonusCap;
    let deductionLeft = deductionCap;
    for (const j of adjs) {
      const a = j.a;
      if (a.kind === 'deduction' && exempt?.has(a.name.text)) continue;
      let amount: number;
      let count: number | undefined;
      if (j.each) {
        const x = j.each.f(c);
        if (Number.isNaN(x)) continue;
        const q = x / j.per;
        const units = Math.floor(q);
        if (Math.abs(q - Math.round(q)) < EPS && q !== Math.round(q)) c.unsure = true;
        if (units <= 0) continue;
        amount = j.amount * units;
        count = x;
      } else {
        if ((j.when as BoolC)(c) !== 1) continue;
        amount = j.amount;
      }
      let capped = false;
      if (j.cap !== undefined && amount >= j.cap) {
        if (amount !== j.cap && near(amount, j.cap)) c.unsure = true;
        capped = amount > j.cap;
        amount = j.cap;
      }
      const left = a.kind === 'bonus' ? bonusLeft : deductionLeft;
      if (amount > left || near(amount, left)) {
        if (amount !== left && near(amount, left)) c.unsure = true;
        if (amount > left) {
          amount = left;
          capped = true;
        }
      }
      if (a.kind === 'bonus') bonusLeft -= amount;
      else deductionLeft -= amount;
      if (amount <= 0) continue;
      r.entries.push(a.kind === 'bonus' ? amount : -amount);
      if (withTrace) r.fired.push(a.name.text);
      if (withTrace) {
        const inputs = read(c, j.refs);
        const cnt = count;
        r.drafts?.push(() => adjustmentDraft(a, inputs, cnt, capped));
      }
    }
    for (const { v, when, refs } of vetoes) {
      const x = when(c);
      const holds = x < 0 ? null : x === 1;
      r.vetoOutcomes.push({ veto: v, holds });
      if (holds !== false) {
        r.entries.push(0);
        if (withTrace) {
          const inputs = read(c, refs);
          r.drafts?.push(() => vetoDraft(v, inputs, holds));
        }
      }
      if (withTrace && holds === true) r.fired.push(v.name.text);
    }
    return r;
  }

  /** Cumulative rounding in doubles, guarded: a partial sum within a hair of a half cent is unsure. */
  function roundCents(x: number, c: Ctx): number {
    const scaled = x * 100;
    const frac = scaled - Math.floor(scaled);
    if (Math.abs(frac - 0.5) < 1e-6) c.unsure = true;
    return Math.floor(scaled + 0.5);
  }
  function cents(entries: readonly number[], c: Ctx): number[] {
    const out: number[] = [];
    let sum = 0;
    let prev = 0;
    for (const e of entries) {
      sum += e;
      const now = roundCents(sum, c);
      out.push(now - prev);
      prev = now;
    }
    return out;
  }

  const score = (s: SubjectInput): SubjectResult => {
    // A cheap pass first: if any comparison or rounding is too close to call in doubles, go exact at once
    // instead of building a trace that would be thrown away.
    const probe: Ctx = { v: s.values, s, unsure: false };
    cents(run(probe, false).entries, probe);
    if (probe.unsure) return interpret(model, s);
    const c: Ctx = { v: s.values, s, unsure: false };
    const r = run(c, true);
    const cs = cents(r.entries, c);
    if (c.unsure) return interpret(model, s);
    return finish(model, thresholds, s, {
      drafts: (r.drafts ?? []).map((d) => d()),
      cents: cs,
      vetoes: r.vetoOutcomes,
      tolerances: r.tolerances,
      fired: r.fired,
      indicatorScores: r.scores,
    });
  };
  // The trace-free path: the same steps as `run`, without allocating entries, drafts or fired lists.
  const idxBuf = new Int32Array(inds.length);
  const valBuf = new Float64Array(inds.length);
  const vetoBuf: VetoOutcome[] = vetoes.map(({ v }) => ({ veto: v, holds: false }));
  const scoreTotal = (s: SubjectInput): { totalCents: number; grade: number; exact: boolean } => {
    const c: Ctx = { v: s.values, s, unsure: false };
    let exempt: Set<string> | undefined;
    for (const { when, exempt: names } of tols) {
      if (when(c) !== 1) continue;
      exempt ??= new Set();
      for (const n of names) exempt.add(n);
    }
    dimSum.fill(0);
    const category = s.category;
    let applicable = byCategory.get(category);
    if (applicable === undefined) {
      applicable = inds.flatMap((it, i) =>
        it.ind.applies.length === 0 || it.ind.applies.includes(category) ? [i] : [],
      );
      if (byCategory.size < 64) byCategory.set(category, applicable);
    }
    let n = 0;
    for (let k = 0; k < applicable.length; k++) {
      const i = applicable[k] as number;
      const it = inds[i] as (typeof inds)[number];
      if (exempt?.has(it.ind.id)) continue;
      let sc = it.score(c);
      if (Number.isNaN(sc)) {
        const m = it.ind.missing;
        if (m.kind === 'zero') sc = 0;
        else if (m.kind === 'fixed') sc = toNumber(m.points);
        else if (m.kind === 'carry') sc = s.previous?.indicators?.[it.ind.id] ?? Number.NaN;
        if (Number.isNaN(sc)) continue;
      }
      idxBuf[n] = i;
      valBuf[n] = sc;
      n++;
      const d = it.ind.dimIndex;
      dimSum[d] = (dimSum[d] as number) + (indWeights[i] as number);
    }
    let active = 0;
    for (let d = 0; d < nDims; d++) if ((dimSum[d] as number) > 0) active += dimWeights[d] as number;
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const i = idxBuf[k] as number;
      const d = (inds[i] as (typeof inds)[number]).ind.dimIndex;
      sum +=
        (base *
          ((dimWeights[d] as number) / active) *
          ((indWeights[i] as number) / (dimSum[d] as number)) *
          (valBuf[k] as number)) /
        100;
    }
    let bonusLeft = bonusCap;
    let deductionLeft = deductionCap;
    for (const j of adjs) {
      const a = j.a;
      if (exempt !== undefined && a.kind === 'deduction' && exempt.has(a.name.text)) continue;
      let amount: number;
      if (j.each) {
        const x = j.each.f(c);
        if (Number.isNaN(x)) continue;
        const q = x / j.per;
        const units = Math.floor(q);
        if (q !== units && Math.abs(q - Math.round(q)) < EPS) c.unsure = true;
        if (units <= 0) continue;
        amount = j.amount * units;
      } else {
        if ((j.when as BoolC)(c) !== 1) continue;
        amount = j.amount;
      }
      if (j.cap !== undefined && amount >= j.cap) {
        if (amount !== j.cap && near(amount, j.cap)) c.unsure = true;
        amount = j.cap;
      }
      const left = a.kind === 'bonus' ? bonusLeft : deductionLeft;
      if (amount !== left && near(amount, left)) c.unsure = true;
      if (amount > left) amount = left;
      if (a.kind === 'bonus') {
        bonusLeft -= amount;
        sum += amount;
      } else {
        deductionLeft -= amount;
        sum -= amount;
      }
    }
    for (let k = 0; k < vetoes.length; k++) {
      const x = (vetoes[k] as (typeof vetoes)[number]).when(c);
      (vetoBuf[k] as { holds: boolean | null }).holds = x < 0 ? null : x === 1;
    }
    const total = roundCents(sum, c);
    if (c.unsure) return { ...interpretTotal(model, s), exact: true };
    const { grade } = applyVetoes(model, gradeOf(model, thresholds, total), vetoBuf);
    return { totalCents: total, grade, exact: false };
  };
  return { score, scoreTotal };
}
