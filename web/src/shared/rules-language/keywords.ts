/**
 * The rules language's keywords, English first then the Chinese alias, mirrored from the language's
 * lexer for highlighting and completion (the console imports only dsl/index.ts, which does not export
 * them; test/web/rules-tokenizer.test.ts fails if the two lists drift apart).
 */
export const KEYWORDS: readonly (readonly [english: string, chinese: string])[] = [
  ['ruleset', '规则集'],
  ['assesses', '考核对象'],
  ['unit', '单位'],
  ['cadre', '干部'],
  ['period', '周期'],
  ['annual', '年度'],
  ['quarterly', '季度'],
  ['monthly', '月度'],
  ['extends', '继承'],
  ['scale', '分值'],
  ['base', '基础分'],
  ['bonus', '加分'],
  ['deduction', '减分'],
  ['categories', '类别'],
  ['catalog', '数据目录'],
  ['field', '字段'],
  ['from', '来自'],
  ['level', '层级'],
  ['agg', '汇总'],
  ['ratio', '比率'],
  ['range', '范围'],
  ['dimension', '维度'],
  ['weight', '权重'],
  ['floor', '下限'],
  ['locked', '锁定'],
  ['overridable', '可调整'],
  ['open', '开放'],
  ['allow', '允许'],
  ['indicator', '指标'],
  ['in', '属于'],
  ['applies', '适用'],
  ['source', '数据源'],
  ['score', '评分'],
  ['linear', '线性'],
  ['bands', '分档'],
  ['lookup', '对照'],
  ['expr', '公式'],
  ['bounded', '限定'],
  ['missing', '缺失'],
  ['exempt', '免除'],
  ['zero', '零分'],
  ['carry', '沿用'],
  ['veto', '一票否决'],
  ['when', '当'],
  ['grades', '等次设置'],
  ['grade', '等次'],
  ['nograde', '不定等次'],
  ['cap', '封顶'],
  ['tolerance', '容错'],
  ['quota', '名额'],
  ['test', '测试'],
  ['given', '给定'],
  ['expect', '期望'],
  ['fired', '触发'],
  ['each', '每'],
  ['per', '满'],
  ['take', '扣'],
  ['give', '得'],
  ['else', '否则'],
  ['and', '且'],
  ['or', '或'],
  ['not', '非'],
  ['true', '是'],
  ['false', '否'],
  ['previous', '上期'],
];

const words = new Map<string, string>();
for (const [english, chinese] of KEYWORDS) {
  words.set(english, english);
  words.set(chinese, english);
}

/** The English spelling of a keyword in either language, or undefined for a name. */
export function keywordOf(word: string): string | undefined {
  return words.get(word);
}
