import {
  autocompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { type Diagnostic as CmDiagnostic, lintGutter } from '@codemirror/lint';
import type { Text as CmText, Extension } from '@codemirror/state';
import { hoverTooltip } from '@codemirror/view';
import type { CatalogField, CompiledRuleSet, Diagnostic } from '../../../../dsl/index.ts';
import type { Locale, MessageKey } from '../../shared/i18n/messages.ts';
import { messages, translate } from '../../shared/i18n/messages.ts';
import { offsetOf } from '../../shared/rules-language/diagnostic-position.ts';
import { KEYWORDS, keywordOf } from '../../shared/rules-language/keywords.ts';
import { readToken } from '../../shared/rules-language/rules-tokenizer.ts';

/** The language's diagnostics as CodeMirror lint marks, in the chosen language, with the hint appended. */
export function toEditorDiagnostics(
  doc: CmText,
  diagnostics: readonly Diagnostic[],
  locale: Locale,
): CmDiagnostic[] {
  return diagnostics.map((diagnostic) => {
    const from = offsetOf(doc, diagnostic.range.start.line, diagnostic.range.start.column);
    const to = Math.max(from, offsetOf(doc, diagnostic.range.end.line, diagnostic.range.end.column));
    const hint =
      diagnostic.hint === undefined
        ? ''
        : `\n${translate(locale, 'diagnostics.hint', { hint: diagnostic.hint[locale] })}`;
    return {
      from,
      to,
      severity: diagnostic.severity,
      source: diagnostic.code,
      message: `${diagnostic.message[locale]}${hint}`,
    };
  });
}

/** Names a person may type, from the last rule set that compiled, plus the keywords in both languages. */
export function completionOptions(ruleSet: CompiledRuleSet | null, locale: Locale): Completion[] {
  const label = (key: MessageKey): string => translate(locale, key);
  const options: Completion[] = [];
  const seen = new Set<string>();
  const add = (completion: Completion): void => {
    if (seen.has(completion.label)) return;
    seen.add(completion.label);
    options.push(completion);
  };
  if (ruleSet !== null) {
    for (const field of ruleSet.catalog) {
      add({
        label: field.name,
        type: 'variable',
        detail: label('completion.field'),
        info: describeField(field, locale),
        boost: 3,
      });
    }
    for (const indicator of ruleSet.indicators) {
      add({
        label: indicator.name,
        type: 'function',
        detail: `${label('completion.indicator')} · ${indicator.dimension}`,
        boost: 2,
      });
    }
    for (const dimension of ruleSet.dimensions) {
      add({ label: dimension.name, type: 'class', detail: label('completion.dimension'), boost: 2 });
    }
    for (const category of ruleSet.categories)
      add({ label: category, type: 'enum', detail: label('completion.category') });
    for (const grade of ruleSet.grades)
      add({ label: grade, type: 'constant', detail: label('completion.grade') });
  }
  for (const [english, chinese] of KEYWORDS) {
    add({ label: english, type: 'keyword', detail: chinese });
    add({ label: chinese, type: 'keyword', detail: english });
  }
  return options;
}

/** Whether the end of `prefix` (a line up to the cursor) is inside a comment or a string, where names are not completed. */
export function insideCommentOrString(prefix: string): boolean {
  for (let at = 0; at < prefix.length; ) {
    const token = readToken(prefix, at);
    if (token.type === 'comment') return true;
    const text = prefix.slice(at, at + token.length);
    at += token.length;
    // A string that reaches the cursor without its closing quote is still open.
    if (at >= prefix.length && token.type === 'string') return !/^(".*"|“.*”|「.*」)$/.test(text);
  }
  return false;
}

/** The word under or just before `pos`, using the same tokenizer as highlighting. */
export function wordAt(line: string, column: number): { from: number; to: number; text: string } | null {
  for (let at = 0; at < line.length; ) {
    const token = readToken(line, at);
    const end = at + token.length;
    if (column >= at && column <= end && token.type !== null && isNameLike(token.type)) {
      return { from: at, to: end, text: line.slice(at, end) };
    }
    if (at > column) break;
    at = end;
  }
  return null;
}

function isNameLike(type: string): boolean {
  return type === 'variableName' || type === 'keyword' || type === 'atom' || type === 'operatorKeyword';
}

export function describeField(field: CatalogField, locale: Locale): string {
  const t = (key: MessageKey): string => translate(locale, key);
  // Codes the language may grow are shown as they are rather than dropped.
  const word = (key: string, code: string): string => (key in messages ? t(key as MessageKey) : code);
  const ratio =
    field.ratioOf === undefined ? '' : ` (${field.ratioOf.numerator} / ${field.ratioOf.denominator})`;
  const parts = [
    `${t('hover.type')}: ${word(`field.type.${field.type}`, field.type)}`,
    `${t('hover.source')}: ${field.source}`,
    `${t('hover.level')}: ${word(`field.level.${field.level}`, field.level)}`,
    `${t('hover.aggregation')}: ${word(`field.agg.${field.aggregation}`, field.aggregation)}${ratio}`,
  ];
  if (field.min !== undefined || field.max !== undefined) {
    parts.push(`${t('hover.range')}: ${field.min ?? '…'} – ${field.max ?? '…'}`);
  }
  return parts.join('\n');
}

/** The catalog fields an indicator's source text mentions (what it reads). */
export function fieldsReadBy(
  source: string,
  ruleSet: CompiledRuleSet,
  indicatorName: string,
): CatalogField[] {
  const indicator = ruleSet.indicators.find(
    (candidate) => candidate.name === indicatorName || candidate.id === indicatorName,
  );
  if (indicator === undefined) return [];
  // The indicator's range may cover only its name: read on from there to the end of its `{ … }` body.
  const names = new Set<string>();
  let depth = 0;
  for (let at = indicator.range.start.offset; at < source.length; ) {
    const token = readToken(source, at);
    const text = source.slice(at, at + token.length);
    at += token.length;
    if (token.type === 'variableName') names.add(text);
    if (depth === 0 && token.type === 'keyword' && startsDeclaration.has(keywordOf(text) ?? '')) break;
    if (token.type !== 'bracket') continue;
    if (text === '{' || text === '｛') depth += 1;
    if ((text === '}' || text === '｝') && --depth <= 0) break;
  }
  return ruleSet.catalog.filter((field) => names.has(field.name));
}

const startsDeclaration = new Set([
  'indicator',
  'bonus',
  'deduction',
  'veto',
  'tolerance',
  'grades',
  'test',
  'dimension',
]);

interface ExtensionInputs {
  readonly ruleSet: () => CompiledRuleSet | null;
  readonly source: () => string;
  readonly locale: () => Locale;
}

/** Completion, hover and the lint gutter, reading the latest analysis through getters. */
export function rulesEditorExtensions(inputs: ExtensionInputs): Extension {
  const complete = (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(
      /[A-Za-z_\u3400-\u4DBF\u4E00-\u9FFF][A-Za-z0-9_.\u3400-\u4DBF\u4E00-\u9FFF]*/,
    );
    if (word === null || (word.from === word.to && !context.explicit)) return null;
    if (
      insideCommentOrString(
        context.state.doc
          .lineAt(context.pos)
          .text.slice(0, context.pos - context.state.doc.lineAt(context.pos).from),
      )
    ) {
      return null;
    }
    return {
      from: word.from,
      options: completionOptions(inputs.ruleSet(), inputs.locale()),
      validFor: /^[\w.\u3400-\u4DBF\u4E00-\u9FFF]*$/,
    };
  };
  const hover = hoverTooltip((view, pos) => {
    const ruleSet = inputs.ruleSet();
    if (ruleSet === null) return null;
    const line = view.state.doc.lineAt(pos);
    const word = wordAt(line.text, pos - line.from);
    if (word === null) return null;
    const content = hoverContent(word.text, ruleSet, inputs.source(), inputs.locale());
    if (content === null) return null;
    return {
      pos: line.from + word.from,
      end: line.from + word.to,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'kp-hover';
        dom.setAttribute('role', 'tooltip');
        dom.style.cssText =
          'padding:6px 10px;max-width:420px;white-space:pre-wrap;font-family:var(--kp-font)';
        dom.textContent = content;
        return { dom };
      },
    };
  });
  return [autocompletion({ override: [complete], activateOnTyping: true }), hover, lintGutter()];
}

/** What hovering a name shows: an indicator with the catalog fields it reads, a field, or a dimension. */
export function hoverContent(
  name: string,
  ruleSet: CompiledRuleSet,
  source: string,
  locale: Locale,
): string | null {
  const t = (key: MessageKey, params?: Readonly<Record<string, string | number>>): string =>
    translate(locale, key, params);
  const indicator = ruleSet.indicators.find((candidate) => candidate.name === name || candidate.id === name);
  if (indicator !== undefined) {
    const lines = [
      `${t('hover.indicator')} ${indicator.name}`,
      `${t('hover.dimension')}: ${indicator.dimension}`,
      `${t('hover.categories')}: ${indicator.categories.join('、')}`,
    ];
    for (const field of fieldsReadBy(source, ruleSet, name)) {
      lines.push('', `${t('hover.field')} ${field.name}`, describeField(field, locale));
    }
    return lines.join('\n');
  }
  const field = ruleSet.catalog.find((candidate) => candidate.name === name);
  if (field !== undefined) return `${t('hover.field')} ${field.name}\n${describeField(field, locale)}`;
  const dimension = ruleSet.dimensions.find((candidate) => candidate.name === name);
  if (dimension !== undefined) {
    return `${t('hover.dimension')} ${dimension.name}\n${t('hover.weight', { weight: formatPercent(dimension.weight) })}`;
  }
  return null;
}

/** Weights may come as fractions (0.3) or percentages (30); shown as a percentage either way. */
export function formatPercent(weight: number): string {
  const percent = weight <= 1 ? weight * 100 : weight;
  return String(Math.round(percent * 100) / 100);
}
