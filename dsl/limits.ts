/** Caps on tenant-authored rule sets: every evaluation terminates and every check stays cheap. */
export const LIMITS = Object.freeze({
  /** characters in one source file */
  sourceChars: 512_000,
  /** tokens in one source file */
  tokens: 100_000,
  /** nesting of parentheses and braces */
  depth: 32,
  /** AST nodes in one rule set, after inheritance */
  nodes: 60_000,
  /** rules (indicators, bonuses, deductions, vetoes, tolerances) in one rule set */
  rules: 2_000,
  /** points in one piecewise-linear function, bands or lookup entries */
  tableEntries: 200,
});
