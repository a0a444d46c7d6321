import type * as A from './ast.ts';
import type { Draft } from './finish.ts';
import type { ModelIndicator } from './model.ts';
import type { InputValue } from './types.ts';

const show = (v: InputValue | number): string =>
  v === null ? '缺失' : typeof v === 'number' ? String(Math.round(v * 10000) / 10000) : String(v);
const FN_ZH: Readonly<Record<A.ScoreFn['kind'], string>> = {
  linear: '线性',
  bands: '分档',
  lookup: '对照表',
  expr: '公式',
};

const described = new WeakMap<A.ScoreFn, string>();
/** The score function in words (computed once per function). */
export function describeScoreFn(fn: A.ScoreFn): string {
  let text = described.get(fn);
  if (text === undefined) {
    text = describe(fn);
    described.set(fn, text);
  }
  return text;
}

function describe(fn: A.ScoreFn): string {
  switch (fn.kind) {
    case 'linear':
      return `线性 ${fn.points.map((p) => `${p.x.text}→${p.y.text}`).join(', ')}`;
    case 'bands':
      return `分档 ${fn.bands.map((b) => `${b.op}${b.bound.text}→${b.points.text}`).join(', ')}${fn.otherwise ? `, 否则→${fn.otherwise.text}` : ''}`;
    case 'lookup':
      return `对照表 ${fn.entries.length}项`;
    case 'expr':
      return `公式 限定${fn.lo.text}..${fn.hi.text}`;
    default: {
      const never: never = fn;
      return never;
    }
  }
}

/** Draft for an indicator: value → score function → score 0..100 → share of the dimension's weight. */
export function indicatorDraft(
  ind: ModelIndicator,
  inputs: Readonly<Record<string, InputValue>>,
  value: InputValue,
  score: number,
  sharePercent: number,
  note: string,
): Draft {
  return {
    ruleId: ind.id,
    kind: 'indicator',
    range: ind.node.name.range,
    inputs,
    dimension: ind.dimension,
    explain: (points) => ({
      computation: `${ind.id} ${show(value)}${note} → ${describeScoreFn(ind.score)} → ${show(score)}分 × 占比${show(sharePercent)}% → ${points}分`,
      zh: `${ind.id}为${show(value)}${note},按${FN_ZH[ind.score.kind]}计${show(score)}分,计入${ind.dimension}${points}分`,
      en: `${ind.id} was ${show(value)}${note}; scored ${show(score)}/100 (${ind.score.kind}), adding ${points} to ${ind.dimension}`,
    }),
  };
}

const because = (reason: string): string => (reason.startsWith('因') ? reason : `因${reason}`);

/** Draft for a bonus or deduction that fired. */
export function adjustmentDraft(
  a: A.Adjustment,
  inputs: Readonly<Record<string, InputValue>>,
  count: number | undefined,
  capped: boolean,
): Draft {
  const verb = a.kind === 'bonus' ? '加' : '扣减';
  const dim = a.dimension?.text;
  const times =
    count === undefined
      ? ''
      : `(${show(count)}${a.trigger.kind === 'each' && a.trigger.per ? `, 每${a.trigger.per.text}计一次` : ''})`;
  return {
    ruleId: a.name.text,
    kind: a.kind,
    range: a.name.range,
    inputs,
    ...(dim ? { dimension: dim } : {}),
    explain: (points) => ({
      computation: `${a.name.text}${times}: ${a.kind === 'bonus' ? '+' : '−'}${a.amount.text}${count === undefined ? '' : '×次数'}${capped ? ' (封顶)' : ''} → ${a.kind === 'bonus' ? '+' : '−'}${points}分`,
      zh: `${because(a.reason.value)}${times},${verb}${dim ? `${dim}分` : ''}${points}分${capped ? '(已封顶)' : ''}`,
      en: `${a.kind === 'bonus' ? 'added' : 'took'} ${points} point(s)${dim ? ` ${a.kind === 'bonus' ? 'to' : 'from'} ${dim}` : ''}: ${a.reason.value}${capped ? ' (capped)' : ''}`,
    }),
  };
}

export function vetoDraft(
  v: A.Veto,
  inputs: Readonly<Record<string, InputValue>>,
  holds: boolean | null,
): Draft {
  const effect =
    v.effect.kind === 'none'
      ? '不定等次'
      : v.effect.kind === 'set'
        ? `定为${v.effect.grade.text}`
        : `不得高于${v.effect.grade.text}`;
  return {
    ruleId: v.name.text,
    kind: 'veto',
    range: v.name.range,
    inputs,
    explain: () => ({
      computation:
        holds === null
          ? `${v.name.text}: 条件无法判断(数据缺失) → 待复核`
          : `${v.name.text}: 条件成立 → ${effect}`,
      zh:
        holds === null
          ? `一票否决项“${v.name.text}”所需数据缺失,结果待复核`
          : `${because(v.reason.value)},一票否决,${effect}`,
      en:
        holds === null
          ? `veto '${v.name.text}' could not be evaluated (missing data): needs review`
          : `vetoed (${v.reason.value}): ${v.effect.kind === 'none' ? 'no grade' : `${v.effect.kind} ${v.effect.grade.text}`}`,
    }),
  };
}
