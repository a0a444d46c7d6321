import { betaLike, clamp, normal, poisson, roundTo } from './distributions.ts';
import type { DemoField, FieldModel } from './field-model.ts';
import { createRandom, type Random } from './seeded-random.ts';

export interface DemoSubject {
  readonly id: string;
  readonly kind: 'unit' | 'cadre';
  readonly category: string;
  /** For a cadre, the unit it belongs to: cadres share part of their unit's quality. */
  readonly unitId?: string;
}

export interface DemoObservation {
  readonly subjectId: string;
  readonly subjectKind: 'unit' | 'cadre';
  /** `YYYY-MM`. */
  readonly period: string;
  readonly field: string;
  readonly value: number | boolean | string;
}

export interface HistoryOptions {
  readonly seed: number | string;
  /** Inclusive, `YYYY-MM`. */
  readonly from: string;
  readonly to: string;
  /** Share of units whose quality rises markedly year on year (candidates for 作风进步奖). */
  readonly improvingShare?: number;
  /** Force-majeure events: each hits this share of units for `months` consecutive months. */
  readonly forceMajeure?: readonly {
    readonly start: string;
    readonly months: number;
    readonly share: number;
  }[];
}

/** Every `YYYY-MM` from `from` to `to` inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const parse = (text: string): number => {
    const match = /^(\d{4})-(\d{2})$/.exec(text);
    if (match === null) throw new RangeError(`not a YYYY-MM month: ${text}`);
    return Number(match[1]) * 12 + Number(match[2]) - 1;
  };
  const months: string[] = [];
  for (let index = parse(from); index <= parse(to); index += 1) {
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

interface SubjectTraits {
  readonly quality: number;
  readonly yearlyGain: number;
  readonly forceMajeureMonths: ReadonlySet<string>;
}

/**
 * Streams realistic, deterministic monthly observations for the given subjects: the same seed, subjects
 * and fields always give the same values, and memory stays flat however many subjects there are.
 */
export function* generateHistory(
  subjects: Iterable<DemoSubject>,
  fields: readonly DemoField[],
  options: HistoryOptions,
): Generator<DemoObservation> {
  const months = monthsBetween(options.from, options.to);
  const root = createRandom(options.seed);
  const unitTraits = new Map<string, SubjectTraits>();

  for (const subject of subjects) {
    const traits = traitsOf(subject, root, options, months, unitTraits);
    const applicable = fields.filter(
      (field) =>
        field.level === subject.kind &&
        (field.categories === undefined || field.categories.includes(subject.category)),
    );
    const stream = root.fork(`values:${subject.id}`);
    const firstYear = Number(months[0]?.slice(0, 4) ?? 0);
    for (const period of months) {
      const quality = traits.quality + traits.yearlyGain * (Number(period.slice(0, 4)) - firstYear);
      const disrupted = traits.forceMajeureMonths.has(period);
      const monthOfYear = Number(period.slice(5, 7));
      const drawn = new Map<string, number | boolean | string>();
      for (const field of applicable) {
        if (field.months !== undefined && !field.months.includes(monthOfYear)) continue;
        const value = draw(field.model, stream, quality, disrupted, drawn);
        drawn.set(field.field, value);
        if (field.hidden === true) continue;
        yield { subjectId: subject.id, subjectKind: subject.kind, period, field: field.field, value };
      }
    }
  }
}

function traitsOf(
  subject: DemoSubject,
  root: Random,
  options: HistoryOptions,
  months: readonly string[],
  unitTraits: Map<string, SubjectTraits>,
): SubjectTraits {
  const random = root.fork(`traits:${subject.id}`);
  if (subject.kind === 'cadre' && subject.unitId !== undefined) {
    const unit = unitTraits.get(subject.unitId) ?? unitTraitsFor(subject.unitId, root, options, months);
    return { ...unit, quality: unit.quality * 0.6 + normal(random) * 0.8 };
  }
  const traits = unitTraitsFor(subject.id, root, options, months);
  unitTraits.set(subject.id, traits);
  return traits;
}

function unitTraitsFor(
  unitId: string,
  root: Random,
  options: HistoryOptions,
  months: readonly string[],
): SubjectTraits {
  const random = root.fork(`traits:${unitId}`);
  const quality = normal(random);
  const improving = random.next() < (options.improvingShare ?? 0.05);
  const hit = new Set<string>();
  for (const event of options.forceMajeure ?? []) {
    if (random.next() >= event.share) continue;
    const start = months.indexOf(event.start);
    if (start < 0) continue;
    for (const month of months.slice(start, start + event.months)) hit.add(month);
  }
  // Improving units start lower and climb about one standard deviation a year.
  return improving
    ? { quality: quality - 1, yearlyGain: 1, forceMajeureMonths: hit }
    : { quality, yearlyGain: 0, forceMajeureMonths: hit };
}

function draw(
  model: FieldModel,
  random: Random,
  quality: number,
  disrupted: boolean,
  drawn: ReadonlyMap<string, number | boolean | string>,
): number | boolean | string {
  switch (model.kind) {
    case 'measure': {
      const towardBetter = model.better === 'higher' ? 1 : -1;
      // Quality shifts the typical position; a force-majeure month pushes the figure the bad way.
      const shift = 0.06 * quality * towardBetter - (disrupted ? 0.25 * towardBetter : 0);
      const position = betaLike(random, clamp(model.typical + shift, 0.02, 0.98), model.concentration);
      return roundTo(model.low + (model.high - model.low) * position, model.decimals);
    }
    case 'count':
      return poisson(random, model.monthlyMean * Math.exp(-0.5 * quality));
    case 'volume':
      return poisson(random, model.monthlyMean);
    case 'share': {
      const whole = drawn.get(model.of);
      if (typeof whole !== 'number') return 0;
      const rate = betaLike(random, clamp(model.typical + 0.04 * quality, 0.02, 0.995), model.concentration);
      return Math.round(whole * rate);
    }
    case 'verdict': {
      // A better subject is more likely to get an earlier (better) grade.
      const position = betaLike(random, clamp(0.3 - 0.12 * quality, 0.03, 0.97), 3);
      return (
        model.grades[Math.min(model.grades.length - 1, Math.floor(position * model.grades.length))] ?? ''
      );
    }
    case 'incident':
      return random.next() < model.monthlyProbability * Math.exp(-0.7 * quality);
    case 'force-majeure':
      return disrupted;
    default: {
      const unreachable: never = model;
      return unreachable;
    }
  }
}
