import type { Text } from '@codemirror/state';

/** A 1-based line/column as a document offset, clamped into the document. */
export function offsetOf(doc: Text, line: number, column: number): number {
  const target = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(target.from + Math.max(column - 1, 0), target.to);
}
