import { z } from 'zod';
import { apiFetch } from '../../shared/api/api-client.ts';

// POST /api/rulesets/{id}/dry-run (functions/api/routes/dry-runs.ts): synchronous, seconds for the demo.
const text = z.object({ zh: z.string(), en: z.string() });
const side = z.looseObject({
  total: z.number(),
  grade: z.string().nullable(),
  status: z.string(),
  vetoes: z.array(z.unknown()),
  quotaAdjusted: z.unknown().optional(),
});
const comparisonSchema = z.looseObject({
  period: z.string(),
  subjectId: z.string(),
  name: z.string().optional(),
  category: z.string(),
  baseline: side,
  candidate: side,
  delta: z.number(),
  gradeChanged: z.boolean(),
  causes: z.array(z.looseObject({ ruleId: z.string(), delta: z.number() })),
  vetoFlip: z.enum(['added', 'removed']).optional(),
  toleranceFlip: z.enum(['added', 'removed']).optional(),
});
export type Comparison = z.infer<typeof comparisonSchema>;

const summarySchema = z.looseObject({
  subjects: z.number(),
  distribution: z.array(z.looseObject({ grade: z.string(), baseline: z.number(), candidate: z.number() })),
  meanDelta: z.number(),
  maxDelta: z.looseObject({ value: z.number(), subjectId: z.string(), period: z.string() }).nullable(),
  gradeChanges: z.number(),
  upgrades: z.number(),
  downgrades: z.number(),
  vetoFlips: z.number(),
  toleranceFlips: z.number(),
  statusChanges: z.number(),
  neverFired: z.array(z.looseObject({ ruleId: z.string(), kind: z.string() })),
  deltaHistogram: z.array(z.looseObject({ bucket: z.number(), count: z.number() })),
});
export type DryRunSummary = z.infer<typeof summarySchema>;

const singleSchema = z.looseObject({
  periods: z.array(z.string()),
  summary: summarySchema,
  subjectCount: z.number().optional(),
  subjects: z.array(comparisonSchema),
});
const citiesSchema = z.looseObject({
  tenants: z.array(
    z.looseObject({
      tenant: z.string(),
      name: z.string(),
      status: z.enum(['done', 'skipped']),
      reason: text.optional(),
      summary: summarySchema.optional(),
      subjects: z.array(comparisonSchema).optional(),
    }),
  ),
});
export type CityDryRun = z.infer<typeof citiesSchema>['tenants'][number];

export interface DryRunRequest {
  readonly candidate: 'draft' | number;
  readonly baseline: number;
  readonly periods: readonly string[];
  readonly scope?: { readonly categories?: readonly string[] };
  readonly limit?: number;
}

const path = (id: string): string => `/api/rulesets/${encodeURIComponent(id)}/dry-run`;

export async function dryRun(
  id: string,
  request: DryRunRequest,
  signal: AbortSignal,
): Promise<z.infer<typeof singleSchema>> {
  return (await apiFetch(path(id), { method: 'POST', body: request, schema: singleSchema, signal })).data;
}

/** The province and every city that inherits the rule set, each under its own rules. */
export async function dryRunCities(
  id: string,
  request: DryRunRequest,
  signal: AbortSignal,
): Promise<readonly CityDryRun[]> {
  const body = { ...request, cities: true };
  return (await apiFetch(path(id), { method: 'POST', body, schema: citiesSchema, signal })).data.tenants;
}
