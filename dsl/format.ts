import type * as A from './ast.ts';
import { type Diagnostic, hasErrors } from './diagnostics.ts';
import { parseSource } from './pipeline.ts';

const PREC: Readonly<Record<A.BinaryOp, number>> = {
  or: 1,
  and: 2,
  '==': 4,
  '!=': 4,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
};
const num = (n: A.NumLit): string => `${n.text}${n.percent ? '%' : ''}`;
const str = (s: A.StrLit): string => (s.value.includes('"') ? `“${s.value}”` : `"${s.value}"`);

/** Prints an expression with the fewest parentheses that keep its meaning. */
export function printExpr(e: A.Expr, parent = 0): string {
  switch (e.kind) {
    case 'num':
      return num(e);
    case 'str':
      return str(e);
    case 'bool':
      return e.value ? 'true' : 'false';
    case 'ref':
      return e.name;
    case 'unary':
      return e.op === 'not'
        ? wrap(`not ${printExpr(e.operand, 3)}`, 3, parent)
        : `-${printExpr(e.operand, 7)}`;
    case 'binary': {
      const p = PREC[e.op];
      // comparisons do not chain; the right operand of - and / binds tighter
      const right = p === 4 || e.op === '-' || e.op === '/' ? p + 1 : p;
      return wrap(
        `${printExpr(e.left, p === 4 ? p + 1 : p)} ${e.op} ${printExpr(e.right, right)}`,
        p,
        parent,
      );
    }
    case 'call':
      return `${e.fn}(${e.args.map((a) => printExpr(a)).join(', ')})`;
    default: {
      const never: never = e;
      return never;
    }
  }
}
const wrap = (text: string, p: number, parent: number): string => (p < parent ? `(${text})` : text);

const mark = (m: A.Mark | undefined): string =>
  m === undefined
    ? ''
    : m.kind === 'overridable'
      ? ` overridable ${num(m.min)}..${num(m.max)}`
      : ` ${m.kind}`;

export function printScoreFn(f: A.ScoreFn): string {
  switch (f.kind) {
    case 'linear':
      return `linear ${f.points.map((p) => `${num(p.x)} => ${num(p.y)}`).join(', ')}`;
    case 'bands':
      return `bands ${[...f.bands.map((b) => `${b.op} ${num(b.bound)} => ${num(b.points)}`), ...(f.otherwise ? [`else => ${num(f.otherwise)}`] : [])].join(', ')}`;
    case 'lookup':
      return `lookup ${[
        ...f.entries.map(
          (e) =>
            `${e.key.kind === 'str' ? str(e.key) : e.key.kind === 'num' ? num(e.key) : e.key.text} => ${num(e.points)}`,
        ),
        ...(f.otherwise ? [`else => ${num(f.otherwise)}`] : []),
      ].join(', ')}`;
    case 'expr':
      return `expr ${printExpr(f.expr)} bounded ${num(f.lo)}..${num(f.hi)}`;
    default: {
      const never: never = f;
      return never;
    }
  }
}

const literal = (v: A.Literal): string =>
  v.kind === 'num'
    ? num(v)
    : v.kind === 'str'
      ? str(v)
      : v.kind === 'bool'
        ? String(v.value)
        : v.kind === 'name'
          ? v.text
          : 'null';
const bindings = (bs: readonly A.Binding[]): string =>
  `{ ${bs.map((b) => `${b.key.text}: ${literal(b.value)}`).join(', ')} }`;

function field(f: A.Field): string {
  const head = f.ratio
    ? `ratio ${f.ratio.numerator.text} / ${f.ratio.denominator.text}`
    : (f.type?.text ?? 'number');
  return [
    `field ${f.name.text} ${head}`,
    f.source ? ` from ${str(f.source)}` : '',
    f.level ? ` level ${f.level}` : '',
    f.aggregation ? ` agg ${f.aggregation.text}` : '',
    f.min && f.max ? ` range ${num(f.min)}..${num(f.max)}` : '',
  ].join('');
}

/** Prints one item in canonical form. */
export function printItem(item: A.Item): string {
  switch (item.kind) {
    case 'scale':
      return `scale base ${num(item.base)}${item.bonus ? ` bonus ${num(item.bonus)}` : ''}${item.deduction ? ` deduction ${num(item.deduction)}` : ''}`;
    case 'categories':
      return `categories ${item.names.map((n) => n.text).join(', ')}`;
    case 'field':
      return field(item);
    case 'dimension':
      return `dimension ${item.name.text} weight ${num(item.weight)}${item.floor ? ` floor ${num(item.floor)}` : ''}${mark(item.mark)}`;
    case 'indicator': {
      const head = `indicator ${item.name.text} in ${item.dimension.text}${item.applies.length ? ` applies ${item.applies.map((a) => a.text).join(', ')}` : ''}${item.weight ? ` weight ${num(item.weight)}` : ''}${mark(item.mark)}`;
      const body = [
        item.source ? `  source ${printExpr(item.source)}` : '',
        item.score ? `  score ${printScoreFn(item.score)}` : '',
        item.missing
          ? `  missing ${item.missing.kind === 'fixed' ? `score ${num(item.missing.points)}` : item.missing.kind}`
          : '',
      ].filter((l) => l !== '');
      return `${head} {\n${body.join('\n')}\n}`;
    }
    case 'bonus':
    case 'deduction': {
      const t = item.trigger;
      const trigger =
        t.kind === 'each'
          ? `each ${printExpr(t.expr)}${t.per ? ` per ${num(t.per)}` : ''}`
          : `when ${printExpr(t.expr)}`;
      return `${item.kind} ${item.name.text}${item.cap ? ` cap ${num(item.cap)}` : ''}${item.dimension ? ` ${item.kind === 'bonus' ? 'in' : 'from'} ${item.dimension.text}` : ''}${mark(item.mark)} ${trigger} ${item.kind === 'bonus' ? 'give' : 'take'} ${num(item.amount)} ${str(item.reason)}`;
    }
    case 'veto': {
      const e = item.effect;
      const effect = e.kind === 'none' ? 'nograde' : `${e.kind === 'set' ? 'grade' : 'cap'} ${e.grade.text}`;
      return `veto ${item.name.text} when ${printExpr(item.when)} ${effect} ${str(item.reason)}`;
    }
    case 'tolerance':
      return `tolerance ${item.name.text}${mark(item.mark)} when ${printExpr(item.when)} exempt ${item.exempt.map((n) => n.text).join(', ')} ${str(item.reason)}`;
    case 'grades':
      return `grades ${item.entries.map((g) => `${g.name.text}${g.min ? ` >= ${num(g.min)}` : ''}${g.quota ? ` quota ${num(g.quota)}` : ''}`).join(', ')}`;
    case 'quota':
      return item.share
        ? `quota ${item.grade.text} ${num(item.share)}`
        : `quota ${item.grade.text} { ${item.byGroup.map((r) => `${r.grade ? r.grade.text : 'else'} => ${num(r.share)}`).join(', ')} }`;
    case 'allow':
      return `allow ${item.what.join(', ')}`;
    case 'test': {
      const category = item.category ? `${item.category.text} ` : '';
      const given = `  given ${category}${bindings(item.values)}`;
      const expects = item.expects.map((e) =>
        e.kind === 'fired'
          ? `${e.negated ? 'not ' : ''}fired ${e.rule.text}`
          : `${e.key.text} == ${literal(e.value)}`,
      );
      const expect = `  expect ${expects.join(', ')}`;
      return [
        `test ${str(item.name)} {`,
        given.length <= WIDTH
          ? given
          : `  given ${category}{\n${wrapList(
              item.values.map((b) => `${b.key.text}: ${literal(b.value)}`),
              '    ',
            )}\n  }`,
        ...(item.previous ? [`  previous ${bindings(item.previous)}`] : []),
        expect.length <= WIDTH ? expect : `  expect ${wrapList(expects, '    ').trimStart()}`,
        '}',
      ].join('\n');
    }
    default: {
      const never: never = item;
      return never;
    }
  }
}

const WIDTH = 110;
/** Comma-separated parts packed into lines of at most WIDTH characters. */
function wrapList(parts: readonly string[], indent: string): string {
  const lines: string[] = [];
  let line = '';
  parts.forEach((part, i) => {
    const piece = i < parts.length - 1 ? `${part},` : part;
    if (line !== '' && indent.length + line.length + 1 + piece.length > WIDTH) {
      lines.push(indent + line);
      line = piece;
    } else line = line === '' ? piece : `${line} ${piece}`;
  });
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

const GROUP: Partial<Record<A.Item['kind'], string>> = { field: 'catalog', dimension: 'dimension' };

/** Formats a source canonically (English keywords, one item per line, comments kept before the item they precede). */
export function format(
  source: string,
): { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] } {
  const parsed = parseSource(source);
  if (parsed.program === undefined || hasErrors(parsed.diagnostics))
    return { ok: false, diagnostics: parsed.diagnostics };
  const program = parsed.program;
  const comments = [...parsed.comments];
  const out: string[] = [];
  const takeComments = (before: number, indent = ''): void => {
    while (comments.length > 0 && (comments[0]?.range.start.offset ?? 0) < before)
      out.push(indent + (comments.shift()?.text ?? '').trimEnd());
  };
  const h = program.header;
  if (h) {
    takeComments(h.range.start.offset);
    out.push(
      `ruleset ${h.name.text} assesses ${h.subject} period ${h.period}${h.parent ? ` extends ${h.parent.name.text}@${h.parent.version.text}` : ''}`,
    );
  }
  let previousKind: string | undefined;
  let inCatalog = false;
  for (const item of program.items) {
    const group = GROUP[item.kind] ?? item.kind;
    if (inCatalog && item.kind !== 'field') {
      out.push('}');
      inCatalog = false;
    }
    const single = [
      'dimension',
      'field',
      'bonus',
      'deduction',
      'veto',
      'tolerance',
      'categories',
      'scale',
      'allow',
      'quota',
    ];
    if (out.length > 0 && !(group === previousKind && single.includes(item.kind))) out.push('');
    // comments before the item, and any inside it, are printed just before it
    takeComments(item.range.end.offset, inCatalog ? '  ' : '');
    if (item.kind === 'field' && !inCatalog) {
      out.push('catalog {');
      inCatalog = true;
    }
    out.push(inCatalog ? `  ${printItem(item)}` : printItem(item));
    previousKind = group;
  }
  if (inCatalog) out.push('}');
  if (comments.length > 0) out.push('', ...comments.map((c) => c.text.trimEnd()));
  return { ok: true, text: `${out.join('\n')}\n` };
}
