/** Diagnostics are values: every problem the pipeline finds, with a stable code, both languages and a range. */
export type Severity = 'error' | 'warning' | 'info';
/** 1-based line and column; 0-based offset into the source. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}
/** `end` is exclusive. */
export interface Range {
  start: Position;
  end: Position;
  file?: string;
}
export interface Text {
  zh: string;
  en: string;
}
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: Text;
  range: Range;
  hint?: Text;
}

type Template = (a: readonly string[]) => Text;
interface Entry {
  readonly severity: Severity;
  readonly message: Template;
}
const t =
  (zh: (a: readonly string[]) => string, en: (a: readonly string[]) => string): Template =>
  (a) => ({ zh: zh(a), en: en(a) });

/** The catalogue of every diagnostic code. docs/diagnostics.md has one section per code. */
export const CATALOGUE = {
  KP101: {
    severity: 'error',
    message: t(
      (a) => `无法识别的字符“${a[0]}”`,
      (a) => `unrecognised character '${a[0]}'`,
    ),
  },
  KP102: {
    severity: 'warning',
    message: t(
      (a) => `全角标点“${a[0]}”,应为半角“${a[1]}”`,
      (a) => `full-width '${a[0]}' where '${a[1]}' is meant`,
    ),
  },
  KP103: {
    severity: 'error',
    message: t(
      () => '字符串未结束',
      () => 'unterminated string',
    ),
  },
  KP201: {
    severity: 'error',
    message: t(
      (a) => `语法错误:${a[0]}`,
      (a) => `syntax error: ${a[0]}`,
    ),
  },
  KP202: {
    severity: 'error',
    message: t(
      () => '缺少规则集头部(ruleset … assesses … period …)',
      () => 'missing rule set header',
    ),
  },
  KP301: {
    severity: 'error',
    message: t(
      (a) => `未知名称“${a[0]}”`,
      (a) => `unknown name '${a[0]}'`,
    ),
  },
  KP302: {
    severity: 'error',
    message: t(
      (a) => `名称“${a[0]}”重复定义`,
      (a) => `'${a[0]}' is defined twice`,
    ),
  },
  KP303: {
    severity: 'error',
    message: t(
      (a) => `类型不符:需要${a[0]},实际为${a[1]}`,
      (a) => `type mismatch: expected ${a[0]}, got ${a[1]}`,
    ),
  },
  KP304: {
    severity: 'error',
    message: t(
      (a) => `未知维度“${a[0]}”`,
      (a) => `unknown dimension '${a[0]}'`,
    ),
  },
  KP305: {
    severity: 'error',
    message: t(
      (a) => `未知类别“${a[0]}”`,
      (a) => `unknown unit category '${a[0]}'`,
    ),
  },
  KP306: {
    severity: 'error',
    message: t(
      (a) => `未知等次“${a[0]}”`,
      (a) => `unknown grade '${a[0]}'`,
    ),
  },
  KP307: {
    severity: 'error',
    message: t(
      (a) => `未知函数“${a[0]}”`,
      (a) => `unknown function '${a[0]}'`,
    ),
  },
  KP308: {
    severity: 'error',
    message: t(
      (a) => `函数${a[0]}需要${a[1]}个参数`,
      (a) => `function ${a[0]} takes ${a[1]} argument(s)`,
    ),
  },
  KP309: {
    severity: 'error',
    message: t(
      (a) => `“${a[0]}”不能豁免:${a[1]}`,
      (a) => `'${a[0]}' cannot be exempted: ${a[1]}`,
    ),
  },
  KP401: {
    severity: 'error',
    message: t(
      (a) => `维度权重之和为${a[0]}%,应为100%`,
      (a) => `dimension weights sum to ${a[0]}%, not 100%`,
    ),
  },
  KP402: {
    severity: 'error',
    message: t(
      (a) => `维度“${a[0]}”权重${a[1]}%低于下限${a[2]}%`,
      (a) => `'${a[0]}' weight ${a[1]}% is below its floor ${a[2]}%`,
    ),
  },
  KP403: {
    severity: 'error',
    message: t(
      (a) => `类别“${a[0]}”在维度“${a[1]}”下没有任何指标`,
      (a) => `category '${a[0]}' has no indicator in dimension '${a[1]}'`,
    ),
  },
  KP404: {
    severity: 'error',
    message: t(
      (a) => `分段点必须递增:${a[0]}`,
      (a) => `points must increase: ${a[0]}`,
    ),
  },
  KP405: {
    severity: 'error',
    message: t(
      (a) => `分档重叠或顺序错误:${a[0]}`,
      (a) => `bands overlap or are out of order: ${a[0]}`,
    ),
  },
  KP406: {
    severity: 'warning',
    message: t(
      (a) => `分档不可达:${a[0]}`,
      (a) => `unreachable band: ${a[0]}`,
    ),
  },
  KP407: {
    severity: 'error',
    message: t(
      (a) => `等次分数线重叠:${a[0]}`,
      (a) => `grade thresholds overlap: ${a[0]}`,
    ),
  },
  KP408: {
    severity: 'warning',
    message: t(
      (a) => `等次存在空档:低于${a[0]}分无等次`,
      (a) => `grade gap: scores below ${a[0]} get no grade`,
    ),
  },
  KP409: {
    severity: 'error',
    message: t(
      (a) => `指标“${a[0]}”缺少${a[1]}`,
      (a) => `indicator '${a[0]}' lacks ${a[1]}`,
    ),
  },
  KP410: {
    severity: 'warning',
    message: t(
      (a) => `指标“${a[0]}”不适用于任何类别`,
      (a) => `indicator '${a[0]}' applies to no category`,
    ),
  },
  KP411: {
    severity: 'error',
    message: t(
      () => '缺少等次设置(grades)',
      () => 'no grades declared',
    ),
  },
  KP412: {
    severity: 'error',
    message: t(
      (a) => `数值超出范围:${a[0]}`,
      (a) => `value out of range: ${a[0]}`,
    ),
  },
  KP413: {
    severity: 'warning',
    message: t(
      (a) => `等次“${a[0]}”分数线${a[1]}高于最高可得分${a[2]}`,
      (a) => `grade '${a[0]}' needs ${a[1]} > max ${a[2]}`,
    ),
  },
  KP414: {
    severity: 'error',
    message: t(
      (a) => `名额设置无效:${a[0]}`,
      (a) => `invalid quota: ${a[0]}`,
    ),
  },
  KP415: {
    severity: 'error',
    message: t(
      (a) => `重复设置:${a[0]}`,
      (a) => `declared twice: ${a[0]}`,
    ),
  },
  KP416: {
    severity: 'warning',
    message: t(
      (a) => `规则“${a[0]}”没有测试覆盖`,
      (a) => `no test covers rule '${a[0]}'`,
    ),
  },
  KP501: {
    severity: 'error',
    message: t(
      (a) => `继承的规则集应为“${a[0]}”,实际提供“${a[1]}”`,
      (a) => `extends '${a[0]}' but parent is '${a[1]}'`,
    ),
  },
  KP502: {
    severity: 'error',
    message: t(
      (a) => `“${a[0]}”已被上级锁定,不能修改`,
      (a) => `'${a[0]}' is locked by the parent`,
    ),
  },
  KP503: {
    severity: 'error',
    message: t(
      (a) => `“${a[0]}”只能在${a[1]}范围内调整`,
      (a) => `'${a[0]}' may only be set within ${a[1]}`,
    ),
  },
  KP504: {
    severity: 'error',
    message: t(
      (a) => `上级规则集不允许新增${a[0]}`,
      (a) => `the parent does not allow adding ${a[0]}`,
    ),
  },
  KP505: {
    severity: 'error',
    message: t(
      (a) => `规则集声明了继承“${a[0]}”,但未提供上级`,
      (a) => `extends '${a[0]}' but no parent was given`,
    ),
  },
  KP506: {
    severity: 'error',
    message: t(
      () => `提供了上级规则集,但本规则集未声明extends`,
      () => 'a parent was given but the rule set has no extends',
    ),
  },
  KP601: {
    severity: 'error',
    message: t(
      (a) => `测试无效:${a[0]}`,
      (a) => `invalid test: ${a[0]}`,
    ),
  },
  KP701: {
    severity: 'error',
    message: t(
      (a) => `超出限制:${a[0]}(上限${a[1]})`,
      (a) => `limit exceeded: ${a[0]} (max ${a[1]})`,
    ),
  },
} as const satisfies Record<string, Entry>;

export type Code = keyof typeof CATALOGUE;

export function diagnostic(code: Code, range: Range, args: readonly string[] = [], hint?: Text): Diagnostic {
  const entry: Entry = CATALOGUE[code];
  const d: Diagnostic = { code, severity: entry.severity, message: entry.message(args), range };
  if (hint !== undefined) d.hint = hint;
  return d;
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code),
  );
}

export const hasErrors = (list: readonly Diagnostic[]): boolean => list.some((d) => d.severity === 'error');

export const startRange: Range = {
  start: { line: 1, column: 1, offset: 0 },
  end: { line: 1, column: 1, offset: 0 },
};
