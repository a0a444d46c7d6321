import type * as A from './ast.ts';
import { printExpr, printItem, printScoreFn } from './format.ts';
import { itemKey } from './inherit.ts';
import type { Model } from './model.ts';

export interface RuleSetDiff {
  added: { id: string; kind: string }[];
  removed: { id: string; kind: string }[];
  changed: { id: string; kind: string; fields: string[] }[];
  weights: { dimension: string; from: number | null; to: number | null }[];
}

/** The comparable parts of a rule, each printed canonically: a change in any of them is a changed field. */
function fieldsOf(item: A.Item): Record<string, string> {
  switch (item.kind) {
    case 'indicator':
      return {
        dimension: item.dimension.text,
        applies: item.applies.map((a) => a.text).join(','),
        weight: item.weight?.text ?? '1',
        source: item.source ? printExpr(item.source) : '',
        score: item.score ? printScoreFn(item.score) : '',
        missing: item.missing?.kind ?? 'exempt',
        mark: item.mark?.kind ?? '',
      };
    case 'bonus':
    case 'deduction':
      return {
        cap: item.cap?.text ?? '',
        dimension: item.dimension?.text ?? '',
        trigger: `${item.trigger.kind} ${printExpr(item.trigger.expr)}${item.trigger.kind === 'each' && item.trigger.per ? ` per ${item.trigger.per.text}` : ''}`,
        amount: item.amount.text,
        reason: item.reason.value,
      };
    case 'veto':
      return {
        when: printExpr(item.when),
        effect: item.effect.kind === 'none' ? 'none' : `${item.effect.kind} ${item.effect.grade.text}`,
        reason: item.reason.value,
      };
    case 'tolerance':
      return {
        when: printExpr(item.when),
        exempt: item.exempt.map((n) => n.text).join(','),
        reason: item.reason.value,
      };
    case 'grades':
      return Object.fromEntries(
        item.entries.map((g) => [g.name.text, `${g.min?.text ?? ''}|${g.quota?.text ?? ''}`]),
      );
    default:
      return { text: printItem(item) };
  }
}

const RULE_KINDS = new Set([
  'indicator',
  'bonus',
  'deduction',
  'veto',
  'tolerance',
  'grades',
  'quota',
  'scale',
  'field',
]);
const idOf = (item: A.Item): string =>
  (itemKey(item) ?? '').replace(/^(rule|field|quota):/, (_m, p: string) => (p === 'rule' ? '' : `${p}.`));

/** Structural diff of two effective rule sets: rules added, removed, changed (with the fields), and weights. */
export function diffModels(from: Model, to: Model): RuleSetDiff {
  const index = (m: Model) => new Map(m.items.filter((i) => RULE_KINDS.has(i.kind)).map((i) => [idOf(i), i]));
  const a = index(from);
  const b = index(to);
  const diff: RuleSetDiff = { added: [], removed: [], changed: [], weights: [] };
  for (const [id, item] of b) if (!a.has(id)) diff.added.push({ id, kind: item.kind });
  for (const [id, item] of a) if (!b.has(id)) diff.removed.push({ id, kind: item.kind });
  for (const [id, item] of b) {
    const old = a.get(id);
    if (old === undefined) continue;
    const x = fieldsOf(old);
    const y = fieldsOf(item);
    const fields = [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => x[k] !== y[k]);
    if (fields.length > 0) diff.changed.push({ id, kind: item.kind, fields });
  }
  const w = (m: Model) => new Map(m.dimensions.map((d) => [d.name, Number(d.weight.n) / Number(d.weight.d)]));
  const wa = w(from);
  const wb = w(to);
  for (const name of new Set([...wa.keys(), ...wb.keys()])) {
    const f = wa.get(name) ?? null;
    const t = wb.get(name) ?? null;
    if (f !== t) diff.weights.push({ dimension: name, from: f, to: t });
  }
  return diff;
}
