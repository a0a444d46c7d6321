import { createToken, Lexer, type TokenType } from 'chevrotain';

// Chevrotain drops the regex `u` flag, so CJK is matched with explicit \u ranges.
const CJK = '\\u3400-\\u4DBF\\u4E00-\\u9FFF';
const WORD = `[A-Za-z_${CJK}][A-Za-z0-9_${CJK}]*`;
export const Identifier = createToken({
  name: 'Identifier',
  pattern: new RegExp(`${WORD}(?:\\.${WORD})*|[0-9]+[${CJK}][A-Za-z0-9_${CJK}]*`),
});

/** Every keyword: English spelling first, then its Chinese aliases. */
export const KEYWORDS = {
  Ruleset: ['ruleset', '规则集'],
  Assesses: ['assesses', '考核对象'],
  Unit: ['unit', '单位'],
  Cadre: ['cadre', '干部'],
  Period: ['period', '周期'],
  Annual: ['annual', '年度'],
  Quarterly: ['quarterly', '季度'],
  Monthly: ['monthly', '月度'],
  Extends: ['extends', '继承'],
  Scale: ['scale', '分值'],
  Base: ['base', '基础分'],
  Bonus: ['bonus', '加分'],
  Deduction: ['deduction', '减分'],
  Categories: ['categories', '类别'],
  Catalog: ['catalog', '数据目录'],
  Field: ['field', '字段'],
  From: ['from', '来自'],
  Level: ['level', '层级'],
  Agg: ['agg', '汇总'],
  Ratio: ['ratio', '比率'],
  Range: ['range', '范围'],
  Dimension: ['dimension', '维度'],
  Weight: ['weight', '权重'],
  Floor: ['floor', '下限'],
  Locked: ['locked', '锁定'],
  Overridable: ['overridable', '可调整'],
  Open: ['open', '开放'],
  Allow: ['allow', '允许'],
  Indicator: ['indicator', '指标'],
  In: ['in', '属于'],
  Applies: ['applies', '适用'],
  Source: ['source', '数据源'],
  Score: ['score', '评分'],
  Linear: ['linear', '线性'],
  Bands: ['bands', '分档'],
  Lookup: ['lookup', '对照'],
  Expr: ['expr', '公式'],
  Bounded: ['bounded', '限定'],
  Missing: ['missing', '缺失'],
  Exempt: ['exempt', '免除'],
  Zero: ['zero', '零分'],
  Carry: ['carry', '沿用'],
  Veto: ['veto', '一票否决'],
  When: ['when', '当'],
  Grades: ['grades', '等次设置'],
  Grade: ['grade', '等次'],
  NoGrade: ['nograde', '不定等次'],
  Cap: ['cap', '封顶'],
  Tolerance: ['tolerance', '容错'],
  Quota: ['quota', '名额'],
  Test: ['test', '测试'],
  Given: ['given', '给定'],
  Expect: ['expect', '期望'],
  Fired: ['fired', '触发'],
  Each: ['each', '每'],
  Per: ['per', '满'],
  Take: ['take', '扣'],
  Give: ['give', '得'],
  Else: ['else', '否则'],
  And: ['and', '且'],
  Or: ['or', '或'],
  Not: ['not', '非'],
  True: ['true', '是'],
  False: ['false', '否'],
  Previous: ['previous', '上期'],
} as const;
export type KeywordName = keyof typeof KEYWORDS;

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const keywordEntries = (Object.entries(KEYWORDS) as [KeywordName, readonly string[]][]).sort(
  (a, b) => Math.max(...b[1].map((s) => s.length)) - Math.max(...a[1].map((s) => s.length)),
);
export const Keyword: Record<KeywordName, TokenType> = Object.fromEntries(
  keywordEntries.map(([name, words]) => [
    name,
    createToken({
      name,
      pattern: new RegExp(
        [...words]
          .sort((a, b) => b.length - a.length)
          .map(escapeRegex)
          .join('|'),
      ),
      longer_alt: Identifier,
    }),
  ]),
) as Record<KeywordName, TokenType>;

/** Chinese keyword aliases, longest first: used to suggest a split for a glued name like 指标热线解决率. */
export const CHINESE_KEYWORDS: readonly { word: string; english: string }[] = Object.values(KEYWORDS)
  .map((words) => ({ word: words[1], english: words[0] }))
  .sort((a, b) => b.word.length - a.word.length);

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\u3000]+/,
  group: Lexer.SKIPPED,
});
export const Comment = createToken({ name: 'Comment', pattern: /\/\/[^\n]*|#[^\n]*/, group: 'comments' });
export const Semicolon = createToken({ name: 'Semicolon', pattern: /;|；/, group: 'separators' });
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"[^"\n]*"|“[^”\n]*”|「[^」\n]*」/,
});
export const BadString = createToken({ name: 'BadString', pattern: /["“「][^\n]*/ });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /[0-9]+(?:\.[0-9]+)?/ });
export const Percent = createToken({ name: 'Percent', pattern: /%|％/ });
export const Arrow = createToken({ name: 'Arrow', pattern: /=>|＝>|→/ });
export const DotDot = createToken({ name: 'DotDot', pattern: /\.\.|～|~/ });
export const Eq = createToken({ name: 'Eq', pattern: /==|＝＝/ });
export const Neq = createToken({ name: 'Neq', pattern: /!=|≠|！=/ });
export const Gte = createToken({ name: 'Gte', pattern: />=|≥|＞=/ });
export const Lte = createToken({ name: 'Lte', pattern: /<=|≤|＜=/ });
export const Gt = createToken({ name: 'Gt', pattern: />|＞/ });
export const Lt = createToken({ name: 'Lt', pattern: /<|＜/ });
export const Plus = createToken({ name: 'Plus', pattern: /\+|＋/ });
export const Minus = createToken({ name: 'Minus', pattern: /-|－/ });
export const Star = createToken({ name: 'Star', pattern: /\*|×/ });
export const Slash = createToken({ name: 'Slash', pattern: /\/|÷/ });
export const At = createToken({ name: 'At', pattern: /@|＠/ });
export const Comma = createToken({ name: 'Comma', pattern: /,|，|、/ });
export const Colon = createToken({ name: 'Colon', pattern: /:|：/ });
export const LCurly = createToken({ name: 'LCurly', pattern: /\{|｛/ });
export const RCurly = createToken({ name: 'RCurly', pattern: /\}|｝/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(|（/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)|）/ });

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  Semicolon,
  StringLiteral,
  BadString,
  Arrow,
  DotDot,
  Eq,
  Neq,
  Gte,
  Lte,
  Gt,
  Lt,
  Plus,
  Minus,
  Star,
  Slash,
  At,
  Comma,
  Colon,
  LCurly,
  RCurly,
  LParen,
  RParen,
  Percent,
  ...keywordEntries.map(([name]) => Keyword[name]),
  Identifier,
  NumberLiteral,
];

/** Full-width (IME) spellings the lexer accepts, with the half-width form the hint suggests. */
export const FULL_WIDTH: Readonly<Record<string, string>> = {
  '，': ',',
  '、': ',',
  '：': ':',
  '；': ';',
  '（': '(',
  '）': ')',
  '｛': '{',
  '｝': '}',
  '％': '%',
  '＝>': '=>',
  '＝＝': '==',
  '！=': '!=',
  '＞=': '>=',
  '＜=': '<=',
  '＞': '>',
  '＜': '<',
  '＋': '+',
  '－': '-',
  '＠': '@',
};
