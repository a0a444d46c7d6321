import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, compile, type Diagnostic, format, scoreSubject } from '../../dsl/index.ts';
import { generateSubjects } from './support/generate.ts';

const seeds = [
  readFileSync(new URL('./fixtures/slice.kp', import.meta.url), 'utf8'),
  readFileSync(new URL('../../examples/demo-province/cadres-2024.kp', import.meta.url), 'utf8'),
];
const PIECES = [
  'ruleset',
  'assesses',
  'unit',
  'period',
  'annual',
  'indicator',
  'in',
  '{',
  '}',
  '(',
  ')',
  'source',
  'score',
  'linear',
  'bands',
  'lookup',
  'expr',
  'bounded',
  '=>',
  ',',
  '，',
  '：',
  '（',
  '“',
  '”',
  '"',
  '..',
  '%',
  '>=',
  '<',
  '==',
  'and',
  'or',
  'not',
  'veto',
  'when',
  'grade',
  'nograde',
  'cap',
  'grades',
  'quota',
  'test',
  'given',
  'expect',
  'fired',
  'dimension',
  'weight',
  'floor',
  '指标',
  '维度',
  '热线解决率',
  '指标热线',
  '优秀',
  '较差',
  '0',
  '100',
  '-3',
  '99.995',
  '1e9',
  '\n',
  ' ',
  '#c\n',
  '//x\n',
  'previous.total',
  'present(',
  'min(',
  'field',
  'catalog',
  'extends',
  '@',
  '1',
  'tolerance',
  'exempt',
  'bonus',
  'deduction',
  'each',
  'per',
  'take',
  'give',
];

function rangeIsValid(d: Diagnostic, text: string): boolean {
  const { start, end } = d.range;
  if (d.range.file === 'catalog') return true;
  if (!(start.offset >= 0 && start.offset <= end.offset && end.offset <= text.length)) return false;
  if (start.line < 1 || start.column < 1 || end.line < start.line) return false;
  const before = text.slice(0, start.offset).split('\n');
  return before.length === start.line && (before[before.length - 1]?.length ?? 0) + 1 === start.column;
}

function exercise(text: string): void {
  const ds = check(text);
  for (const d of ds) {
    expect(rangeIsValid(d, text), `${d.code} ${JSON.stringify(d.range)}`).toBe(true);
    expect(d.code).not.toBe('KP999');
    expect(d.message.zh.length).toBeGreaterThan(0);
  }
  const f = format(text);
  if (f.ok) {
    // formatting keeps the meaning: the formatted text compiles exactly when the original does
    expect(compile(f.text).ok).toBe(compile(text).ok);
    const again = format(f.text);
    expect(again.ok && again.text).toBe(f.text);
  }
  const r = compile(text);
  if (r.ok)
    for (const s of generateSubjects(r.ruleSet, 5, text.length))
      expect(() => scoreSubject(r.ruleSet, s)).not.toThrow();
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...PIECES) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 80 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;
function mutate(text: string, ms: readonly Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = t.length === 0 ? 0 : m.at % t.length;
    if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + m.len);
    else if (m.kind === 'insert') t = t.slice(0, at) + m.piece + t.slice(at);
    else t = t.slice(0, at) + t.slice(at, at + m.len) + t.slice(at);
  }
  return t;
}

// Property runs take seconds on a busy machine: a generous ceiling, not a speed target.
describe('fuzz: the pipeline never throws and every diagnostic has a valid range', {
  timeout: 120_000,
}, () => {
  it('holds for random token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (pieces) =>
        exercise(pieces.join(' ')),
      ),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it('holds for random unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => exercise(s)),
      { numRuns: 200, seed: 7 },
    );
  });

  it('holds for mutated real rule sets', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 5 }), (seed, ms) =>
        exercise(mutate(seed, ms)),
      ),
      { numRuns: 300, seed: 99 },
    );
  });

  it('refuses pathological nesting and size with a limit diagnostic', () => {
    const deep = `ruleset 深 assesses unit period annual\nveto 深 when ${'('.repeat(5000)}x${')'.repeat(5000)} nograde "r"\n`;
    expect(check(deep).map((d) => d.code)).toContain('KP701');
    const notChain = `ruleset 深 assesses unit period annual\nveto 深 when ${'not '.repeat(20000)}x nograde "r"\n`;
    expect(check(notChain).map((d) => d.code)).toContain('KP701');
    expect(check('#'.repeat(600_000)).map((d) => d.code)).toEqual(['KP701']);
  });
});
