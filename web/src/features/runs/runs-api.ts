import { z } from 'zod';
import { apiDownload, apiFetch } from '../../shared/api/api-client.ts';

// The backend's run routes (functions/api/routes/runs.ts), parsed loosely so added fields do not break us.
const text = z.object({ zh: z.string(), en: z.string() });

export const runStatuses = ['preparing', 'scoring', 'finalizing', 'finished', 'failed'] as const;
export const runSchema = z.looseObject({
  runId: z.string(),
  status: z.enum(runStatuses),
  total: z.number(),
  done: z.number(),
  chunkCount: z.number(),
  chunksDone: z.number(),
  subjectKind: z.string(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  actor: z.string().optional(),
  request: z.looseObject({
    ruleSetId: z.string().optional(),
    ruleSet: z.string().optional(),
    version: z.number(),
    period: z.string(),
    scope: z
      .looseObject({ categories: z.array(z.string()).optional(), unitIds: z.array(z.string()).optional() })
      .optional(),
  }),
  effectiveHash: z.string().optional(),
  resultDigest: z.string().optional(),
  error: z.union([text, z.string(), z.looseObject({})]).optional(),
});
export type Run = z.infer<typeof runSchema>;

/** The rule-set id a run scored with (the backend records it as `ruleSetId`). */
export const ruleSetOf = (run: Run): string => run.request.ruleSetId ?? run.request.ruleSet ?? '';

const resultSchema = z.looseObject({
  subjectId: z.string(),
  name: z.string().optional(),
  kind: z.string(),
  category: z.string(),
  unitId: z.string().optional(),
  total: z.number(),
  grade: z.string().nullable(),
  status: z.string(),
  dimensions: z.record(z.string(), z.number()),
  rank: z.number().optional(),
  fired: z.array(z.string()),
  vetoes: z.array(z.looseObject({ ruleId: z.string(), effect: z.string(), reason: z.string() })),
  tolerances: z.array(
    z.looseObject({ ruleId: z.string(), exempted: z.array(z.string()), reason: z.string() }),
  ),
  quotaAdjusted: z.looseObject({ from: z.string(), to: z.string(), reason: z.string() }).optional(),
});
export type ResultRow = z.infer<typeof resultSchema>;

const position = z.looseObject({ line: z.number(), column: z.number() });
const traceEntrySchema = z.looseObject({
  ruleId: z.string(),
  kind: z.string(),
  range: z.looseObject({ start: position, end: position }),
  inputs: z.record(z.string(), z.union([z.number(), z.boolean(), z.string(), z.null()])),
  computation: z.string(),
  points: z.number(),
  dimension: z.string().optional(),
  sentence: text,
});
export type TraceEntry = z.infer<typeof traceEntrySchema>;
const explanationSchema = resultSchema.extend({ trace: z.array(traceEntrySchema) });
export type Explanation = z.infer<typeof explanationSchema>;

const profileSchema = z.looseObject({
  subjectId: z.string(),
  periods: z.array(
    z.looseObject({
      period: z.string(),
      runId: z.string(),
      ruleSet: z.string(),
      version: z.number(),
      total: z.number(),
      grade: z.string().nullable(),
      dimensions: z.record(z.string(), z.number()),
    }),
  ),
});
export type Profile = z.infer<typeof profileSchema>;

const heatmapSchema = z.looseObject({
  months: z.array(z.string()),
  dimensions: z.array(z.string()),
  rows: z.array(
    z.looseObject({
      subjectId: z.string(),
      name: z.string(),
      category: z.string(),
      cells: z.array(
        z.looseObject({
          month: z.string(),
          total: z.number().nullable(),
          dimensions: z.record(z.string(), z.number()).optional(),
        }),
      ),
    }),
  ),
});
export type Heatmap = z.infer<typeof heatmapSchema>;

const publishedSchema = z.looseObject({ id: z.string(), headVersion: z.number() });
export type PublishedRuleSet = z.infer<typeof publishedSchema>;

export interface ResultQuery {
  readonly unit?: string;
  readonly category?: string;
  readonly grade?: string;
  readonly q?: string;
  readonly sort: string;
  readonly order: 'asc' | 'desc';
  readonly offset: number;
  readonly limit: number;
}

export interface StartRunRequest {
  readonly ruleSet: string;
  readonly version: number;
  readonly period: string;
  readonly scope?: { readonly categories?: readonly string[] };
}

const runPath = (id: string, rest = ''): string => `/api/runs/${encodeURIComponent(id)}${rest}`;

/** A province reads one of its cities' runs with `?city=`; absent, the caller's own tenant. */
export type CityView = string | undefined;

/** Adds `city=` to a path that may already have a query. */
export function withCity(path: string, city: CityView): string {
  if (city === undefined || city === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}city=${encodeURIComponent(city)}`;
}

/** A query string from the set fields, in a stable order (empty strings left out). */
export function queryString(params: Readonly<Record<string, string | number | undefined>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export async function listRuns(signal: AbortSignal, city?: CityView): Promise<readonly Run[]> {
  const schema = z.object({ items: z.array(runSchema) });
  return (await apiFetch(withCity('/api/runs', city), { schema, signal })).data.items;
}

const citySchema = z.looseObject({ id: z.string(), name: z.string() });
export type City = z.infer<typeof citySchema>;

/** The caller's province's cities (empty for a city user). */
export async function listCities(signal: AbortSignal): Promise<readonly City[]> {
  return (await apiFetch('/api/cities', { schema: z.object({ items: z.array(citySchema) }), signal })).data
    .items;
}

export async function startRun(request: StartRunRequest): Promise<Run> {
  return (await apiFetch('/api/runs', { method: 'POST', body: request, schema: runSchema })).data;
}

export async function listResults(
  id: string,
  query: ResultQuery,
  signal: AbortSignal,
  city?: CityView,
): Promise<{ readonly total: number; readonly items: readonly ResultRow[] }> {
  const schema = z.looseObject({ total: z.number(), offset: z.number(), items: z.array(resultSchema) });
  return (
    await apiFetch(withCity(runPath(id, `/results${queryString({ ...query })}`), city), { schema, signal })
  ).data;
}

export async function fetchExplanation(
  id: string,
  subject: string,
  signal: AbortSignal,
  city?: CityView,
): Promise<Explanation> {
  const path = withCity(runPath(id, `/results/${encodeURIComponent(subject)}`), city);
  return (await apiFetch(path, { schema: explanationSchema, signal })).data;
}

export async function fetchProfile(subject: string, signal: AbortSignal, city?: CityView): Promise<Profile> {
  const path = withCity(`/api/subjects/${encodeURIComponent(subject)}/profile`, city);
  return (await apiFetch(path, { schema: profileSchema, signal })).data;
}

export async function fetchHeatmap(
  query: {
    readonly ruleSet: string;
    readonly version: number;
    readonly year: number;
    readonly category?: string;
  },
  signal: AbortSignal,
  city?: CityView,
): Promise<Heatmap> {
  const path = withCity(`/api/heatmap${queryString({ ...query })}`, city);
  return (await apiFetch(path, { schema: heatmapSchema, signal })).data;
}

/** The tenant's rule sets that have a published version (the only ones a run may use). */
export async function listPublishedRuleSets(signal: AbortSignal): Promise<readonly PublishedRuleSet[]> {
  const { data } = await apiFetch('/api/rulesets', {
    schema: z.object({ items: z.array(publishedSchema) }),
    signal,
  });
  return data.items.filter((ruleSet) => ruleSet.headVersion > 0);
}

/** Downloads the run's workbook and hands it to the browser as a file. */
export async function downloadWorkbook(run: Run, city?: CityView): Promise<void> {
  const { blob, filename } = await apiDownload(withCity(runPath(run.runId, '/export.xlsx'), city));
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? `kaoping-${run.request.period}-${run.runId}.xlsx`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Every result of a run (pages of 500, the API's largest), for the distribution chart and the filter choices. */
export async function listAllResults(
  id: string,
  signal: AbortSignal,
  city?: CityView,
): Promise<readonly ResultRow[]> {
  const rows: ResultRow[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await listResults(id, { sort: 'total', order: 'desc', offset, limit: 500 }, signal, city);
    rows.push(...page.items);
    if (page.items.length === 0 || rows.length >= page.total) return rows;
  }
}

/** The source lines of the published version a run scored with, to quote each explained rule's line. */
export async function fetchRuleSourceLines(
  ruleSet: string,
  version: number,
  signal: AbortSignal,
  city?: CityView,
): Promise<readonly string[]> {
  const path = withCity(`/api/rulesets/${encodeURIComponent(ruleSet)}/versions/${version}`, city);
  const { data } = await apiFetch(path, { schema: z.looseObject({ source: z.string() }), signal });
  return data.source.split(/\r?\n/);
}
