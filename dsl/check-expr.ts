import type * as A from './ast.ts';
import { type Diagnostic, diagnostic } from './diagnostics.ts';
import type { CatalogField } from './model.ts';
import { unknownNameHint } from './names.ts';

export type Ty = 'number' | 'bool' | 'string' | 'unknown';
export const FUNCTIONS: Readonly<
  Record<string, { readonly min: number; readonly max: number; readonly result: Ty }>
> = {
  min: { min: 1, max: 20, result: 'number' },
  max: { min: 1, max: 20, result: 'number' },
  abs: { min: 1, max: 1, result: 'number' },
  clamp: { min: 3, max: 3, result: 'number' },
  present: { min: 1, max: 1, result: 'bool' },
};
export const PREVIOUS_PREFIXES = ['previous.', '上期.'] as const;

export interface Scope {
  readonly fields: ReadonlyMap<string, CatalogField>;
  readonly dimensions: readonly string[];
}

/** The key a `previous.x` reference reads: total, grade, or a dimension name; undefined if not a previous ref. */
export function previousKey(name: string): string | undefined {
  for (const p of PREVIOUS_PREFIXES) if (name.startsWith(p)) return name.slice(p.length);
  return undefined;
}

export function fieldType(f: CatalogField): Ty {
  return f.type === 'bool' ? 'bool' : f.type === 'category' ? 'string' : 'number';
}

/** Types an expression, reporting unknown names (with "did you mean") and type errors. */
export function typeOf(e: A.Expr, scope: Scope, out: Diagnostic[]): Ty {
  const expect = (x: A.Expr, want: Ty): void => {
    const got = typeOf(x, scope, out);
    if (got !== want && got !== 'unknown') out.push(diagnostic('KP303', x.range, [want, got]));
  };
  switch (e.kind) {
    case 'num':
      return 'number';
    case 'str':
      return 'string';
    case 'bool':
      return 'bool';
    case 'ref': {
      const prev = previousKey(e.name);
      if (prev !== undefined) {
        if (prev === 'total' || prev === '总分') return 'number';
        if (prev === 'grade' || prev === '等次') return 'string';
        if (scope.dimensions.includes(prev)) return 'number';
        const known = ['total', 'grade', ...scope.dimensions].map((k) => `previous.${k}`);
        out.push(diagnostic('KP301', e.range, [e.name], unknownNameHint(e.name, known)));
        return 'unknown';
      }
      const f = scope.fields.get(e.name);
      if (f === undefined) {
        out.push(diagnostic('KP301', e.range, [e.name], unknownNameHint(e.name, scope.fields.keys())));
        return 'unknown';
      }
      return fieldType(f);
    }
    case 'unary':
      expect(e.operand, e.op === 'not' ? 'bool' : 'number');
      return e.op === 'not' ? 'bool' : 'number';
    case 'binary': {
      switch (e.op) {
        case 'and':
        case 'or':
          expect(e.left, 'bool');
          expect(e.right, 'bool');
          return 'bool';
        case '==':
        case '!=': {
          const l = typeOf(e.left, scope, out);
          const r = typeOf(e.right, scope, out);
          if (l !== 'unknown' && r !== 'unknown' && l !== r)
            out.push(diagnostic('KP303', e.right.range, [l, r]));
          return 'bool';
        }
        case '<':
        case '<=':
        case '>':
        case '>=':
          expect(e.left, 'number');
          expect(e.right, 'number');
          return 'bool';
        case '+':
        case '-':
        case '*':
        case '/':
          expect(e.left, 'number');
          expect(e.right, 'number');
          return 'number';
        default:
          return unreachable(e);
      }
    }
    case 'call': {
      const fn = FUNCTIONS[e.fn];
      if (fn === undefined) {
        out.push(diagnostic('KP307', e.range, [e.fn], unknownNameHint(e.fn, Object.keys(FUNCTIONS))));
        return 'unknown';
      }
      if (e.args.length < fn.min || e.args.length > fn.max) {
        out.push(
          diagnostic('KP308', e.range, [e.fn, fn.min === fn.max ? String(fn.min) : `${fn.min}..${fn.max}`]),
        );
      }
      for (const a of e.args) {
        if (e.fn === 'present') typeOf(a, scope, out);
        else expect(a, 'number');
      }
      return fn.result;
    }
    default: {
      const never: never = e;
      return never;
    }
  }
}

function unreachable(x: never): never {
  throw new Error(`unreachable: ${JSON.stringify(x)}`);
}

/** Counts nodes of an expression (for the node limit). */
export function exprSize(e: A.Expr): number {
  switch (e.kind) {
    case 'unary':
      return 1 + exprSize(e.operand);
    case 'binary':
      return 1 + exprSize(e.left) + exprSize(e.right);
    case 'call':
      return 1 + e.args.reduce((s, a) => s + exprSize(a), 0);
    default:
      return 1;
  }
}
