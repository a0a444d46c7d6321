import type { CstNode } from 'chevrotain';
import type * as A from './ast.ts';
import { cstExpressions } from './cst-expr.ts';
import { cstReader } from './cst-read.ts';

/** Converts the CST once; later stages only see the AST. Recovered (partial) nodes are dropped. */
export function toAst(root: CstNode, file?: string, text?: string): A.Program {
  const reader = cstReader(file, text);
  const { R, span, tok, toks, node, nodes, name, str, num, mark } = reader;
  const { expression, literal, bindings } = cstExpressions(reader);

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
    const inner = reader.firstChild(it);
    return inner ? item(inner) : [];
  });
  return { kind: 'program', ...opt('header', header), items, range: span(root) };
}

const BAND: Readonly<Record<string, '>=' | '>' | '<=' | '<'>> = { Gte: '>=', Gt: '>', Lte: '<=', Lt: '<' };

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
function opt1<T>(v: T | undefined): T[] {
  return v === undefined ? [] : [v];
}
