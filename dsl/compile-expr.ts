import type * as A from './ast.ts';
import { fieldType, previousKey, type Ty } from './check-expr.ts';
import type { Model, ModelIndicator } from './model.ts';
import { cmp, fromNumber, parseDecimal } from './rational.ts';
import type { SubjectInput } from './types.ts';

/**
 * The fast path: closures over the checked AST, in doubles. Whenever a double could decide differently from
 * exact arithmetic (a comparison, a floor or a rounding within a hair of its boundary), the context is marked
 * unsure and the subject is re-scored by the exact interpreter. No code is generated from text (CSP-safe).
 */
export interface Ctx {
  v: Readonly<Record<string, unknown>>;
  s: SubjectInput;
  unsure: boolean;
}
export type NumC = (c: Ctx) => number; // NaN: missing
export type BoolC = (c: Ctx) => number; // 1 true, 0 false, -1 missing
export type StrC = (c: Ctx) => string | null;
interface Compiled<F> {
  readonly f: F;
  /** the double is the exact decimal value (a field read or a short literal): comparisons need no guard */
  readonly exact: boolean;
}
export const EPS = 1e-9;
export const near = (a: number, b: number): boolean =>
  Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));

export function staticType(e: A.Expr, model: Model): Ty {
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
export function compileScore(ind: ModelIndicator, model: Model): NumC {
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
