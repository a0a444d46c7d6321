import {
  type CompiledRuleSet,
  type CompileOptions,
  check,
  compile,
  type Diagnostic,
} from '../../../../dsl/index.ts';

export interface Analysis {
  readonly source: string;
  /** Every diagnostic, sorted by position (the same list the CLI and the server report). */
  readonly diagnostics: readonly Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
  /** The compiled rule set when there are no errors. */
  readonly ruleSet: CompiledRuleSet | null;
}

/** Checks and, when it has no errors, compiles a rule source in the browser. Never throws. */
export function analyse(source: string, options: CompileOptions = {}): Analysis {
  const diagnostics = check(source, options);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length;
  let ruleSet: CompiledRuleSet | null = null;
  if (errors === 0) {
    const compiled = compile(source, options);
    if (compiled.ok) ruleSet = compiled.ruleSet;
  }
  return { source, diagnostics, errors, warnings, ruleSet };
}
