import type { CstElement, CstNode, IToken } from 'chevrotain';
import type * as A from './ast.ts';
import type { Range } from './diagnostics.ts';
import { tokenRange } from './lexer.ts';

type Children = Record<string, CstElement[] | undefined>;
const isToken = (e: CstElement | undefined): e is IToken => e !== undefined && 'image' in e;
const isNode = (e: CstElement | undefined): e is CstNode => e !== undefined && 'children' in e;

/** Typed access to a CST for one source: children by label, ranges, names and numbers. Recovered parts read as absent. */
export function cstReader(file?: string, text?: string) {
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
  /** the one sub-rule node of an alternatives rule (such as `item`), unless recovered */
  const firstChild = (n: CstNode): CstNode | undefined => {
    const inner = Object.values(ch(n)).flat()[0];
    return isNode(inner) && !inner.recoveredNode ? inner : undefined;
  };
  return { R, span, tok, toks, node, nodes, name, str, num, mark, firstChild };
}
export type CstReader = ReturnType<typeof cstReader>;
