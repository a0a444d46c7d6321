import type { CompiledRuleSet } from '../../../../dsl/index.ts';
import { keywordOf } from '../../shared/rules-language/keywords.ts';
import { readToken } from '../../shared/rules-language/rules-tokenizer.ts';

export interface WeightRow {
  readonly name: string;
  /** Percent, e.g. 30 for 30%. */
  readonly weight: number | null;
  readonly floor: number | null;
  readonly locked: boolean;
}

/** The compiled rule set's dimensions in percent (the language may hold weights as fractions or percents). */
export function compiledWeights(ruleSet: CompiledRuleSet): WeightRow[] {
  const total = ruleSet.dimensions.reduce((sum, dimension) => sum + dimension.weight, 0);
  const factor = total > 0 && total <= 1.5 ? 100 : 1;
  return ruleSet.dimensions.map((dimension) => ({
    name: dimension.name,
    weight: round(dimension.weight * factor),
    floor: dimension.floor === undefined ? null : round(dimension.floor * factor),
    locked: dimension.locked,
  }));
}

/**
 * The `dimension … weight …% floor …% locked` lines as typed, read with the highlighting tokenizer, so the
 * weight panel follows the keyboard even while the file has errors elsewhere.
 */
export function typedWeights(source: string): WeightRow[] {
  const rows: WeightRow[] = [];
  for (const line of source.split('\n')) {
    const tokens: { text: string; type: string | null }[] = [];
    for (let at = 0; at < line.length; ) {
      const token = readToken(line, at);
      if (token.type !== null && token.type !== 'comment')
        tokens.push({ text: line.slice(at, at + token.length), type: token.type });
      at += token.length;
    }
    if (tokens[0] === undefined || keywordOf(tokens[0].text) !== 'dimension') continue;
    const name = tokens[1]?.type === 'variableName' ? tokens[1].text : null;
    if (name === null) continue;
    rows.push({
      name,
      weight: numberAfter(tokens, 'weight'),
      floor: numberAfter(tokens, 'floor'),
      locked: tokens.some((token) => keywordOf(token.text) === 'locked'),
    });
  }
  return rows;
}

function numberAfter(
  tokens: readonly { text: string; type: string | null }[],
  keyword: string,
): number | null {
  const index = tokens.findIndex((token) => keywordOf(token.text) === keyword);
  const next = tokens[index + 1];
  if (index < 0 || next?.type !== 'number') return null;
  return round(Number.parseFloat(next.text.replace(/[%％]/, '')));
}

export function weightTotal(rows: readonly WeightRow[]): number {
  return round(rows.reduce((sum, row) => sum + (row.weight ?? 0), 0));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
