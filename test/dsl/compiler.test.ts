import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type CompiledRuleSet,
  compile,
  interpretSubject,
  modelOf,
  type SubjectInput,
  scoreSubject,
  scoreTotal,
} from '../../dsl/index.ts';
import { generateSubjects } from './support/generate.ts';

const ex = (name: string) =>
  readFileSync(new URL(`../../examples/demo-province/${name}`, import.meta.url), 'utf8');
const catalog = ex('catalog.kp');
const build = (source: string, options: Parameters<typeof compile>[1] = {}): CompiledRuleSet => {
  const r = compile(source, options);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics.map((d) => d.message.en)));
  return r.ruleSet;
};
const province = build(ex('units-2024.kp'), { catalog });
const fixtures: [string, CompiledRuleSet][] = [
  ['slice', build(readFileSync(new URL('./fixtures/slice.kp', import.meta.url), 'utf8'))],
  ['units-2024', province],
  ['units-2025', build(ex('units-2025.kp'), { catalog })],
  ['city', build(ex('city-qingshan-2024.kp'), { catalog, parent: province })],
  ['cadres-2024', build(ex('cadres-2024.kp'))],
];

describe('compiled closures vs the exact interpreter (differential)', () => {
  it.each(fixtures)('agree on every generated subject of %s, trace included', (_name, rs) => {
    for (const s of generateSubjects(rs, 1500, 7))
      expect(scoreSubject(rs, s)).toEqual(interpretSubject(rs, s));
  });

  it.each(fixtures)('agree on the total and grade of the trace-free path for %s', (_name, rs) => {
    for (const s of generateSubjects(rs, 1500, 11)) {
      const exact = interpretSubject(rs, s);
      const fast = scoreTotal(rs, s);
      expect(fast.totalCents).toBe(Math.round(exact.total * 100));
      expect(fast.grade < 0 ? null : rs.grades[fast.grade]).toBe(exact.grade);
    }
  });

  it.each(fixtures)(
    'takes the fast path for almost every %s subject (exact fallback only near a tie)',
    (_name, rs) => {
      const subjects = generateSubjects(rs, 2000, 5);
      const fallbacks = subjects.filter((s) => scoreTotal(rs, s).exact).length;
      expect(fallbacks / subjects.length).toBeLessThan(0.1);
    },
  );

  it.each(fixtures)('the trace of every %s result sums exactly to its total', (_name, rs) => {
    for (const s of generateSubjects(rs, 1000, 3)) {
      const r = scoreSubject(rs, s);
      const cents = r.trace.reduce((sum, e) => sum + Math.round(e.points * 100), 0);
      expect(cents).toBe(Math.round(r.total * 100));
      const dims = Object.values(r.dimensions).reduce((sum, d) => sum + Math.round(d * 100), 0);
      const unattributed = r.trace
        .filter((e) => e.dimension === undefined)
        .reduce((sum, e) => sum + Math.round(e.points * 100), 0);
      expect(dims + unattributed).toBe(Math.round(r.total * 100));
      for (const e of r.trace)
        expect(
          Number.isInteger(Math.round(e.points * 100)) &&
            Math.abs(e.points * 100 - Math.round(e.points * 100)) < 1e-6,
        ).toBe(true);
    }
  });
});

describe('band boundaries', () => {
  it.each(fixtures)(
    'every band bound of %s scores the same in both evaluators, as the first matching band says',
    (_name, rs) => {
      const model = modelOf(rs);
      const base = generateSubjects(rs, 1, 99)[0] as SubjectInput;
      let checked = 0;
      for (const ind of model.indicators) {
        if (ind.score.kind !== 'bands' || ind.source.kind !== 'ref') continue;
        const field = ind.source.name;
        const category = ind.applies[0] ?? rs.categories[0] ?? '';
        for (const band of ind.score.bands) {
          for (const delta of [-0.01, 0, 0.01]) {
            const x = Number((band.bound.value + delta).toFixed(2));
            const s: SubjectInput = { ...base, category, values: { ...base.values, [field]: x } };
            const fast = scoreSubject(rs, s);
            expect(fast).toEqual(interpretSubject(rs, s));
            const hit = ind.score.bands.find((b) =>
              b.op === '>='
                ? x >= b.bound.value
                : b.op === '>'
                  ? x > b.bound.value
                  : b.op === '<='
                    ? x <= b.bound.value
                    : x < b.bound.value,
            );
            const expected = hit ? hit.points.value : (ind.score.otherwise?.value ?? 0);
            if (fast.indicatorScores?.[ind.id] !== undefined)
              expect(fast.indicatorScores[ind.id]).toBe(expected);
            checked++;
          }
        }
      }
      if (model.indicators.some((i) => i.score.kind === 'bands')) expect(checked).toBeGreaterThan(0);
    },
  );
});
