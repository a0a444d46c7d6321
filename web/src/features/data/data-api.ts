import { z } from 'zod';
import { apiFetch, apiUpload } from '../../shared/api/api-client.ts';

// The observation import routes (functions/api/routes/observations.ts).
const issueSchema = z.looseObject({
  row: z.number(),
  column: z.string().nullable().optional(),
  columnLetter: z.string().nullable().optional(),
  code: z.string(),
  message: z.object({ zh: z.string(), en: z.string() }),
});
export type ImportIssue = z.infer<typeof issueSchema>;

export const uploadOutcomeSchema = z.discriminatedUnion('status', [
  z.looseObject({
    status: z.literal('committed'),
    rows: z.number(),
    records: z.number(),
    issues: z.array(issueSchema),
    issueCount: z.number(),
  }),
  z.looseObject({
    status: z.literal('rejected'),
    rows: z.number(),
    issues: z.array(issueSchema),
    issueCount: z.number(),
  }),
  z.looseObject({ status: z.literal('already-imported'), records: z.number() }),
]);
export type UploadOutcome = z.infer<typeof uploadOutcomeSchema>;

const batchSchema = z.looseObject({
  batchKey: z.string(),
  batchId: z.string(),
  status: z.string(),
  source: z.string(),
  actor: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  records: z.number().optional(),
  periods: z.array(z.string()).optional(),
});
export type Batch = z.infer<typeof batchSchema>;

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type the server reads the file as: XLSX by name or type, CSV otherwise. */
export function contentTypeOf(file: { readonly name: string; readonly type: string }): string {
  return file.type === xlsxType || /\.xlsx$/i.test(file.name) ? xlsxType : 'text/csv';
}

/** A batch key from the file name and the moment: letters, digits and . _ : - only, at most 128. */
export function batchKeyFor(fileName: string, now: Date): string {
  const stem = fileName
    .replace(/\.[^.]+$/, '')
    .replace(/[^\w.:-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  return `${stem === '' ? 'upload' : stem.slice(0, 100)}-${stamp}`;
}

export interface UploadRequest {
  readonly file: Blob & { readonly name: string };
  readonly batchKey: string;
  readonly source: string;
  readonly partial: boolean;
}

/** Uploads a file; a 422 is an answer too (the file was rejected, with every row's problem). */
export async function uploadObservations(request: UploadRequest): Promise<UploadOutcome> {
  const search = new URLSearchParams({
    batchKey: request.batchKey,
    source: request.source,
    partial: String(request.partial),
  });
  const { data } = await apiUpload(`/api/observations/upload?${search.toString()}`, request.file, {
    contentType: contentTypeOf(request.file),
    schema: uploadOutcomeSchema,
    answered: [422],
  });
  return data;
}

export async function listBatches(signal: AbortSignal): Promise<readonly Batch[]> {
  const { data } = await apiFetch('/api/observations/batches', {
    schema: z.object({ items: z.array(batchSchema) }),
    signal,
  });
  return [...data.items].sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
}

const observationSchema = z.looseObject({
  subjectId: z.string(),
  period: z.string(),
  values: z.record(z.string(), z.union([z.number(), z.boolean(), z.string(), z.null()])),
  records: z.array(
    z.looseObject({ batchKey: z.string(), source: z.string(), actor: z.string(), recordedAt: z.string() }),
  ),
});
export type StoredObservation = z.infer<typeof observationSchema>;

/** A subject's effective values for one month, with the records (corrections included) they come from. */
export async function readObservations(
  period: string,
  subject: string,
  signal: AbortSignal,
): Promise<readonly StoredObservation[]> {
  const search = new URLSearchParams({ period, subject });
  const { data } = await apiFetch(`/api/observations?${search.toString()}`, {
    schema: z.looseObject({ items: z.array(observationSchema) }),
    signal,
  });
  return data.items;
}
