import type { CompiledRuleSet, CompileResult, Diagnostic, RuleSetDiff, TestReport } from '../../dsl/index.ts';
// A namespace import: a function the language has not exported yet fails its route, not the whole server.
import * as dsl from '../../dsl/index.ts';
import { UnprocessableError } from './errors.ts';

/**
 * What the rule-set routes need from the rules language, in one place: compiling a draft against its
 * pinned parent, the publish gate (no errors, no failing tests), and re-pinning a city's `extends`.
 * The language itself lives in dsl/; nothing here parses rules beyond locating the `extends` clause.
 */
/** A published parent version: its source and the catalog it was compiled with. */
export interface ParentSource {
  readonly source: string;
  readonly catalog: string | null;
}

/** What one compilation needs: the source, the tenant's catalog source (if any), the pinned parent. */
export interface CompileInput {
  readonly source: string;
  readonly catalog: string | null;
  readonly parent: ParentSource | null;
  readonly fileName?: string;
}

function optionsOf(catalog: string | null, fileName: string | undefined): dsl.CompileOptions {
  return { ...(catalog === null ? {} : { catalog }), ...(fileName === undefined ? {} : { fileName }) };
}

function compileParent(parent: ParentSource): CompiledRuleSet {
  const compiled = dsl.compile(parent.source, optionsOf(parent.catalog, undefined));
  if (!compiled.ok) {
    // A published version always compiled; if it no longer does, the language changed under it.
    throw new UnprocessableError(
      'parent_invalid',
      { zh: '所继承的上级规则集版本无法编译', en: 'The pinned parent version does not compile' },
      { diagnostics: compiled.diagnostics },
    );
  }
  return compiled.ruleSet;
}

/** Compiles a province rule set, or a city's against its pinned, compiled parent. */
export function compileRuleSet(input: CompileInput): CompileResult {
  const options = optionsOf(input.catalog, input.fileName);
  if (input.parent === null) return dsl.compile(input.source, options);
  return dsl.compile(input.source, { ...options, parent: compileParent(input.parent) });
}

/** Every diagnostic of a source, sorted by position. */
export function checkRuleSet(input: CompileInput): readonly Diagnostic[] {
  const options = optionsOf(input.catalog, input.fileName);
  if (input.parent === null) return dsl.check(input.source, options);
  return dsl.check(input.source, { ...options, parent: compileParent(input.parent) });
}

export type PublishGate =
  | { readonly ok: true; readonly ruleSet: CompiledRuleSet; readonly tests: TestReport }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly tests: TestReport | null };

/** A draft may be published only when it compiles without errors and all its tests pass. */
export function publishGate(result: CompileResult): PublishGate {
  if (!result.ok) return { ok: false, diagnostics: result.diagnostics, tests: null };
  const tests = dsl.runTests(result.ruleSet);
  if (tests.failed > 0) return { ok: false, diagnostics: result.diagnostics, tests };
  return { ok: true, ruleSet: result.ruleSet, tests };
}

export function structuralDiff(from: CompiledRuleSet, to: CompiledRuleSet): RuleSetDiff {
  return dsl.diffRuleSets(from, to);
}

/** A summary of a compiled rule set for API answers (ranges omitted). */
export function describeRuleSet(ruleSet: CompiledRuleSet) {
  return {
    name: ruleSet.name,
    subjectKind: ruleSet.subjectKind,
    period: ruleSet.period,
    hash: ruleSet.hash,
    effectiveHash: ruleSet.effectiveHash,
    parent: ruleSet.parent ?? null,
    catalog: ruleSet.catalog,
    dimensions: ruleSet.dimensions,
    indicators: ruleSet.indicators.map(({ id, name, dimension, categories }) => ({
      id,
      name,
      dimension,
      categories,
    })),
    rules: ruleSet.rules.map(({ id, kind, name }) => ({ id, kind, name })),
    categories: ruleSet.categories,
    grades: ruleSet.grades,
    tests: ruleSet.tests.map((test) => test.name),
  };
}

// `extends 名称@3` or `继承 名称@3` in the header.
const extendsPattern = /(\b(?:extends)|继承)(\s+)([^\s@]+)(\s*@\s*)(\d+)/u;

/** The `extends name@version` clause of a source, if any. */
export function extendsClause(source: string): { name: string; version: number } | null {
  const match = extendsPattern.exec(source);
  if (match === null) return null;
  return { name: match[3] ?? '', version: Number(match[5]) };
}

/** The same source with its `extends` clause pointing at `version` (used by re-pin). */
export function withParentVersion(source: string, version: number): string {
  return source.replace(
    extendsPattern,
    (_all, keyword: string, gap: string, name: string, at: string) =>
      `${keyword}${gap}${name}${at}${version}`,
  );
}
