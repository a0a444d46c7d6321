/**
 * How the demo generator draws one catalog field. Each model states the field's realistic range and
 * which direction is better, so a subject's latent quality moves the value the right way.
 */
export type FieldModel =
  /** A measured figure in [low, high] (a rate, minutes, days, a score), beta-like around `typical`. */
  | {
      readonly kind: 'measure';
      readonly low: number;
      readonly high: number;
      /** Where an average subject sits, as a fraction of the range (0.9 = near the top). */
      readonly typical: number;
      readonly better: 'higher' | 'lower';
      /** Larger = tighter spread around `typical`. */
      readonly concentration: number;
      readonly decimals: number;
    }
  /** Occurrences in a month (complaints, problems found), Poisson with a mean that quality lowers. */
  | { readonly kind: 'count'; readonly monthlyMean: number }
  /** A volume that does not depend on quality (valid callbacks, ballots cast), Poisson. */
  | { readonly kind: 'volume'; readonly monthlyMean: number }
  /** A part of another field drawn earlier in the same month (resolved of valid callbacks). */
  | { readonly kind: 'share'; readonly of: string; readonly typical: number; readonly concentration: number }
  /** A graded verdict (e.g. 暗访评价等级), best first; quality moves the odds toward the best. */
  | { readonly kind: 'verdict'; readonly grades: readonly string[] }
  /** A rare yes/no event in a month (a serious incident), whose odds quality lowers. */
  | { readonly kind: 'incident'; readonly monthlyProbability: number }
  /** Set true in the months a force-majeure event hits the subject (drives tolerance rules). */
  | { readonly kind: 'force-majeure' };

export interface DemoField {
  /** The catalog field name the observation is recorded under. */
  readonly field: string;
  readonly level: 'unit' | 'cadre';
  /** Unit categories the field is collected for; absent means every category. */
  readonly categories?: readonly string[];
  /** Months of the year (1–12) it is observed in, e.g. [12] for the annual 民主测评; absent means every month. */
  readonly months?: readonly number[];
  /** Drawn (for a `share` to read) but not recorded as an observation. */
  readonly hidden?: boolean;
  readonly model: FieldModel;
}
