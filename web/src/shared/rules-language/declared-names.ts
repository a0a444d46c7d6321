import { keywordOf } from './keywords.ts';
import { readToken } from './rules-tokenizer.ts';

const declaring = new Set([
  'dimension',
  'indicator',
  'bonus',
  'deduction',
  'veto',
  'tolerance',
  'field',
  'test',
]);

/**
 * The names a rule file itself declares (`dimension 群众评价 …`, `indicator 热线解决率 …`), read with the
 * highlighting tokenizer: for a city's file these are what the city sets itself rather than inherits.
 */
export function declaredNames(source: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const line of source.split('\n')) {
    let previousKeyword: string | undefined;
    for (let at = 0; at < line.length; ) {
      const token = readToken(line, at);
      const text = line.slice(at, at + token.length);
      at += token.length;
      if (token.type === null) continue;
      if (token.type === 'comment') break;
      if (token.type === 'keyword') {
        previousKeyword = keywordOf(text);
        continue;
      }
      if (token.type === 'variableName' && previousKeyword !== undefined && declaring.has(previousKeyword)) {
        const names = found.get(previousKeyword) ?? new Set<string>();
        names.add(text);
        found.set(previousKeyword, names);
      }
      previousKeyword = undefined;
    }
  }
  return found;
}
