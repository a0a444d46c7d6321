import type { ImportField } from './import-columns.ts';

export type CellValue = number | boolean | string;

export type CellParse =
  | { readonly ok: true; readonly value: CellValue | null }
  | {
      readonly ok: false;
      readonly code: 'bad_value' | 'out_of_range';
      readonly zh: string;
      readonly en: string;
    };

const trueWords = new Set(['是', '有', 'true', 'yes', 'y', '1']);
const falseWords = new Set(['否', '无', 'false', 'no', 'n', '0']);

/**
 * Reads one cell as the field's type. An empty cell is a missing value (null), never an error:
 * the rule set's missing-data policy decides what it means.
 */
export function parseCell(raw: string, field: ImportField): CellParse {
  const text = raw
    .replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .trim();
  if (text === '') return { ok: true, value: null };
  switch (field.type) {
    case 'bool': {
      const lower = text.toLowerCase();
      if (trueWords.has(lower)) return { ok: true, value: true };
      if (falseWords.has(lower)) return { ok: true, value: false };
      return bad(`“${text}”不是是/否值`, `"${text}" is not a yes/no value`);
    }
    case 'category':
      return { ok: true, value: text };
    case 'percent':
      return numeric(text.endsWith('%') ? text.slice(0, -1) : text, field, {
        min: 0,
        max: 100,
        integer: false,
      });
    case 'count':
      return numeric(text, field, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true });
    case 'days':
    case 'minutes':
      return numeric(text, field, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: false });
    case 'number':
      return numeric(text, field, { min: -Number.MAX_VALUE, max: Number.MAX_VALUE, integer: false });
    default: {
      const unreachable: never = field.type;
      return unreachable;
    }
  }
}

function numeric(
  text: string,
  field: ImportField,
  natural: { min: number; max: number; integer: boolean },
): CellParse {
  const cleaned = text.replace(/,/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned)) {
    return bad(`“${text}”不是数字`, `"${text}" is not a number`);
  }
  const value = Number(cleaned);
  if (natural.integer && !Number.isInteger(value)) {
    return bad(`“${text}”应为非负整数（次数）`, `"${text}" should be a whole count`);
  }
  const min = Math.max(natural.min, field.min ?? natural.min);
  const max = Math.min(natural.max, field.max ?? natural.max);
  if (value < min || value > max) {
    return {
      ok: false,
      code: 'out_of_range',
      zh: `${value} 超出允许范围 ${min}–${max}`,
      en: `${value} is outside the allowed range ${min}–${max}`,
    };
  }
  return { ok: true, value };
}

function bad(zh: string, en: string): CellParse {
  return { ok: false, code: 'bad_value', zh, en };
}

/** Accepts `2024-03`, `2024/3`, `2024.03`, `2024年3月`; returns `YYYY-MM` or undefined. */
export function parsePeriod(raw: string): string | undefined {
  const match = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/.exec(raw.trim());
  if (match === null) return undefined;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return `${match[1]}-${String(month).padStart(2, '0')}`;
}
