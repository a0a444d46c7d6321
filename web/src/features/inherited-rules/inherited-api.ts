import { z } from 'zod';
import { apiFetch } from '../../shared/api/api-client.ts';

const pinSchema = z.looseObject({ ruleSet: z.string(), version: z.number() });
const cityDraftSchema = z.looseObject({
  id: z.string(),
  revision: z.number(),
  parent: pinSchema.nullable(),
  source: z.string().optional(),
});
export type CityDraft = z.infer<typeof cityDraftSchema>;

const effectiveSchema = z.looseObject({
  id: z.string(),
  revision: z.number(),
  parent: pinSchema.nullable(),
  latestParentVersion: z.number().nullable(),
  newerParentAvailable: z.boolean(),
  effective: z.looseObject({
    name: z.string(),
    subjectKind: z.string(),
    period: z.string(),
    hash: z.string(),
    effectiveHash: z.string(),
    dimensions: z.array(
      z.looseObject({
        name: z.string(),
        weight: z.number(),
        floor: z.number().optional(),
        locked: z.boolean(),
      }),
    ),
    indicators: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        dimension: z.string(),
        categories: z.array(z.string()),
      }),
    ),
    rules: z.array(z.looseObject({ id: z.string(), kind: z.string(), name: z.string() })),
    grades: z.array(z.string()),
  }),
});
export type Effective = z.infer<typeof effectiveSchema>;

const diffSchema = z
  .looseObject({
    added: z.array(z.looseObject({ id: z.string(), kind: z.string() })),
    removed: z.array(z.looseObject({ id: z.string(), kind: z.string() })),
    changed: z.array(z.looseObject({ id: z.string(), kind: z.string(), fields: z.array(z.string()) })),
  })
  .nullable();
const repinSchema = z.looseObject({
  dryRun: z.boolean(),
  from: z.number(),
  to: z.number(),
  diagnostics: z.array(
    z.looseObject({
      code: z.string(),
      severity: z.enum(['error', 'warning', 'info']),
      message: z.object({ zh: z.string(), en: z.string() }),
    }),
  ),
  diff: diffSchema,
});
export type RepinPreview = z.infer<typeof repinSchema>;

const path = (id: string, rest = ''): string => `/api/rulesets/${encodeURIComponent(id)}${rest}`;

/** The city's rule sets that extend a province rule set. */
export async function listInheritingRuleSets(signal: AbortSignal): Promise<readonly CityDraft[]> {
  const { data } = await apiFetch('/api/rulesets', {
    schema: z.object({ items: z.array(cityDraftSchema) }),
    signal,
  });
  return data.items.filter((draft) => draft.parent !== null);
}

export async function fetchEffective(id: string, signal: AbortSignal): Promise<Effective> {
  return (await apiFetch(path(id, '/effective'), { schema: effectiveSchema, signal })).data;
}

export async function fetchCitySource(id: string, signal: AbortSignal): Promise<string> {
  const { data } = await apiFetch(path(id), {
    schema: cityDraftSchema.extend({ source: z.string() }),
    signal,
  });
  return data.source;
}

/** `dryRun: true` previews the move (diagnostics and structural diff) without changing anything. */
export async function repin(
  id: string,
  version: number,
  revision: number,
  dryRun: boolean,
): Promise<RepinPreview> {
  const { data } = await apiFetch(path(id, '/repin'), {
    method: 'POST',
    body: { version, dryRun },
    headers: { 'if-match': `"${revision}"` },
    schema: repinSchema,
  });
  return data;
}
