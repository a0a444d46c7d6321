import { describe, expect, it } from 'vitest';
import { foldUnchanged, lineDiff } from '../../web/src/features/rules-editor/line-diff.ts';

describe('lineDiff', () => {
  it('pairs a replaced line as one changed row and keeps the unchanged context', () => {
    const rows = lineDiff('a\nb\nc', 'a\nB\nc');
    expect(rows.map((row) => row.kind)).toEqual(['same', 'changed', 'same']);
    expect(rows[1]).toEqual({ kind: 'changed', left: { line: 2, text: 'b' }, right: { line: 2, text: 'B' } });
  });

  it('shows insertions and deletions with the line numbers of their own side', () => {
    const rows = lineDiff('x\ny', 'w\nx\ny\nz');
    expect(rows).toEqual([
      { kind: 'added', left: null, right: { line: 1, text: 'w' } },
      { kind: 'same', left: { line: 1, text: 'x' }, right: { line: 2, text: 'x' } },
      { kind: 'same', left: { line: 2, text: 'y' }, right: { line: 3, text: 'y' } },
      { kind: 'added', left: null, right: { line: 4, text: 'z' } },
    ]);
    expect(lineDiff('p\nq', 'q').map((row) => row.kind)).toEqual(['removed', 'same']);
  });

  it('keeps every line of both sides exactly once, in order', () => {
    const before = 'dimension 政治建设 weight 30%\ndimension 履职效能 weight 25%\nindicator A in 政治建设 {}';
    const after = 'dimension 政治建设 weight 35%\nindicator A in 政治建设 {}\nindicator B in 履职效能 {}';
    const rows = lineDiff(before, after);
    expect(rows.flatMap((row) => (row.left === null ? [] : [row.left.text]))).toEqual(before.split('\n'));
    expect(rows.flatMap((row) => (row.right === null ? [] : [row.right.text]))).toEqual(after.split('\n'));
  });
});

describe('foldUnchanged', () => {
  it('keeps two lines of context around a change and folds the rest', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n');
    const after = before.replace('6', 'six');
    const folded = foldUnchanged(lineDiff(before, after));
    expect(folded.map((row) => (row.kind === 'folded' ? `…${row.count}` : row.kind))).toEqual([
      '…3',
      'same',
      'same',
      'changed',
      'same',
      'same',
      '…2',
    ]);
  });

  it('folds nothing when every line changed, and everything when none did', () => {
    expect(foldUnchanged(lineDiff('a\nb', 'c\nd')).every((row) => row.kind === 'changed')).toBe(true);
    expect(foldUnchanged(lineDiff('a\nb\nc', 'a\nb\nc'))).toEqual([{ kind: 'folded', count: 3 }]);
  });
});
