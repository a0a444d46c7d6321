export interface DiffRow {
  readonly kind: 'same' | 'removed' | 'added' | 'changed';
  /** 1-based line number and text on the left (older) side. */
  readonly left: { readonly line: number; readonly text: string } | null;
  readonly right: { readonly line: number; readonly text: string } | null;
}

/**
 * A side-by-side line diff (longest common subsequence). A removed line directly followed by an added one
 * is shown as one changed row, the way people read "this line became that line".
 *
 * @example
 * lineDiff('a\nb', 'a\nc') // [same a/a, changed b→c]
 */
export function lineDiff(before: string, after: string): DiffRow[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const width = b.length + 1;
  // lengths[i * width + j] = LCS length of a[i..] and b[j..]
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * width + j + 1] as number) + 1
          : Math.max(lengths[(i + 1) * width + j] as number, lengths[i * width + j + 1] as number);
    }
  }
  const raw: DiffRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      raw.push({
        kind: 'same',
        left: { line: i + 1, text: a[i] as string },
        right: { line: j + 1, text: b[j] as string },
      });
      i += 1;
      j += 1;
    } else if (
      i < a.length &&
      (j >= b.length || (lengths[(i + 1) * width + j] as number) >= (lengths[i * width + j + 1] as number))
    ) {
      raw.push({ kind: 'removed', left: { line: i + 1, text: a[i] as string }, right: null });
      i += 1;
    } else {
      raw.push({ kind: 'added', left: null, right: { line: j + 1, text: b[j] as string } });
      j += 1;
    }
  }
  return pairChanges(raw);
}

/** Pairs the removed and added lines of each run between unchanged lines, in order. */
function pairChanges(rows: readonly DiffRow[]): DiffRow[] {
  const out: DiffRow[] = [];
  let index = 0;
  while (index < rows.length) {
    const row = rows[index] as DiffRow;
    if (row.kind !== 'removed' && row.kind !== 'added') {
      out.push(row);
      index += 1;
      continue;
    }
    const removed: DiffRow[] = [];
    const added: DiffRow[] = [];
    for (; index < rows.length && (rows[index] as DiffRow).kind !== 'same'; index += 1) {
      const change = rows[index] as DiffRow;
      (change.kind === 'removed' ? removed : added).push(change);
    }
    const pairs = Math.max(removed.length, added.length);
    for (let k = 0; k < pairs; k += 1) {
      const left = removed[k]?.left ?? null;
      const right = added[k]?.right ?? null;
      out.push({
        kind: left !== null && right !== null ? 'changed' : left !== null ? 'removed' : 'added',
        left,
        right,
      });
    }
  }
  return out;
}

export type FoldedRow = DiffRow | { readonly kind: 'folded'; readonly count: number };

/** Keeps `context` unchanged rows around each change and folds longer unchanged runs into one row. */
export function foldUnchanged(rows: readonly DiffRow[], context = 2): FoldedRow[] {
  const keep = rows.map((row) => row.kind !== 'same');
  const near = rows.map((_row, index) => {
    for (let offset = -context; offset <= context; offset += 1)
      if (keep[index + offset] === true) return true;
    return false;
  });
  const out: FoldedRow[] = [];
  let folded = 0;
  rows.forEach((row, index) => {
    if (near[index] === true) {
      if (folded > 0) out.push({ kind: 'folded', count: folded });
      folded = 0;
      out.push(row);
    } else {
      folded += 1;
    }
  });
  if (folded > 0) out.push({ kind: 'folded', count: folded });
  return out;
}
