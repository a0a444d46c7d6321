import { keywordOf } from './keywords.ts';

/** The highlighting classes of the rules language (CodeMirror's standard tag names). */
export type TokenType =
  | 'keyword'
  | 'operatorKeyword'
  | 'atom'
  | 'variableName'
  | 'number'
  | 'string'
  | 'comment'
  | 'operator'
  | 'punctuation'
  | 'bracket'
  | 'invalid';

export interface Token {
  readonly length: number;
  readonly type: TokenType | null;
}

// Same classes as the language's lexer: CJK written as \u ranges, full-width punctuation accepted.
const CJK = '\\u3400-\\u4DBF\\u4E00-\\u9FFF';
const WORD = `[A-Za-z_${CJK}][A-Za-z0-9_${CJK}]*`;
const patterns: readonly (readonly [RegExp, TokenType | null | 'word'])[] = [
  [/[ \t\r\n\u3000]+/y, null],
  [/\/\/.*|#.*/y, 'comment'],
  [/"[^"\n]*"?|“[^”\n]*”?|「[^」\n]*」?/y, 'string'],
  [new RegExp(`${WORD}(?:\\.${WORD})*|[0-9]+[${CJK}][A-Za-z0-9_${CJK}]*`, 'y'), 'word'],
  [/[0-9]+(?:\.[0-9]+)?(?:%|％)?/y, 'number'],
  [/=>|＝>|→|\.\.|～|~|==|＝＝|!=|≠|！=|>=|≥|＞=|<=|≤|＜=|[<>＜＞+＋\-－*×/÷@＠]/y, 'operator'],
  [/[{}()｛｝（）]/y, 'bracket'],
  [/[,，、:：;；]/y, 'punctuation'],
];

const operatorKeywords = new Set(['and', 'or', 'not']);
const atoms = new Set(['true', 'false']);

/** Reads one token of `text` at `at`; always advances by at least one character. */
export function readToken(text: string, at: number): Token {
  for (const [pattern, type] of patterns) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match === null || match[0].length === 0) continue;
    if (type !== 'word') return { length: match[0].length, type };
    return { length: match[0].length, type: classifyWord(match[0]) };
  }
  return { length: 1, type: 'invalid' };
}

function classifyWord(word: string): TokenType {
  const keyword = keywordOf(word);
  if (keyword === undefined) return 'variableName';
  if (operatorKeywords.has(keyword)) return 'operatorKeyword';
  if (atoms.has(keyword)) return 'atom';
  return 'keyword';
}

/** The tokens of one line, as (text, type) pairs; whitespace is left out. */
export function tokenizeLine(line: string): { readonly text: string; readonly type: TokenType }[] {
  const tokens: { text: string; type: TokenType }[] = [];
  for (let at = 0; at < line.length; ) {
    const token = readToken(line, at);
    if (token.type !== null) tokens.push({ text: line.slice(at, at + token.length), type: token.type });
    at += token.length;
  }
  return tokens;
}
