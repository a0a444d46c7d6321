import type { CstNode } from 'chevrotain';
import type * as A from './ast.ts';
import type { CstReader } from './cst-read.ts';
import type { Range } from './diagnostics.ts';

/** Expressions, literals and bindings of the CST as AST nodes. */
export function cstExpressions(r: CstReader) {
  const { R, span, tok, toks, node, nodes, num } = r;
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
  return { expression, literal, bindings };
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
