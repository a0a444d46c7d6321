import { previousKey } from './check-expr.ts';
import {
  type BoolC,
  type Ctx,
  compileBool,
  compileNum,
  compileScore,
  compileStr,
  EPS,
  near,
  staticType,
} from './compile-expr.ts';
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
import { evalExpr, interpret, interpretTotal, readRef, refsOf, scoreExact } from './interpreter.ts';
import type { Model, ModelIndicator } from './model.ts';
import { fromNumber, type Rat, toCents, toNumber, ZERO } from './rational.ts';
import type { InputValue, SubjectInput, SubjectResult } from './types.ts';

/**
 * The fast path: closures over the checked AST (compile-expr.ts), in doubles, assembled into an evaluator.
 * Whenever a double could decide differently from exact arithmetic, the subject is re-scored exactly.
 */
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
      if (withTrace) {
        r.scores[it.ind.id] = displayScore(it.ind, s, raw < 0, c) / 100;
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

  /**
   * An indicator's 0..100 score in hundredths for display. Scores often land exactly on a half-hundredth
   * (33.335); then this one score is recomputed exactly rather than the whole subject.
   */
  function displayScore(ind: ModelIndicator, s: number, wasMissing: boolean, c: Ctx): number {
    const scaled = s * 100;
    if (Math.abs(scaled - Math.floor(scaled) - 0.5) >= 1e-6) return Math.floor(scaled + 0.5);
    let exact: Rat | null;
    if (!wasMissing) {
      const readExact = (name: string) => readRef(model, c.s, name);
      const v = evalExpr(ind.source, readExact);
      exact = v === null ? null : scoreExact(ind.score, v, readExact);
    } else {
      const m = ind.missing;
      exact = m.kind === 'fixed' ? m.points : m.kind === 'zero' ? ZERO : fromNumber(s);
    }
    return exact === null ? Math.floor(scaled + 0.5) : Number(toCents(exact));
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
