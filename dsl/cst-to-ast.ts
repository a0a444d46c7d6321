import type { CstElement, CstNode, IToken } from 'chevrotain';
import type * as A from './ast.ts';
import type { Range } from './diagnostics.ts';
import { tokenRange } from './lexer.ts';

type Children = Record<string, CstElement[] | undefined>;
const isToken = (e: CstElement | undefined): e is IToken => e !== undefined && 'image' in e;
const isNode = (e: CstElement | undefined): e is CstNode => e !== undefined && 'children' in e;

/** Converts the CST once; later stages only see the AST. Recovered (partial) nodes are dropped. */
export function toAst(root: CstNode, file?: string, text?: string): A.Program {
  // line starts, for turning node offsets into line/column without tracking them in the parser
  const lineStarts = [0];
  if (text !== undefined)
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1, offset };
  };
  const R = (t: IToken): Range => tokenRange(t, file);
  const tokensOf = (n: CstNode): IToken[] => {
    const out: IToken[] = [];
    const walk = (m: CstNode) => {
      for (const list of Object.values(m.children as Children))
        for (const e of list ?? []) isToken(e) ? out.push(e) : isNode(e) && walk(e);
    };
    walk(n);
    return out.filter((t) => !t.isInsertedInRecovery && !Number.isNaN(t.startOffset));
  };
  const span = (n: CstNode): Range => {
    const loc = n.location;
    if (
      text !== undefined &&
      loc &&
      loc.startOffset >= 0 &&
      Number.isFinite(loc.endOffset) &&
      (loc.endOffset ?? -1) >= loc.startOffset
    ) {
      const r: Range = { start: position(loc.startOffset), end: position((loc.endOffset ?? 0) + 1) };
      if (file !== undefined) r.file = file;
      return r;
    }
    const ts = tokensOf(n).sort((a, b) => a.startOffset - b.startOffset);
    const first = ts[0];
    const last = ts[ts.length - 1];
    if (first === undefined || last === undefined)
      return { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
    const r: Range = { start: R(first).start, end: R(last).end };
    if (file !== undefined) r.file = file;
    return r;
  };
  const ch = (n: CstNode): Children => n.children as Children;
  const tok = (n: CstNode, key: string, i = 0): IToken | undefined => {
    const e = ch(n)[key]?.[i];
    return isToken(e) && !e.isInsertedInRecovery ? e : undefined;
  };
  const toks = (n: CstNode, key: string): IToken[] =>
    (ch(n)[key] ?? []).filter(isToken).filter((t) => !t.isInsertedInRecovery);
  const node = (n: CstNode, key: string, i = 0): CstNode | undefined => {
    const e = ch(n)[key]?.[i];
    return isNode(e) && !e.recoveredNode ? e : undefined;
  };
  const nodes = (n: CstNode, key: string): CstNode[] =>
    (ch(n)[key] ?? []).filter(isNode).filter((m) => !m.recoveredNode);
  const name = (t: IToken | undefined): A.Name | undefined =>
    t === undefined ? undefined : { kind: 'name', text: t.image, range: R(t) };
  const str = (t: IToken | undefined): A.StrLit | undefined =>
    t === undefined ? undefined : { kind: 'str', value: t.image.slice(1, -1), range: R(t) };

  const num = (n: CstNode | undefined): A.NumLit | undefined => {
    if (n === undefined) return undefined;
    const digits = tok(n, 'NumberLiteral');
    if (digits === undefined) return undefined;
    const text = (tok(n, 'Minus') === undefined ? '' : '-') + digits.image;
    return {
      kind: 'num',
      text,
      value: Number(text),
      percent: tok(n, 'Percent') !== undefined,
      range: span(n),
    };
  };
  const mark = (n: CstNode | undefined): A.Mark | undefined => {
    if (n === undefined) return undefined;
    const range = span(n);
    if (tok(n, 'Locked')) return { kind: 'locked', range };
    if (tok(n, 'Open')) return { kind: 'open', range };
    const min = num(node(n, 'min'));
    const max = num(node(n, 'max'));
    return min && max ? { kind: 'overridable', min, max, range } : undefined;
  };

  const expression = (n: CstNode | undefined): A.Expr | undefined => {
    if (n === undefined) return undefined;
    switch (n.name) {
      case 'expression':
      case 'andExpr': {
        const ops = nodes(n, 'operands').map(expression);
        const op = n.name === 'expression' ? 'or' : 'and';
        return fold(ops, () => op, span(n));
      }
      case 'notExpr': {
        const inner = node(n, 'notExpr');
        if (inner) {
          const operand = expression(inner);
          return operand && { kind: 'unary', op: 'not', operand, range: span(n) };
        }
        return expression(node(n, 'cmpExpr'));
      }
      case 'cmpExpr': {
        const left = expression(node(n, 'left'));
        const opTok = tok(n, 'op');
        if (opTok === undefined) return left;
        const right = expression(node(n, 'right'));
        const op = CMP[opTok.tokenType.name];
        return left && right && op ? { kind: 'binary', op, left, right, range: span(n) } : undefined;
      }
      case 'addExpr':
      case 'mulExpr': {
        const ops = toks(n, 'ops');
        return fold(
          nodes(n, 'operands').map(expression),
          (i) => ARITH[ops[i]?.tokenType.name ?? ''] ?? '+',
          span(n),
        );
      }
      case 'unaryExpr': {
        const inner = node(n, 'unaryExpr');
        if (inner) {
          const operand = expression(inner);
          return operand && { kind: 'unary', op: '-', operand, range: span(n) };
        }
        return expression(node(n, 'atom'));
      }
      case 'atom':
        return atom(n);
      default:
        return undefined;
    }
  };
  const fold = (
    parts: (A.Expr | undefined)[],
    op: (i: number) => A.BinaryOp,
    range: Range,
  ): A.Expr | undefined => {
    if (parts.some((p) => p === undefined)) return undefined;
    const list = parts as A.Expr[];
    let acc = list[0];
    for (let i = 1; i < list.length && acc; i++) {
      const right = list[i] as A.Expr;
      acc = { kind: 'binary', op: op(i - 1), left: acc, right, range: { ...range, end: right.range.end } };
    }
    return acc;
  };
  const atom = (n: CstNode): A.Expr | undefined => {
    const range = span(n);
    const digits = tok(n, 'NumberLiteral');
    if (digits)
      return {
        kind: 'num',
        text: digits.image,
        value: Number(digits.image),
        percent: !!tok(n, 'Percent'),
        range,
      };
    const s = tok(n, 'StringLiteral');
    if (s) return { kind: 'str', value: s.image.slice(1, -1), range };
    if (tok(n, 'True')) return { kind: 'bool', value: true, range };
    if (tok(n, 'False')) return { kind: 'bool', value: false, range };
    const id = tok(n, 'Identifier');
    if (id) {
      if (tok(n, 'call') === undefined) return { kind: 'ref', name: id.image, range };
      const args = nodes(n, 'args').map(expression);
      return args.every((a) => a !== undefined)
        ? { kind: 'call', fn: id.image, args: args as A.Expr[], range }
        : undefined;
    }
    return expression(node(n, 'inner'));
  };

  const literal = (n: CstNode | undefined): A.Literal | undefined => {
    if (n === undefined) return undefined;
    const range = span(n);
    const numNode = node(n, 'num');
    if (numNode) return num(numNode);
    const s = tok(n, 'StringLiteral');
    if (s) return { kind: 'str', value: s.image.slice(1, -1), range };
    if (tok(n, 'True')) return { kind: 'bool', value: true, range };
    if (tok(n, 'False')) return { kind: 'bool', value: false, range };
    const id = tok(n, 'Identifier');
    if (id === undefined) return undefined;
    return id.image === 'null' || id.image === '无'
      ? { kind: 'null', range }
      : { kind: 'name', text: id.image, range };
  };
  const bindings = (n: CstNode | undefined): A.Binding[] => {
    if (n === undefined) return [];
    const out: A.Binding[] = [];
    for (const b of nodes(n, 'binding')) {
      const k = tok(b, 'key');
      const value = literal(node(b, 'literal'));
      if (k === undefined || value === undefined) continue;
      const text = k.tokenType.name === 'StringLiteral' ? k.image.slice(1, -1) : k.image;
      out.push({ key: { kind: 'name', text, range: R(k) }, value });
    }
    return out;
  };

  const scoreFn = (n: CstNode): A.ScoreFn | undefined => {
    const range = span(n);
    const other = num(node(node(n, 'otherwise') ?? n, 'num'));
    const withOther = <T extends object>(o: T): T =>
      other && node(n, 'otherwise') ? { ...o, otherwise: other } : o;
    if (tok(n, 'Linear')) {
      const points = nodes(n, 'point').flatMap((p) => {
        const x = num(node(p, 'x'));
        const y = num(node(p, 'y'));
        return x && y ? [{ x, y }] : [];
      });
      return { kind: 'linear', points, range };
    }
    if (tok(n, 'Bands')) {
      const bands = nodes(n, 'band').flatMap((b) => {
        const op = tok(b, 'op');
        const bound = num(node(b, 'bound'));
        const points = num(node(b, 'points'));
        const o = BAND[op?.tokenType.name ?? ''];
        return o && bound && points ? [{ op: o, bound, points }] : [];
      });
      return withOther({ kind: 'bands' as const, bands, range });
    }
    if (tok(n, 'Lookup')) {
      const entries = nodes(n, 'lookupEntry').flatMap((e) => {
        const k = tok(e, 'key');
        const key: A.StrLit | A.Name | A.NumLit | undefined =
          k === undefined ? num(node(e, 'numKey')) : k.tokenType.name === 'StringLiteral' ? str(k) : name(k);
        const points = num(node(e, 'points'));
        return key && points ? [{ key, points }] : [];
      });
      return withOther({ kind: 'lookup' as const, entries, range });
    }
    const expr = expression(node(n, 'expression'));
    const lo = num(node(n, 'lo'));
    const hi = num(node(n, 'hi'));
    return expr && lo && hi ? { kind: 'expr', expr, lo, hi, range } : undefined;
  };

  const field = (n: CstNode): A.Field | undefined => {
    const fieldName = name(tok(n, 'name'));
    if (fieldName === undefined) return undefined;
    const numerator = name(tok(n, 'numerator'));
    const denominator = name(tok(n, 'denominator'));
    const levelTok = tok(n, 'level');
    return {
      kind: 'field',
      name: fieldName,
      ...opt('type', name(tok(n, 'type'))),
      ...(numerator && denominator ? { ratio: { numerator, denominator } } : {}),
      ...opt('source', str(tok(n, 'source'))),
      ...(levelTok
        ? { level: levelTok.tokenType.name === 'Unit' ? ('unit' as const) : ('cadre' as const) }
        : {}),
      ...opt('aggregation', name(tok(n, 'aggregation'))),
      ...opt('min', num(node(n, 'min'))),
      ...opt('max', num(node(n, 'max'))),
      range: span(n),
    };
  };

  const item = (n: CstNode): A.Item[] => {
    const range = span(n);
    switch (n.name) {
      case 'scale': {
        const base = num(node(n, 'base'));
        return base
          ? [
              {
                kind: 'scale',
                base,
                ...opt('bonus', num(node(n, 'bonus'))),
                ...opt('deduction', num(node(n, 'deduction'))),
                range,
              },
            ]
          : [];
      }
      case 'categories':
        return [
          {
            kind: 'categories',
            names: toks(n, 'Identifier').map((t) => ({ kind: 'name', text: t.image, range: R(t) })),
            range,
          },
        ];
      case 'catalog':
        return nodes(n, 'field').flatMap((f) => opt1(field(f)));
      case 'field':
        return opt1(field(n));
      case 'dimension': {
        const dim = name(tok(n, 'Identifier'));
        const weight = num(node(n, 'weight'));
        if (!dim || !weight) return [];
        return [
          {
            kind: 'dimension',
            name: dim,
            weight,
            ...opt('floor', num(node(n, 'floor'))),
            ...opt('mark', mark(node(n, 'mark'))),
            range,
          },
        ];
      }
      case 'indicator': {
        const ind = name(tok(n, 'name'));
        const dim = name(tok(n, 'dimension'));
        if (!ind || !dim) return [];
        const sf = node(n, 'scoreFn');
        const mp = node(n, 'missingPolicy');
        return [
          {
            kind: 'indicator',
            name: ind,
            dimension: dim,
            applies: toks(n, 'applies').map((t) => ({ kind: 'name', text: t.image, range: R(t) })),
            ...opt('weight', num(node(n, 'weight'))),
            ...opt('mark', mark(node(n, 'mark'))),
            ...opt('source', expression(node(n, 'source'))),
            ...opt('score', sf && scoreFn(sf)),
            ...opt('missing', mp && missing(mp)),
            range,
          },
        ];
      }
      case 'adjustment': {
        const kind = tok(n, 'kind')?.tokenType.name === 'Bonus' ? 'bonus' : 'deduction';
        const adjName = name(tok(n, 'name'));
        const amount = num(node(n, 'amount'));
        const reason = str(tok(n, 'reason'));
        const eachExpr = expression(node(n, 'each'));
        const whenExpr = expression(node(n, 'when'));
        const per = num(node(n, 'per'));
        const trigger: A.Trigger | undefined = eachExpr
          ? { kind: 'each', expr: eachExpr, ...opt('per', per) }
          : whenExpr && { kind: 'when', expr: whenExpr };
        if (!adjName || !amount || !reason || !trigger) return [];
        return [
          {
            kind,
            name: adjName,
            ...opt('cap', num(node(n, 'cap'))),
            ...opt('dimension', name(tok(n, 'dimension'))),
            ...opt('mark', mark(node(n, 'mark'))),
            trigger,
            amount,
            reason,
            range,
          },
        ];
      }
      case 'veto': {
        const vetoName = name(tok(n, 'name'));
        const when = expression(node(n, 'expression'));
        const reason = str(tok(n, 'reason'));
        const set = name(tok(n, 'set'));
        const cap = name(tok(n, 'cap'));
        const effect: A.VetoEffect | undefined = set
          ? { kind: 'set', grade: set }
          : cap
            ? { kind: 'cap', grade: cap }
            : tok(n, 'NoGrade') && { kind: 'none' };
        return vetoName && when && reason && effect
          ? [{ kind: 'veto', name: vetoName, when, effect, reason, range }]
          : [];
      }
      case 'tolerance': {
        const tolName = name(tok(n, 'name'));
        const when = expression(node(n, 'expression'));
        const reason = str(tok(n, 'reason'));
        const exempt = toks(n, 'exempt').map((t) => ({ kind: 'name' as const, text: t.image, range: R(t) }));
        return tolName && when && reason
          ? [
              {
                kind: 'tolerance',
                name: tolName,
                when,
                exempt,
                reason,
                ...opt('mark', mark(node(n, 'mark'))),
                range,
              },
            ]
          : [];
      }
      case 'grades':
        return [
          {
            kind: 'grades',
            entries: nodes(n, 'gradeEntry').flatMap((g) => {
              const gName = name(tok(g, 'Identifier'));
              return gName
                ? [
                    {
                      name: gName,
                      ...opt('min', num(node(g, 'min'))),
                      ...opt('quota', num(node(g, 'quota'))),
                      range: span(g),
                    },
                  ]
                : [];
            }),
            range,
          },
        ];
      case 'quota': {
        const grade = name(tok(n, 'grade'));
        if (!grade) return [];
        const byGroup = nodes(n, 'quotaRow').flatMap((q) => {
          const share = num(node(q, 'share'));
          return share ? [{ ...opt('grade', name(tok(q, 'grade'))), share }] : [];
        });
        return [{ kind: 'quota', grade, ...opt('share', num(node(n, 'share'))), byGroup, range }];
      }
      case 'allow':
        return [
          {
            kind: 'allow',
            what: toks(n, 'what').map((t) => t.tokenType.name.toLowerCase() as A.Extensible),
            range,
          },
        ];
      case 'test': {
        const testName = str(tok(n, 'name'));
        if (!testName) return [];
        const prev = node(n, 'previous');
        const expects = nodes(n, 'expectation').flatMap((e): A.Expectation[] => {
          const rule = name(tok(e, 'rule'));
          if (rule) return [{ kind: 'fired', rule, negated: tok(e, 'Not') !== undefined, range: span(e) }];
          const key = tok(e, 'key');
          const value = literal(node(e, 'literal'));
          if (!key || !value) return [];
          const text = key.tokenType.name === 'Grade' ? 'grade' : key.image;
          return [{ kind: 'eq', key: { kind: 'name', text, range: R(key) }, value, range: span(e) }];
        });
        return [
          {
            kind: 'test',
            name: testName,
            ...opt('category', name(tok(n, 'category'))),
            values: bindings(node(n, 'values')),
            ...(prev ? { previous: bindings(prev) } : {}),
            expects,
            range,
          },
        ];
      }
      default:
        return [];
    }
  };
  const missing = (n: CstNode): A.MissingPolicy | undefined => {
    const range = span(n);
    if (tok(n, 'Exempt')) return { kind: 'exempt', range };
    if (tok(n, 'Zero')) return { kind: 'zero', range };
    if (tok(n, 'Carry')) return { kind: 'carry', range };
    const points = num(node(n, 'num'));
    return points && { kind: 'fixed', points, range };
  };

  const headerNode = node(root, 'header');
  let header: A.Header | undefined;
  if (headerNode) {
    const hName = name(tok(headerNode, 'name'));
    const subject = tok(headerNode, 'subject');
    const period = tok(headerNode, 'period');
    const parentName = name(tok(headerNode, 'parent'));
    const version = tok(headerNode, 'version');
    if (hName && subject && period) {
      header = {
        kind: 'header',
        name: hName,
        subject: subject.tokenType.name === 'Unit' ? 'unit' : 'cadre',
        period: period.tokenType.name.toLowerCase() as A.Header['period'],
        ...(parentName && version
          ? {
              parent: {
                name: parentName,
                version: {
                  kind: 'num',
                  text: version.image,
                  value: Number(version.image),
                  percent: false,
                  range: R(version),
                },
              },
            }
          : {}),
        range: span(headerNode),
      };
    }
  }
  const items = nodes(root, 'item').flatMap((it) => {
    const inner = Object.values(ch(it)).flat()[0];
    return isNode(inner) && !inner.recoveredNode ? item(inner) : [];
  });
  return { kind: 'program', ...opt('header', header), items, range: span(root) };
}

const CMP: Readonly<Record<string, A.BinaryOp>> = {
  Eq: '==',
  Neq: '!=',
  Gte: '>=',
  Lte: '<=',
  Gt: '>',
  Lt: '<',
};
const ARITH: Readonly<Record<string, A.BinaryOp>> = { Plus: '+', Minus: '-', Star: '*', Slash: '/' };
const BAND: Readonly<Record<string, '>=' | '>' | '<=' | '<'>> = { Gte: '>=', Gt: '>', Lte: '<=', Lt: '<' };

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
function opt1<T>(v: T | undefined): T[] {
  return v === undefined ? [] : [v];
}
