/**
 * The source position a link asks the editor to open, from `?line=12&column=3` (column defaults to 1).
 *
 * @example
 * sourceLineFrom('?line=12') // { line: 12, column: 1 }
 */
export function sourceLineFrom(search: string): { readonly line: number; readonly column: number } | null {
  const params = new URLSearchParams(search);
  const line = Number(params.get('line'));
  if (!Number.isInteger(line) || line < 1) return null;
  const column = Number(params.get('column') ?? '1');
  return { line, column: Number.isInteger(column) && column >= 1 ? column : 1 };
}
