/**
 * The kaoping rules language: the only module the backend and the console import.
 *
 * @example
 * const r = compile(source);
 * if (r.ok) console.log(scoreSubject(r.ruleSet, { id: 'u1', kind: 'unit', category: '窗口服务类', values: { 热线解决率: 88 } }).total);
 */
import { aggregateField, aggregateMonths } from './aggregate.ts';
import { checkProgram, isCatalogOnly } from './checker.ts';
import { type CompiledEvaluator, compileModel } from './compiler.ts';
import type { Diagnostic, Range } from './diagnostics.ts';
import { diagnostic, hasErrors, sortDiagnostics } from './diagnostics.ts';
import { diffModels, type RuleSetDiff } from './diff.ts';
import { format as formatSource } from './format.ts';
import { interpret, interpretTotal as interpretTotalOf } from './interpreter.ts';
import type { CatalogField, Model } from './model.ts';
import { checkSource, parseSource } from './pipeline.ts';
import { applyQuotas } from './population.ts';
import { sha256Hex } from './sha256.ts';
import { runModelTests, type TestReport } from './test-runner.ts';
import { KEYWORDS } from './tokens.ts';
import type { SubjectInput, SubjectResult } from './types.ts';

export type { DryRunSummary, Outcome, SubjectComparison } from './compare.ts';
export { compareSubject, summarize as summarizeComparisons } from './compare.ts';
export type { Diagnostic, Position, Range, Severity } from './diagnostics.ts';
export type { RuleSetDiff } from './diff.ts';
export type { CatalogField } from './model.ts';
export type { TestReport } from './test-runner.ts';
export type { ResultStatus, SubjectInput, SubjectResult, TraceEntry } from './types.ts';
export { aggregateField, aggregateMonths };

export interface CompileOptions {
  /** the province rule set a city `extends` (already compiled) */
  parent?: CompiledRuleSet;
  /** source text of a separate catalog file */
  catalog?: string;
  fileName?: string;
}
export type CompileResult =
  | { ok: true; ruleSet: CompiledRuleSet; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };
export interface CompiledRuleSet {
  readonly name: string;
  readonly subjectKind: 'unit' | 'cadre';
  readonly period: 'annual' | 'quarterly' | 'monthly';
  readonly hash: string;
  readonly parent?: { name: string; version: number; hash: string };
  readonly effectiveHash: string;
  readonly catalog: readonly CatalogField[];
  readonly dimensions: readonly { name: string; weight: number; floor?: number; locked: boolean }[];
  readonly indicators: readonly {
    id: string;
    name: string;
    dimension: string;
    categories: readonly string[];
    range: Range;
  }[];
  readonly rules: readonly {
    id: string;
    kind: 'indicator' | 'bonus' | 'deduction' | 'veto' | 'tolerance' | 'grade' | 'quota';
    name: string;
    range: Range;
  }[];
  readonly categories: readonly string[];
  readonly grades: readonly string[];
  readonly tests: readonly { name: string; range: Range }[];
}

interface Internals {
  readonly model: Model;
  score: (s: SubjectInput) => SubjectResult;
  evaluator: CompiledEvaluator;
  /** ids of the rules written in this source (not inherited) */
  ownRules: ReadonlySet<string>;
}
const internals = new WeakMap<CompiledRuleSet, Internals>();
const cache = new Map<string, CompileResult>();
const CACHE_LIMIT = 256;

/** sha-256 hex of a text (UTF-8), synchronous, in Node and in the browser. */
export function contentHash(text: string): string {
  return sha256Hex(text);
}

/** Compiles a rule set; cached by content hash (with parent and catalog). Never throws. */
export function compile(source: string, options: CompileOptions = {}): CompileResult {
  const hash = contentHash(source);
  const catalogHash = options.catalog === undefined ? '' : contentHash(options.catalog);
  const key = `${hash}:${options.parent?.effectiveHash ?? ''}:${catalogHash}:${options.fileName ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = compileUncached(source, hash, catalogHash, options);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

function compileUncached(
  source: string,
  hash: string,
  catalogHash: string,
  options: CompileOptions,
): CompileResult {
  try {
    const parentModel = options.parent ? internals.get(options.parent)?.model : undefined;
    const checked = checkSource(source, {
      ...(options.catalog !== undefined ? { catalog: options.catalog } : {}),
      ...(options.parent && parentModel ? { parent: { name: options.parent.name, model: parentModel } } : {}),
      ...(options.fileName !== undefined ? { fileName: options.fileName } : {}),
    });
    const diagnostics = sortDiagnostics(checked.diagnostics);
    if (checked.model === undefined || hasErrors(diagnostics) || checked.program === undefined) {
      if (!hasErrors(diagnostics)) {
        // a catalog file checks clean but is not a rule set on its own
        const at = checked.program?.range ?? {
          start: { line: 1, column: 1, offset: 0 },
          end: { line: 1, column: 1, offset: 0 },
        };
        diagnostics.push(
          diagnostic('KP202', at, [], {
            zh: '这是数据目录文件:请作为 catalog 选项传给规则集',
            en: 'this is a catalog file: pass it as the catalog option of a rule set',
          }),
        );
      }
      return { ok: false, diagnostics };
    }
    const model = checked.model;
    const header = checked.program.header;
    const parent =
      options.parent && header?.parent
        ? {
            name: options.parent.name,
            version: header.parent.version.value,
            hash: options.parent.effectiveHash,
          }
        : undefined;
    const ruleSet: CompiledRuleSet = {
      name: model.name,
      subjectKind: model.subjectKind,
      period: model.period,
      hash,
      ...(parent ? { parent } : {}),
      effectiveHash: contentHash(`${hash}\n${catalogHash}\n${parent?.hash ?? ''}`),
      catalog: [...model.fields.values()],
      dimensions: model.dimensions.map((d) => ({
        name: d.name,
        weight: Number(d.weight.n) / Number(d.weight.d),
        ...(d.floor ? { floor: Number(d.floor.n) / Number(d.floor.d) } : {}),
        locked: d.node.mark?.kind === 'locked',
      })),
      indicators: model.indicators.map((i) => ({
        id: i.id,
        name: i.id,
        dimension: i.dimension,
        categories: i.applies.length > 0 ? i.applies : model.categories,
        range: i.node.name.range,
      })),
      rules: [
        ...model.indicators.map((i) => ({
          id: i.id,
          kind: 'indicator' as const,
          name: i.id,
          range: i.node.range,
        })),
        ...model.adjustments.map((a) => ({
          id: a.name.text,
          kind: a.kind,
          name: a.name.text,
          range: a.range,
        })),
        ...model.vetoes.map((v) => ({
          id: v.name.text,
          kind: 'veto' as const,
          name: v.name.text,
          range: v.range,
        })),
        ...model.tolerances.map((t) => ({
          id: t.name.text,
          kind: 'tolerance' as const,
          name: t.name.text,
          range: t.range,
        })),
        ...model.grades.map((g) => ({
          id: `grade.${g.name}`,
          kind: 'grade' as const,
          name: g.name,
          range: g.node.range,
        })),
        ...model.quotas.map((q) => ({
          id: `quota.${q.grade}`,
          kind: 'quota' as const,
          name: q.grade,
          range: q.range,
        })),
      ],
      categories: model.categories,
      grades: model.grades.map((g) => g.name),
      tests: model.tests.map((t) => ({ name: t.name.value, range: t.range })),
    };
    const evaluator = compileModel(model);
    const ownRules = new Set(
      checked.program.items.flatMap((i) => ('name' in i && i.name.kind === 'name' ? [i.name.text] : [])),
    );
    internals.set(ruleSet, { model, score: evaluator.score, evaluator, ownRules });
    return { ok: true, ruleSet, diagnostics };
  } catch (error) {
    // A bug, never bad input: still report it as a value so callers never see a throw.
    const at = { line: 1, column: 1, offset: 0 };
    return {
      ok: false,
      diagnostics: [
        {
          code: 'KP999',
          severity: 'error',
          message: { zh: `内部错误:${String(error)}`, en: `internal error: ${String(error)}` },
          range: { start: at, end: at },
        },
      ],
    };
  }
}

/** Every diagnostic of a source, sorted by position (including "no test covers this rule" warnings). */
export function check(source: string, options: CompileOptions = {}): Diagnostic[] {
  const parsed = parseSource(source, options.fileName);
  if (parsed.program !== undefined && isCatalogOnly(parsed.program)) {
    // a catalog file on its own: its fields, types, aggregations and ratios
    return sortDiagnostics([...parsed.diagnostics, ...checkProgram(parsed.program).diagnostics]);
  }
  const r = compile(source, options);
  if (!r.ok) return r.diagnostics;
  return sortDiagnostics([...r.diagnostics, ...coverageWarnings(r.ruleSet)]);
}

function coverageWarnings(ruleSet: CompiledRuleSet): Diagnostic[] {
  const inner = internals.get(ruleSet);
  if (inner === undefined || inner.model.tests.length === 0) return [];
  const report = runTests(ruleSet);
  return report.uncoveredRules.flatMap((id) => {
    const rule = ruleSet.rules.find((r) => r.id === id);
    if (rule === undefined || !inner.ownRules.has(id)) return [];
    return [
      {
        code: 'KP416',
        severity: 'warning' as const,
        message: { zh: `规则“${id}”没有测试覆盖`, en: `no test covers rule '${id}'` },
        range: rule.range,
      },
    ];
  });
}

function inner(ruleSet: CompiledRuleSet): Internals {
  const i = internals.get(ruleSet);
  if (i === undefined) throw new Error('not a rule set returned by compile()');
  return i;
}

/** Scores one subject: total, dimensions, grade, and a trace whose points sum exactly to the total. */
export function scoreSubject(ruleSet: CompiledRuleSet, subject: SubjectInput): SubjectResult {
  return inner(ruleSet).score(subject);
}

/** Scores every subject, then ranks each quota group and applies quotas (deterministic tie-break). */
export function scorePopulation(
  ruleSet: CompiledRuleSet,
  subjects: readonly SubjectInput[],
): SubjectResult[] {
  const i = inner(ruleSet);
  return applyQuotas(i.model, subjects, subjects.map(i.score));
}

/**
 * The population phase alone, for runs that score subjects in chunks: ranks each quota group and applies
 * quotas to per-subject results (same order as `subjects`). `scorePopulation` = score each + this.
 */
export function applyPopulation(
  ruleSet: CompiledRuleSet,
  subjects: readonly SubjectInput[],
  results: readonly SubjectResult[],
): SubjectResult[] {
  return applyQuotas(inner(ruleSet).model, subjects, [...results]);
}

/** The keywords of the language, English first then the Chinese alias (for editors: highlighting, completion). */
export const KEYWORD_PAIRS: readonly (readonly [english: string, chinese: string])[] = Object.values(
  KEYWORDS,
).map(([english, chinese]) => [english, chinese] as const);

/** Runs the tests written inside the rule set, with rule coverage. */
export function runTests(ruleSet: CompiledRuleSet): TestReport {
  const i = inner(ruleSet);
  return runModelTests(i.model, i.score);
}

/** @internal the exact tree-walking interpreter (the oracle of the differential test) */
export function interpretSubject(ruleSet: CompiledRuleSet, subject: SubjectInput): SubjectResult {
  return interpret(inner(ruleSet).model, subject);
}

/** @internal the exact interpreter's total (cents) and grade index, without a trace */
export function interpretTotal(
  ruleSet: CompiledRuleSet,
  subject: SubjectInput,
): { totalCents: number; grade: number } {
  return interpretTotalOf(inner(ruleSet).model, subject);
}

/** @internal total (cents) and grade index without a trace: the hot loop of large scoring runs */
export function scoreTotal(
  ruleSet: CompiledRuleSet,
  subject: SubjectInput,
): { totalCents: number; grade: number; exact: boolean } {
  return inner(ruleSet).evaluator.scoreTotal(subject);
}

/** @internal the checked model, for the CLI, benchmarks and tests */
export function modelOf(ruleSet: CompiledRuleSet): Model {
  return inner(ruleSet).model;
}

/** Formats a source canonically; a source that does not parse gets its diagnostics back. */
export function format(
  source: string,
): { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] } {
  try {
    return formatSource(source);
  } catch (error) {
    const at = { line: 1, column: 1, offset: 0 };
    return {
      ok: false,
      diagnostics: [
        {
          code: 'KP999',
          severity: 'error',
          message: { zh: `内部错误:${String(error)}`, en: `internal error: ${String(error)}` },
          range: { start: at, end: at },
        },
      ],
    };
  }
}

/** Structural diff of two compiled rule sets: added, removed and changed rules, and dimension weights. */
export function diffRuleSets(from: CompiledRuleSet, to: CompiledRuleSet): RuleSetDiff {
  return diffModels(inner(from).model, inner(to).model);
}
