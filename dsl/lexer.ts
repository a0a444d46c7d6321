import { type IToken, Lexer } from 'chevrotain';
import { type Diagnostic, diagnostic, type Range } from './diagnostics.ts';
import { LIMITS } from './limits.ts';
import {
  allTokens,
  BadString,
  FULL_WIDTH,
  Keyword,
  LCurly,
  LParen,
  Minus,
  RCurly,
  RParen,
} from './tokens.ts';

let lexer: Lexer | undefined;
/** One lexer per process, built on first use. */
function instance(): Lexer {
  lexer ??= new Lexer(allTokens, {
    positionTracking: 'full',
    ensureOptimizations: false,
    skipValidations: true,
  });
  return lexer;
}

export interface LexResult {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly diagnostics: Diagnostic[];
  /** false when a limit was exceeded and parsing must not start */
  readonly parseable: boolean;
}

export function tokenRange(token: IToken, file?: string): Range {
  const start = { line: token.startLine ?? 1, column: token.startColumn ?? 1, offset: token.startOffset };
  const endOffset = (token.endOffset ?? token.startOffset + token.image.length - 1) + 1;
  const r: Range = {
    start,
    end: {
      line: token.endLine ?? start.line,
      column: (token.endColumn ?? start.column) + 1,
      offset: endOffset,
    },
  };
  if (file !== undefined) r.file = file;
  return r;
}

/** Range of `length` characters at `offset`, computing line/column from the text. */
export function offsetRange(text: string, offset: number, length: number, file?: string): Range {
  const at = (o: number) => {
    let line = 1;
    let col = 1;
    for (let i = 0; i < o && i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        col = 1;
      } else col++;
    }
    return { line, column: col, offset: o };
  };
  const r: Range = { start: at(offset), end: at(Math.min(offset + length, text.length)) };
  if (file !== undefined) r.file = file;
  return r;
}

export function lex(text: string, file?: string): LexResult {
  const diagnostics: Diagnostic[] = [];
  if (text.length > LIMITS.sourceChars) {
    diagnostics.push(
      diagnostic('KP701', offsetRange(text, 0, 0, file), ['source size', String(LIMITS.sourceChars)]),
    );
    return { tokens: [], comments: [], diagnostics, parseable: false };
  }
  const result = instance().tokenize(text);
  for (const error of result.errors) {
    const ch = text.slice(error.offset, error.offset + error.length);
    const fixed = FULL_WIDTH[ch];
    diagnostics.push(
      diagnostic(
        'KP101',
        offsetRange(text, error.offset, error.length, file),
        [ch],
        fixed === undefined ? undefined : { zh: `改为“${fixed}”`, en: `use '${fixed}'` },
      ),
    );
  }
  const tokens: IToken[] = [];
  let depth = 0;
  let maxDepth = 0;
  let prefixRun = 0;
  for (const token of result.tokens) {
    if (token.tokenType === BadString) {
      diagnostics.push(
        diagnostic('KP103', tokenRange(token, file), [], { zh: '补上结束引号', en: 'add the closing quote' }),
      );
      continue;
    }
    const first = token.image[0] ?? '';
    if (token.image.startsWith('“') || token.image.startsWith('「')) {
      diagnostics.push(
        diagnostic('KP102', tokenRange(token, file), [first, '"'], {
          zh: '使用半角引号 "…"',
          en: 'use ASCII quotes "…"',
        }),
      );
    }
    const fixed = FULL_WIDTH[token.image];
    if (fixed !== undefined) {
      diagnostics.push(
        diagnostic('KP102', tokenRange(token, file), [token.image, fixed], {
          zh: `改为“${fixed}”`,
          en: `use '${fixed}'`,
        }),
      );
    }
    // prefix operators nest like parentheses (`not not not …`): count a run of them as depth too
    if (token.tokenType === Keyword.Not || token.tokenType === Minus)
      maxDepth = Math.max(maxDepth, depth + ++prefixRun);
    else prefixRun = 0;
    if (token.tokenType === LParen || token.tokenType === LCurly) maxDepth = Math.max(maxDepth, ++depth);
    else if (token.tokenType === RParen || token.tokenType === RCurly) depth--;
    tokens.push(token);
  }
  for (const sep of result.groups.separators ?? []) {
    const fixedSep = FULL_WIDTH[sep.image];
    if (fixedSep !== undefined) {
      diagnostics.push(
        diagnostic('KP102', tokenRange(sep, file), [sep.image, fixedSep], {
          zh: '可删除分号',
          en: 'the semicolon may be dropped',
        }),
      );
    }
  }
  let parseable = true;
  if (maxDepth > LIMITS.depth) {
    diagnostics.push(
      diagnostic('KP701', offsetRange(text, 0, 0, file), ['nesting depth', String(LIMITS.depth)]),
    );
    parseable = false;
  }
  if (tokens.length > LIMITS.tokens) {
    diagnostics.push(
      diagnostic('KP701', offsetRange(text, 0, 0, file), ['token count', String(LIMITS.tokens)]),
    );
    parseable = false;
  }
  return { tokens, comments: result.groups.comments ?? [], diagnostics, parseable };
}
