import type { Range } from './diagnostics.ts';

/** A decimal literal as written: `text` keeps the exact digits; `percent` when followed by %. */
export interface NumLit {
  readonly kind: 'num';
  readonly text: string;
  readonly value: number;
  readonly percent: boolean;
  readonly range: Range;
}
export interface Name {
  readonly kind: 'name';
  readonly text: string;
  readonly range: Range;
}
export interface StrLit {
  readonly kind: 'str';
  readonly value: string;
  readonly range: Range;
}
export interface BoolLit {
  readonly kind: 'bool';
  readonly value: boolean;
  readonly range: Range;
}
export interface Ref {
  readonly kind: 'ref';
  readonly name: string;
  readonly range: Range;
}
export type BinaryOp = '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';
export interface Unary {
  readonly kind: 'unary';
  readonly op: '-' | 'not';
  readonly operand: Expr;
  readonly range: Range;
}
export interface Binary {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly range: Range;
}
export interface Call {
  readonly kind: 'call';
  readonly fn: string;
  readonly args: readonly Expr[];
  readonly range: Range;
}
export type Expr = NumLit | StrLit | BoolLit | Ref | Unary | Binary | Call;

export type Mark =
  | { readonly kind: 'locked'; readonly range: Range }
  | { readonly kind: 'open'; readonly range: Range }
  | { readonly kind: 'overridable'; readonly min: NumLit; readonly max: NumLit; readonly range: Range };

export interface Header {
  readonly kind: 'header';
  readonly name: Name;
  readonly subject: 'unit' | 'cadre';
  readonly period: 'annual' | 'quarterly' | 'monthly';
  readonly parent?: { readonly name: Name; readonly version: NumLit };
  readonly range: Range;
}
export interface Scale {
  readonly kind: 'scale';
  readonly base: NumLit;
  readonly bonus?: NumLit;
  readonly deduction?: NumLit;
  readonly range: Range;
}
export interface Categories {
  readonly kind: 'categories';
  readonly names: readonly Name[];
  readonly range: Range;
}
export interface Field {
  readonly kind: 'field';
  readonly name: Name;
  readonly type?: Name;
  readonly ratio?: { readonly numerator: Name; readonly denominator: Name };
  readonly source?: StrLit;
  readonly level?: 'unit' | 'cadre';
  readonly aggregation?: Name;
  readonly min?: NumLit;
  readonly max?: NumLit;
  readonly range: Range;
}
export interface Dimension {
  readonly kind: 'dimension';
  readonly name: Name;
  readonly weight: NumLit;
  readonly floor?: NumLit;
  readonly mark?: Mark;
  readonly range: Range;
}
export type ScoreFn =
  | {
      readonly kind: 'linear';
      readonly points: readonly { readonly x: NumLit; readonly y: NumLit }[];
      readonly range: Range;
    }
  | {
      readonly kind: 'bands';
      readonly bands: readonly {
        readonly op: '>=' | '>' | '<=' | '<';
        readonly bound: NumLit;
        readonly points: NumLit;
      }[];
      readonly otherwise?: NumLit;
      readonly range: Range;
    }
  | {
      readonly kind: 'lookup';
      readonly entries: readonly { readonly key: StrLit | NumLit | Name; readonly points: NumLit }[];
      readonly otherwise?: NumLit;
      readonly range: Range;
    }
  | {
      readonly kind: 'expr';
      readonly expr: Expr;
      readonly lo: NumLit;
      readonly hi: NumLit;
      readonly range: Range;
    };
export type MissingPolicy =
  | { readonly kind: 'exempt'; readonly range: Range }
  | { readonly kind: 'zero'; readonly range: Range }
  | { readonly kind: 'carry'; readonly range: Range }
  | { readonly kind: 'fixed'; readonly points: NumLit; readonly range: Range };
export interface Indicator {
  readonly kind: 'indicator';
  readonly name: Name;
  readonly dimension: Name;
  readonly applies: readonly Name[];
  readonly weight?: NumLit;
  readonly mark?: Mark;
  readonly source?: Expr;
  readonly score?: ScoreFn;
  readonly missing?: MissingPolicy;
  readonly range: Range;
}
export type Trigger =
  | { readonly kind: 'each'; readonly expr: Expr; readonly per?: NumLit }
  | { readonly kind: 'when'; readonly expr: Expr };
export interface Adjustment {
  readonly kind: 'bonus' | 'deduction';
  readonly name: Name;
  readonly cap?: NumLit;
  readonly dimension?: Name;
  readonly mark?: Mark;
  readonly trigger: Trigger;
  readonly amount: NumLit;
  readonly reason: StrLit;
  readonly range: Range;
}
export type VetoEffect =
  | { readonly kind: 'set'; readonly grade: Name }
  | { readonly kind: 'cap'; readonly grade: Name }
  | { readonly kind: 'none' };
export interface Veto {
  readonly kind: 'veto';
  readonly name: Name;
  readonly when: Expr;
  readonly effect: VetoEffect;
  readonly reason: StrLit;
  readonly range: Range;
}
export interface Tolerance {
  readonly kind: 'tolerance';
  readonly name: Name;
  readonly when: Expr;
  readonly exempt: readonly Name[];
  readonly reason: StrLit;
  readonly mark?: Mark;
  readonly range: Range;
}
export interface GradeEntry {
  readonly name: Name;
  readonly min?: NumLit;
  readonly quota?: NumLit;
  readonly range: Range;
}
export interface Grades {
  readonly kind: 'grades';
  readonly entries: readonly GradeEntry[];
  readonly range: Range;
}
export interface Quota {
  readonly kind: 'quota';
  readonly grade: Name;
  readonly share?: NumLit;
  /** grade-dependent: the group's own grade → share; `grade` undefined is the `else` row */
  readonly byGroup: readonly { readonly grade?: Name; readonly share: NumLit }[];
  readonly range: Range;
}
export type Extensible = 'indicator' | 'bonus' | 'deduction' | 'veto' | 'tolerance';
export interface Allow {
  readonly kind: 'allow';
  readonly what: readonly Extensible[];
  readonly range: Range;
}
export type Literal = NumLit | StrLit | BoolLit | Name | { readonly kind: 'null'; readonly range: Range };
export interface Binding {
  readonly key: Name;
  readonly value: Literal;
}
export type Expectation =
  | { readonly kind: 'eq'; readonly key: Name; readonly value: Literal; readonly range: Range }
  | { readonly kind: 'fired'; readonly rule: Name; readonly negated: boolean; readonly range: Range };
export interface TestCase {
  readonly kind: 'test';
  readonly name: StrLit;
  readonly category?: Name;
  readonly values: readonly Binding[];
  readonly previous?: readonly Binding[];
  readonly expects: readonly Expectation[];
  readonly range: Range;
}
export type Item =
  | Scale
  | Categories
  | Field
  | Dimension
  | Indicator
  | Adjustment
  | Veto
  | Tolerance
  | Grades
  | Quota
  | Allow
  | TestCase;
export interface Program {
  readonly kind: 'program';
  readonly header?: Header;
  readonly items: readonly Item[];
  readonly range: Range;
}
