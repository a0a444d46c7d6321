import { CHINESE_KEYWORDS } from './tokens.ts';

/** Levenshtein distance, capped for speed. */
export function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 99;
}

/** The closest known name, if close enough to be a likely typo. */
export function closest(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestScore && d <= limit) {
      best = k;
      bestScore = d;
    }
  }
  return best;
}

/** A keyword glued to a name (指标热线解决率) lexes as one name: suggest the split. */
export function gluedSplit(name: string): { keyword: string; rest: string } | undefined {
  for (const { word } of CHINESE_KEYWORDS) {
    if (name.length > word.length && name.startsWith(word))
      return { keyword: word, rest: name.slice(word.length) };
  }
  return undefined;
}

export function unknownNameHint(
  name: string,
  known: Iterable<string>,
): { zh: string; en: string } | undefined {
  const glued = gluedSplit(name);
  const list = [...known];
  if (glued !== undefined && (list.includes(glued.rest) || closest(name, list) === undefined)) {
    return {
      zh: `关键字与名称连写了?请写成“${glued.keyword} ${glued.rest}”`,
      en: `keyword glued to a name? write '${glued.keyword} ${glued.rest}'`,
    };
  }
  const near = closest(name, list);
  return near === undefined ? undefined : { zh: `是否指“${near}”?`, en: `did you mean '${near}'?` };
}
