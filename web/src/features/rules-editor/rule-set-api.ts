import { z } from 'zod';
import { apiFetch } from '../../shared/api/api-client.ts';
import { ApiProblem } from '../../shared/api/api-problem.ts';

// The backend's rule-set routes (functions/api/routes/rule-sets.ts). Objects are parsed loosely so a
// field the backend adds later does not break the console.
const pinSchema = z.looseObject({ ruleSet: z.string(), version: z.number() });

export const draftSchema = z.looseObject({
  id: z.string(),
  source: z.string(),
  revision: z.number(),
  headVersion: z.number(),
  headHash: z.string().nullable(),
  parent: pinSchema.nullable(),
  /** Compiles against the tenant's stored catalog instead of declaring one in the file. */
  useCatalog: z.boolean().optional(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Draft = z.infer<typeof draftSchema>;

const draftSummarySchema = draftSchema.omit({ source: true });
export type DraftSummary = z.infer<typeof draftSummarySchema>;

export const versionSummarySchema = z.looseObject({
  version: z.number(),
  name: z.string(),
  hash: z.string(),
  effectiveHash: z.string(),
  parent: z.looseObject({ ruleSet: z.string(), version: z.number(), hash: z.string() }).nullable(),
  publishedAt: z.string(),
  publishedBy: z.string(),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;
const versionSchema = versionSummarySchema.extend({ source: z.string() });
export type Version = z.infer<typeof versionSchema>;

const changeSchema = z.looseObject({ id: z.string(), kind: z.string() });
export const diffSchema = z.looseObject({
  added: z.array(changeSchema),
  removed: z.array(changeSchema),
  changed: z.array(changeSchema.extend({ fields: z.array(z.string()) })),
  weights: z.array(
    z.looseObject({ dimension: z.string(), from: z.number().nullable(), to: z.number().nullable() }),
  ),
});
export type StructuralDiff = z.infer<typeof diffSchema>;

const path = (id: string, rest = ''): string => `/api/rulesets/${encodeURIComponent(id)}${rest}`;
/** The backend's ETag is the draft revision in quotes. */
export const revisionTag = (revision: number): string => `"${revision}"`;

export async function listRuleSets(signal: AbortSignal): Promise<readonly DraftSummary[]> {
  const { data } = await apiFetch('/api/rulesets', {
    schema: z.object({ items: z.array(draftSummarySchema) }),
    signal,
  });
  return data.items;
}

export async function fetchDraft(id: string, signal?: AbortSignal): Promise<Draft> {
  const { data } = await apiFetch(
    path(id),
    signal === undefined ? { schema: draftSchema } : { schema: draftSchema, signal },
  );
  return data;
}

/** Saves only if the draft is still at `revision`; otherwise the ApiProblem is a conflict (412). */
export async function saveDraft(id: string, source: string, revision: number): Promise<Draft> {
  const { data } = await apiFetch(path(id), {
    method: 'PUT',
    body: { source },
    headers: { 'if-match': revisionTag(revision) },
    schema: draftSchema,
  });
  return data;
}

export async function createRuleSet(id: string, source: string): Promise<Draft> {
  const { data } = await apiFetch('/api/rulesets', {
    method: 'POST',
    body: { id, source },
    schema: draftSchema,
  });
  return data;
}

const publishedSchema = versionSummarySchema.extend({
  tests: z.object({ passed: z.number(), failed: z.number() }).optional(),
});

/** Publishes the draft at `revision` as the next immutable version. */
export async function publishDraft(id: string, revision: number): Promise<z.infer<typeof publishedSchema>> {
  const { data } = await apiFetch(path(id, '/publish'), {
    method: 'POST',
    headers: { 'if-match': revisionTag(revision) },
    schema: publishedSchema,
  });
  return data;
}

export async function listVersions(id: string, signal: AbortSignal): Promise<readonly VersionSummary[]> {
  const { data } = await apiFetch(path(id, '/versions'), {
    schema: z.object({ items: z.array(versionSummarySchema) }),
    signal,
  });
  return [...data.items].sort((a, b) => b.version - a.version);
}

export async function fetchVersion(id: string, version: number, signal?: AbortSignal): Promise<Version> {
  const request = signal === undefined ? { schema: versionSchema } : { schema: versionSchema, signal };
  return (await apiFetch(path(id, `/versions/${version}`), request)).data;
}

export type VersionRef = number | 'draft';

export async function fetchDiff(
  id: string,
  from: VersionRef,
  to: VersionRef,
  signal?: AbortSignal,
): Promise<StructuralDiff> {
  const schema = z.object({ diff: diffSchema });
  const query = `/diff?from=${from}&to=${to}`;
  return (await apiFetch(path(id, query), signal === undefined ? { schema } : { schema, signal })).data.diff;
}

/**
 * The tenant's catalog in the rules language, for a rule set that compiles against the stored catalog
 * (`useCatalog`) rather than declaring its own; null when the tenant has none.
 */
export async function fetchCatalogSource(signal: AbortSignal): Promise<string | null> {
  try {
    const { data } = await apiFetch('/api/catalog-source', {
      schema: z.looseObject({ source: z.string() }),
      signal,
    });
    return data.source;
  } catch (error) {
    if (error instanceof ApiProblem && error.kind === 'notFound') return null;
    throw error;
  }
}
