/** One measured figure, printed by `npm run bench` as `name: value unit`. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit?: string;
  /** A target to compare with, e.g. `<= 20` or `>= 0.5`; printed beside the value. */
  readonly target?: string;
}

/** A benchmark module (`test/bench/*.bench.ts`) exports `bench`: it measures and returns figures. */
export interface BenchModule {
  readonly bench: () => Promise<readonly Figure[]>;
}

export function formatFigure(figure: Figure): string {
  const rounded = Number.isInteger(figure.value) ? String(figure.value) : figure.value.toFixed(3);
  const unit = figure.unit === undefined ? '' : ` ${figure.unit}`;
  const target = figure.target === undefined ? '' : `  (target ${figure.target})`;
  return `${figure.name}: ${rounded}${unit}${target}`;
}

/** The median of a non-empty list of samples. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}
