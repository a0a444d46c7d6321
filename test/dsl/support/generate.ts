import type { CatalogField, CompiledRuleSet, SubjectInput } from '../../../dsl/index.ts';

/** A small deterministic PRNG (mulberry32), so generated subjects are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORY_VALUES = ['好', '较好', '一般', '差'];

/** A plausible value for a catalog field: rates near their ceilings, counts small, decimals with 0–3 places. */
function valueFor(f: CatalogField, r: () => number): number | boolean | string {
  const places = Math.floor(r() * 4);
  const dec = (x: number) => Number(x.toFixed(places));
  switch (f.type) {
    case 'bool':
      return r() < 0.02;
    case 'category':
      return CATEGORY_VALUES[Math.floor(r() * CATEGORY_VALUES.length)] as string;
    case 'count':
      return r() < 0.85 ? 0 : 1 + Math.floor(r() * 3);
    case 'percent':
      return dec(100 - r() ** 2 * 25);
    case 'days':
      return dec(3 + r() ** 2 * 25);
    case 'minutes':
      return dec(5 + r() * 45);
    default: {
      const lo = f.min ?? 0;
      const hi = f.max !== undefined && f.max < 1000 ? f.max : 100;
      return dec(lo + (hi - lo) * (1 - (1 - r()) ** 2 * 0.6));
    }
  }
}

/** Subjects for a rule set: every category, some values missing, some with a previous period. */
export function generateSubjects(
  ruleSet: CompiledRuleSet,
  count: number,
  seed = 1,
  missingRate = 0.04,
): SubjectInput[] {
  const r = rng(seed);
  const out: SubjectInput[] = [];
  for (let i = 0; i < count; i++) {
    const values: Record<string, number | boolean | string | null> = {};
    for (const f of ruleSet.catalog) if (r() >= missingRate) values[f.name] = valueFor(f, r);
    const s: SubjectInput = {
      id: `s${String(i).padStart(6, '0')}`,
      kind: ruleSet.subjectKind,
      category: ruleSet.categories[Math.floor(r() * ruleSet.categories.length)] ?? '',
      group: `g${i % 7}`,
      values,
    };
    if (r() < 0.5)
      s.previous = {
        total: Number((40 + r() * 25).toFixed(2)),
        grade: ruleSet.grades[Math.floor(r() * ruleSet.grades.length)] ?? null,
        dimensions: {},
      };
    out.push(s);
  }
  return out;
}
