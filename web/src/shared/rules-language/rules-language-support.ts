import { defaultHighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { readToken } from './rules-tokenizer.ts';

/** CodeMirror language for kaoping rules: highlighting driven by the same tokenizer the tests check. */
export const rulesLanguage = StreamLanguage.define<Record<string, never>>({
  name: 'kaoping',
  startState: () => ({}),
  token(stream) {
    const token = readToken(stream.string, stream.pos);
    stream.pos += token.length;
    return token.type;
  },
  languageData: { commentTokens: { line: '//' } },
});

export function rulesLanguageSupport(): Extension {
  return [rulesLanguage, syntaxHighlighting(defaultHighlightStyle, { fallback: true })];
}
