import type * as A from './ast.ts';
import { type Scope, type Ty, typeOf } from './check-expr.ts';
import { adjustmentsHaveBonus, checkScoreFn, checkTests, itemSize, typeOfLookup } from './check-parts.ts';
import { type Diagnostic, diagnostic, type Range } from './diagnostics.ts';
import { mergeWithParent } from './inherit.ts';
import { LIMITS } from './limits.ts';
import type {
  Aggregation,
  CatalogField,
  FieldType,
  MissingRule,
  Model,
  ModelDimension,
  ModelGrade,
  ModelIndicator,
  ModelQuota,
} from './model.ts';
import { unknownNameHint } from './names.ts';
import { add, cmp, HUNDRED, parseDecimal, type Rat, rat, ZERO } from './rational.ts';

const FIELD_TYPES: readonly FieldType[] = [
  'percent',
  'count',
  'days',
  'minutes',
  'number',
  'bool',
  'category',
];
const FIELD_TYPE_ZH: Readonly<Record<string, FieldType>> = {
  百分比: 'percent',
  计数: 'count',
  天数: 'days',
  分钟: 'minutes',
  数值: 'number',
  布尔: 'bool',
  分类: 'category',
};
const AGGREGATIONS: readonly Aggregation[] = ['avg', 'sum', 'last', 'min', 'max', 'ratio'];
const AGG_ZH: Readonly<Record<string, Aggregation>> = {
  平均: 'avg',
  合计: 'sum',
  末值: 'last',
  最小: 'min',
  最大: 'max',
};

export interface CheckOptions {
  readonly catalogItems?: readonly A.Item[];
  readonly parent?: { readonly name: string; readonly model: Model };
}
const R = (n: A.NumLit): Rat => parseDecimal(n.text) ?? ZERO;

/** Names, types, weights, bands, grades, quotas, inheritance: everything that makes a program a Model. */
export function checkProgram(
  program: A.Program,
  options: CheckOptions = {},
): { model?: Model; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const catalogOnly = isCatalogOnly(program);
  // A catalog file has no header: its fields are checked as if a unit rule set declared them.
  const header: A.Header | undefined =
    program.header ??
    (catalogOnly
      ? {
          kind: 'header',
          name: { kind: 'name', text: '', range: program.range },
          subject: 'unit',
          period: 'annual',
          range: program.range,
        }
      : undefined);
  const at: Range = header?.range ?? program.range;
  if (header === undefined) {
    out.push(diagnostic('KP202', program.range));
    return { diagnostics: out };
  }
  const parent = options.parent;
  if (header.parent && parent === undefined)
    out.push(diagnostic('KP505', header.parent.name.range, [header.parent.name.text]));
  if (!header.parent && parent !== undefined) out.push(diagnostic('KP506', header.range));
  if (header.parent && parent !== undefined && header.parent.name.text !== parent.name)
    out.push(diagnostic('KP501', header.parent.name.range, [header.parent.name.text, parent.name]));

  const catalogItems = options.catalogItems ?? [];
  // A shared catalog file may already be part of the parent: its fields are then inherited, not redefined.
  const inheritedFields = parent && header.parent ? parent.model.fields : new Map<string, unknown>();
  const own = [
    ...catalogItems.filter((i) => i.kind === 'field' && !inheritedFields.has(i.name.text)),
    ...program.items,
  ];
  const items = parent && header.parent ? mergeWithParent(parent.model, own, out) : own;
  const ownSet = new Set<A.Item>(own);
  const allow = new Set<A.Extensible>(parent && header.parent ? parent.model.allow : []);
  for (const i of program.items)
    if (i.kind === 'allow' && !(parent && header.parent)) for (const w of i.what) allow.add(w);

  // Diagnostics about inherited items were already reported when the parent was checked.
  const report = (item: A.Item, d: Diagnostic): void => {
    if (ownSet.has(item)) out.push(d);
  };

  // Catalog
  const fields = new Map<string, CatalogField>();
  const fieldItems = items.filter((i): i is A.Field => i.kind === 'field');
  for (const f of fieldItems) {
    if (fields.has(f.name.text)) {
      report(f, diagnostic('KP302', f.name.range, [f.name.text]));
      continue;
    }
    const typeText = f.type?.text;
    const type: FieldType | undefined = f.ratio
      ? 'percent'
      : (FIELD_TYPE_ZH[typeText ?? ''] ?? FIELD_TYPES.find((t) => t === typeText));
    if (type === undefined && f.type)
      report(
        f,
        diagnostic(
          'KP303',
          f.type.range,
          [FIELD_TYPES.join('|'), f.type.text],
          unknownNameHint(f.type.text, FIELD_TYPES),
        ),
      );
    const aggText = f.aggregation?.text;
    let aggregation: Aggregation | undefined = f.ratio
      ? 'ratio'
      : (AGG_ZH[aggText ?? ''] ?? AGGREGATIONS.find((a) => a === aggText));
    if (f.aggregation && aggregation === undefined)
      report(
        f,
        diagnostic(
          'KP303',
          f.aggregation.range,
          [AGGREGATIONS.join('|'), f.aggregation.text],
          unknownNameHint(f.aggregation.text, AGGREGATIONS),
        ),
      );
    aggregation ??= type === 'count' ? 'sum' : 'last';
    const field: CatalogField = {
      name: f.name.text,
      type: type ?? 'number',
      source: f.source?.value ?? '',
      level: f.level ?? header.subject,
      aggregation,
    };
    if (f.ratio) field.ratioOf = { numerator: f.ratio.numerator.text, denominator: f.ratio.denominator.text };
    if (f.min) field.min = f.min.value;
    if (f.max) field.max = f.max.value;
    if (type === 'percent' && f.min === undefined) field.min = 0;
    if (type === 'percent' && f.max === undefined) field.max = 100;
    fields.set(field.name, field);
  }
  for (const f of fieldItems) {
    if (!f.ratio) continue;
    for (const part of [f.ratio.numerator, f.ratio.denominator]) {
      const target = fields.get(part.text);
      if (target === undefined)
        report(f, diagnostic('KP301', part.range, [part.text], unknownNameHint(part.text, fields.keys())));
      else if (target.type !== 'count' && target.type !== 'number')
        report(f, diagnostic('KP303', part.range, ['count', target.type]));
    }
  }

  // Scale, categories, dimensions
  const scales = items.filter((i): i is A.Scale => i.kind === 'scale');
  for (const s of scales.slice(1)) report(s, diagnostic('KP415', s.range, ['scale']));
  const scale = scales[0];
  const categories: string[] = [];
  for (const c of items.filter((i): i is A.Categories => i.kind === 'categories'))
    for (const n of c.names) if (!categories.includes(n.text)) categories.push(n.text);
  const dimensions: ModelDimension[] = [];
  for (const d of items.filter((i): i is A.Dimension => i.kind === 'dimension')) {
    if (dimensions.some((x) => x.name === d.name.text)) {
      report(d, diagnostic('KP302', d.name.range, [d.name.text]));
      continue;
    }
    dimensions.push({
      name: d.name.text,
      weight: R(d.weight),
      ...(d.floor ? { floor: R(d.floor) } : {}),
      node: d,
    });
  }
  const exactSum = dimensions.reduce(
    (s, d) => rat(s.n * d.weight.d + d.weight.n * s.d, s.d * d.weight.d),
    ZERO,
  );
  if (dimensions.length > 0 && cmp(exactSum, HUNDRED) !== 0) {
    const d0 = dimensions.find((d) => ownSet.has(d.node)) ?? dimensions[0];
    out.push(
      diagnostic('KP401', d0?.node.weight.range ?? at, [
        (Number(exactSum.n) / Number(exactSum.d)).toString(),
      ]),
    );
  }
  for (const d of dimensions) {
    if (d.floor && cmp(d.weight, d.floor) < 0)
      out.push(
        diagnostic('KP402', d.node.weight.range, [
          d.node.weight.text,
          d.name,
          d.floor ? String(Number(d.floor.n) / Number(d.floor.d)) : '',
        ]),
      );
  }
  const dimNames = dimensions.map((d) => d.name);
  const scope: Scope = { fields, dimensions: dimNames };
  const typed = (owner: A.Item, e: A.Expr, want: Ty): void => {
    const ds: Diagnostic[] = [];
    const got = typeOf(e, scope, ds);
    if (got !== want && got !== 'unknown') ds.push(diagnostic('KP303', e.range, [want, got]));
    for (const d of ds) report(owner, d);
  };
  const knownDim = (owner: A.Item, n: A.Name): boolean => {
    if (dimNames.includes(n.text)) return true;
    report(owner, diagnostic('KP304', n.range, [n.text], unknownNameHint(n.text, dimNames)));
    return false;
  };

  // Rules share one id namespace.
  const ruleIds = new Set<string>();
  const claimId = (item: A.Item, n: A.Name): boolean => {
    if (ruleIds.has(n.text)) {
      report(item, diagnostic('KP302', n.range, [n.text]));
      return false;
    }
    ruleIds.add(n.text);
    return true;
  };

  const indicators: ModelIndicator[] = [];
  const applied = new Set<string>();
  for (const ind of items.filter((i): i is A.Indicator => i.kind === 'indicator')) {
    if (!claimId(ind, ind.name)) continue;
    const dimOk = knownDim(ind, ind.dimension);
    for (const c of ind.applies) {
      applied.add(c.text);
      if (categories.length > 0 && !categories.includes(c.text))
        report(ind, diagnostic('KP305', c.range, [c.text], unknownNameHint(c.text, categories)));
    }
    if (ind.source === undefined) report(ind, diagnostic('KP409', ind.name.range, [ind.name.text, 'source']));
    if (ind.score === undefined) report(ind, diagnostic('KP409', ind.name.range, [ind.name.text, 'score']));
    if (ind.source === undefined || ind.score === undefined || !dimOk) continue;
    typed(ind, ind.source, ind.score.kind === 'lookup' ? typeOfLookup(ind.score) : 'number');
    checkScoreFn(
      ind,
      ind.score,
      (d) => report(ind, d),
      (e) => typed(ind, e, 'number'),
    );
    const missing: MissingRule =
      ind.missing === undefined
        ? { kind: 'exempt' }
        : ind.missing.kind === 'fixed'
          ? { kind: 'fixed', points: R(ind.missing.points) }
          : { kind: ind.missing.kind };
    const weight = ind.weight ? R(ind.weight) : rat(1n);
    if (ind.weight && cmp(weight, ZERO) <= 0)
      report(ind, diagnostic('KP412', ind.weight.range, ['weight > 0']));
    indicators.push({
      id: ind.name.text,
      node: ind,
      dimension: ind.dimension.text,
      dimIndex: dimNames.indexOf(ind.dimension.text),
      applies: ind.applies.map((a) => a.text),
      weight,
      source: ind.source,
      score: ind.score,
      missing,
    });
  }
  if (categories.length === 0) for (const c of applied) categories.push(c);
  for (const ind of indicators)
    if (ind.applies.length > 0 && ind.applies.every((c) => !categories.includes(c)))
      report(ind.node, diagnostic('KP410', ind.node.name.range, [ind.id]));
  // Every category must have an indicator in every weighted dimension, or its weights would not hold.
  for (const c of categories.length > 0 ? categories : ['*']) {
    for (const d of dimensions) {
      if (cmp(d.weight, ZERO) === 0) continue;
      const has = indicators.some(
        (i) => i.dimension === d.name && (i.applies.length === 0 || i.applies.includes(c)),
      );
      if (!has) out.push(diagnostic('KP403', d.node.name.range, [c, d.name]));
    }
  }

  const adjustments: A.Adjustment[] = [];
  for (const a of items.filter((i): i is A.Adjustment => i.kind === 'bonus' || i.kind === 'deduction')) {
    if (!claimId(a, a.name)) continue;
    if (a.dimension) knownDim(a, a.dimension);
    typed(a, a.trigger.expr, a.trigger.kind === 'each' ? 'number' : 'bool');
    if (a.amount.value <= 0) report(a, diagnostic('KP412', a.amount.range, ['amount > 0']));
    if (a.trigger.kind === 'each' && a.trigger.per && a.trigger.per.value <= 0)
      report(a, diagnostic('KP412', a.trigger.per.range, ['per > 0']));
    adjustments.push(a);
  }

  // Grades
  const gradeItems = items.filter((i): i is A.Grades => i.kind === 'grades');
  for (const g of gradeItems.slice(1)) report(g, diagnostic('KP415', g.range, ['grades']));
  const grades: ModelGrade[] = [];
  const gradesItem = gradeItems[0];
  if (gradesItem === undefined) {
    if (!catalogOnly) out.push(diagnostic('KP411', at));
  } else {
    let prev: Rat | undefined;
    for (const e of gradesItem.entries) {
      if (grades.some((g) => g.name === e.name.text)) {
        report(gradesItem, diagnostic('KP302', e.name.range, [e.name.text]));
        continue;
      }
      const min = e.min ? R(e.min) : undefined;
      if (min && prev && cmp(min, prev) >= 0)
        report(gradesItem, diagnostic('KP407', e.range, [`${e.name.text} >= ${e.min?.text}`]));
      if (!min && e !== gradesItem.entries[gradesItem.entries.length - 1])
        report(gradesItem, diagnostic('KP407', e.range, [`${e.name.text}`]));
      if (min) prev = min;
      grades.push({ name: e.name.text, ...(min ? { min } : {}), node: e });
    }
    // a threshold no subject can reach (base plus the bonus cap, when there is one)
    if (scale?.bonus || !adjustmentsHaveBonus(items)) {
      const base = scale ? R(scale.base) : HUNDRED;
      const maxTotal = scale?.bonus ? add(base, R(scale.bonus)) : base;
      for (const g of grades)
        if (g.min && cmp(g.min, maxTotal) > 0)
          report(
            gradesItem,
            diagnostic('KP413', g.node.range, [
              g.name,
              g.node.min?.text ?? '',
              String(Number(maxTotal.n) / Number(maxTotal.d)),
            ]),
          );
    }
    const last = gradesItem.entries[gradesItem.entries.length - 1];
    if (last?.min && cmp(R(last.min), ZERO) > 0)
      report(gradesItem, diagnostic('KP408', last.range, [last.min.text]));
  }
  const gradeNames = grades.map((g) => g.name);
  const knownGrade = (owner: A.Item, n: A.Name): boolean => {
    if (gradeNames.includes(n.text)) return true;
    report(owner, diagnostic('KP306', n.range, [n.text], unknownNameHint(n.text, gradeNames)));
    return false;
  };

  const vetoes: A.Veto[] = [];
  for (const v of items.filter((i): i is A.Veto => i.kind === 'veto')) {
    if (!claimId(v, v.name)) continue;
    typed(v, v.when, 'bool');
    if (v.effect.kind !== 'none') knownGrade(v, v.effect.grade);
    vetoes.push(v);
  }
  const tolerances: A.Tolerance[] = [];
  for (const t of items.filter((i): i is A.Tolerance => i.kind === 'tolerance')) {
    if (!claimId(t, t.name)) continue;
    typed(t, t.when, 'bool');
    for (const n of t.exempt) {
      const isIndicator = indicators.some((i) => i.id === n.text);
      const adj = adjustments.find((a) => a.name.text === n.text);
      if (adj?.kind === 'bonus') report(t, diagnostic('KP309', n.range, [n.text, 'bonus']));
      else if (!isIndicator && !adj) {
        const known = [
          ...indicators.map((i) => i.id),
          ...adjustments.filter((a) => a.kind === 'deduction').map((a) => a.name.text),
        ];
        if (vetoes.some((v) => v.name.text === n.text))
          report(t, diagnostic('KP309', n.range, [n.text, 'veto']));
        else report(t, diagnostic('KP301', n.range, [n.text], unknownNameHint(n.text, known)));
      }
    }
    tolerances.push(t);
  }

  // Quotas: inline on a grade, or a quota statement (possibly depending on the group's own grade).
  const quotas: ModelQuota[] = [];
  for (const g of gradesItem?.entries ?? []) {
    if (g.quota) {
      if (g.quota.value <= 0 || g.quota.value > 100)
        report(gradesItem as A.Item, diagnostic('KP414', g.quota.range, [g.quota.text]));
      quotas.push({ grade: g.name.text, share: R(g.quota), byGroup: [], range: g.range });
    }
  }
  for (const q of items.filter((i): i is A.Quota => i.kind === 'quota')) {
    if (!knownGrade(q, q.grade)) continue;
    if (quotas.some((x) => x.grade === q.grade.text)) {
      report(q, diagnostic('KP415', q.grade.range, [`quota ${q.grade.text}`]));
      continue;
    }
    for (const row of q.byGroup) {
      // row grades name the group's own grade (e.g. a unit's grade for its cadres): another grade set
      if (row.share.value < 0 || row.share.value > 100)
        report(q, diagnostic('KP414', row.share.range, [row.share.text]));
    }
    if (q.share && (q.share.value <= 0 || q.share.value > 100))
      report(q, diagnostic('KP414', q.share.range, [q.share.text]));
    quotas.push({
      grade: q.grade.text,
      ...(q.share ? { share: R(q.share) } : {}),
      byGroup: q.byGroup.map((r) => ({ ...(r.grade ? { grade: r.grade.text } : {}), share: R(r.share) })),
      range: q.range,
    });
  }

  const tests = program.items.filter((i): i is A.TestCase => i.kind === 'test');
  checkTests(tests, { fields, categories, dimNames, gradeNames, ruleIds }, out);

  // Limits
  const ruleCount = indicators.length + adjustments.length + vetoes.length + tolerances.length;
  if (ruleCount > LIMITS.rules) out.push(diagnostic('KP701', at, ['rules', String(LIMITS.rules)]));
  const nodeCount = items.reduce((s, i) => s + itemSize(i), 0);
  if (nodeCount > LIMITS.nodes) out.push(diagnostic('KP701', at, ['AST nodes', String(LIMITS.nodes)]));

  if (catalogOnly || out.some((d) => d.severity === 'error')) return { diagnostics: out };
  const marks = new Map<string, A.Mark>();
  for (const i of items) if ('mark' in i && i.mark && 'name' in i) marks.set(i.name.text, i.mark);
  const model: Model = {
    name: header.name.text,
    subjectKind: header.subject,
    period: header.period,
    base: scale ? R(scale.base) : HUNDRED,
    ...(scale?.bonus ? { bonusCap: R(scale.bonus) } : {}),
    ...(scale?.deduction ? { deductionCap: R(scale.deduction) } : {}),
    categories,
    fields,
    dimensions,
    indicators,
    adjustments,
    vetoes,
    tolerances,
    grades,
    quotas,
    allow,
    tests,
    items,
    marks,
  };
  return { model, diagnostics: out };
}

/** A file with no header and only fields is a catalog file. */
export function isCatalogOnly(program: A.Program): boolean {
  return (
    program.header === undefined && program.items.length > 0 && program.items.every((i) => i.kind === 'field')
  );
}
