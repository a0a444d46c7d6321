import type { CompiledRuleSet, CompileResult, Diagnostic, RuleSetDiff, TestReport } from '../../dsl/index.ts';
// A namespace import: a function the language has not exported yet fails its route, not the whole server.
import * as dsl from '../../dsl/index.ts';
import { UnprocessableError } from './errors.ts';

/**
 * What the rule-set routes need from the rules language, in one place: compiling a draft against its
 * pinned parent, the publish gate (no errors, no failing tests), and re-pinning a city's `extends`.
 * The language itself lives in dsl/; nothing here parses rules beyond locating the `extends` clause.
 */
export interface ParentSource {
  readonly source: string;
}

/** Compiles a province version (no parent) or a city draft against its pinned, compiled parent. */
export function compileWithParent(
  source: string,
  parent: ParentSource | null,
  fileName?: string,
): CompileResult {
  if (parent === null) return dsl.compile(source, fileName === undefined ? {} : { fileName });
  const compiledParent = dsl.compile(parent.source);
  if (!compiledParent.ok) {
    // A published version always compiled; if it no longer does, the language changed under it.
    throw new UnprocessableError(
      'parent_invalid',
      {
        zh: '所继承的上级规则集版本无法编译',
        en: 'The pinned parent version does not compile',
      },
      { diagnostics: compiledParent.diagnostics },
    );
  }
  return dsl.compile(source, {
    parent: compiledParent.ruleSet,
    ...(fileName === undefined ? {} : { fileName }),
  });
}

export function checkWithParent(source: string, parent: ParentSource | null): readonly Diagnostic[] {
  if (parent === null) return dsl.check(source);
  const compiledParent = dsl.compile(parent.source);
  return compiledParent.ok
    ? dsl.check(source, { parent: compiledParent.ruleSet })
    : compiledParent.diagnostics;
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
