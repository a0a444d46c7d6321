import { columnLetter, type ImportIssue } from './import-issue.ts';

/** What the importer needs to know of a catalog field (a structural subset of the DSL's CatalogField). */
export interface ImportField {
  readonly name: string;
  readonly type: 'percent' | 'count' | 'days' | 'minutes' | 'number' | 'bool' | 'category';
  readonly min?: number;
  readonly max?: number;
}

export type ColumnBinding =
  | { readonly role: 'subject'; readonly index: number; readonly header: string }
  | { readonly role: 'period'; readonly index: number; readonly header: string }
  | { readonly role: 'field'; readonly index: number; readonly header: string; readonly field: ImportField };

export interface HeaderMapping {
  readonly subject?: ColumnBinding;
  readonly period?: ColumnBinding;
  readonly fields: readonly Extract<ColumnBinding, { role: 'field' }>[];
  readonly issues: readonly ImportIssue[];
}

// Headers people actually type, in Chinese or English, for the two key columns.
const subjectHeaders = [
  '对象编码',
  '单位编码',
  '干部编码',
  '编码',
  '考核对象',
  'subject',
  'subjectid',
  'subject_id',
];
const periodHeaders = ['期间', '月份', '考核期间', '统计月份', 'period', 'month'];

/** Trims, folds full-width ASCII to half-width and lower-cases Latin letters, so `ＳＵＢＪＥＣＴ ` matches `subject`. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()
    .toLowerCase();
}

/** Binds each header to the subject column, the period column or a catalog field, reporting every problem. */
export function mapHeaders(headers: readonly string[], fields: readonly ImportField[]): HeaderMapping {
  const byName = new Map(fields.map((field) => [normalizeHeader(field.name), field]));
  const issues: ImportIssue[] = [];
  const seen = new Map<string, number>();
  let subject: ColumnBinding | undefined;
  let period: ColumnBinding | undefined;
  const bound: Extract<ColumnBinding, { role: 'field' }>[] = [];

  headers.forEach((header, index) => {
    const key = normalizeHeader(header);
    const place = { row: 1, column: header, columnLetter: columnLetter(index) };
    if (key === '') return;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      issues.push({
        ...place,
        code: 'duplicate_column',
        message: {
          zh: `列“${header}”与第 ${columnLetter(earlier)} 列重复`,
          en: `column "${header}" repeats column ${columnLetter(earlier)}`,
        },
      });
      return;
    }
    seen.set(key, index);
    if (subject === undefined && subjectHeaders.includes(key)) subject = { role: 'subject', index, header };
    else if (period === undefined && periodHeaders.includes(key)) period = { role: 'period', index, header };
    else {
      const field = byName.get(key);
      if (field !== undefined) bound.push({ role: 'field', index, header, field });
      else issues.push({ ...place, code: 'unknown_column', message: unknownColumnMessage(header, fields) });
    }
  });

  const missing = (what: { zh: string; en: string }, examples: string): ImportIssue => ({
    row: 1,
    column: '',
    columnLetter: '',
    code: 'missing_column',
    message: {
      zh: `缺少${what.zh}列（例如 ${examples}）`,
      en: `missing the ${what.en} column (e.g. ${examples})`,
    },
  });
  if (subject === undefined)
    issues.push(missing({ zh: '考核对象编码', en: 'subject id' }, '对象编码 / subject'));
  if (period === undefined) issues.push(missing({ zh: '期间', en: 'period' }, '期间 / period'));
  return {
    ...(subject === undefined ? {} : { subject }),
    ...(period === undefined ? {} : { period }),
    fields: bound,
    issues,
  };
}

function unknownColumnMessage(header: string, fields: readonly ImportField[]): ImportIssue['message'] {
  const suggestion = closestName(
    header,
    fields.map((field) => field.name),
  );
  const hint = suggestion === undefined ? '' : suggestion;
  return {
    zh: `未知列“${header}”：指标目录中没有此字段${hint === '' ? '' : `，是否指“${hint}”？`}`,
    en: `unknown column "${header}": no such field in the catalog${hint === '' ? '' : ` — did you mean "${hint}"?`}`,
  };
}

/** The candidate within a small edit distance of `name`, if one stands out. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(normalizeHeader(name), normalizeHeader(candidate));
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  if (best === undefined) return undefined;
  return best.distance <= Math.max(1, Math.floor(best.candidate.length / 3)) ? best.candidate : undefined;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0] as number;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] as number;
}
