import { z } from 'zod';
import { parseTenantKey, type TenantKey } from '../tenant-key.ts';
import type { RunPorts } from './run-ports.ts';
import { prepareRun, resultDigest, scoreChunk } from './scoring-run.ts';

/**
 * The messages a run is split into when it fans out (SQS in AWS): one `prepare`, then one `chunk` per
 * chunk of subjects. Each is safe to deliver twice: preparing checks the run's status, and a chunk is
 * counted once however often it is scored.
 */
export type RunJob =
  | { readonly kind: 'prepare'; readonly tenant: TenantKey; readonly runId: string }
  | { readonly kind: 'chunk'; readonly tenant: TenantKey; readonly runId: string; readonly index: number };

const tenantSchema = z.string().transform((raw, context) => {
  const key = parseTenantKey(raw);
  if (key === null) {
    context.addIssue({ code: 'custom', message: `not a tenant key: ${raw}` });
    return z.NEVER;
  }
  return key;
});

const runJobSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('prepare'), tenant: tenantSchema, runId: z.string().min(1).max(64) }),
  z.strictObject({
    kind: z.literal('chunk'),
    tenant: tenantSchema,
    runId: z.string().min(1).max(64),
    index: z.number().int().min(0),
  }),
]);

/** Parses a message body; a malformed one is an error with the reason, never a guess. */
export function parseRunJob(body: string): RunJob {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error('run job is not JSON');
  }
  const parsed = runJobSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`malformed run job: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

/** Does one job; `enqueue` sends the follow-up jobs (the chunks after a prepare). */
export async function handleRunJob(
  ports: RunPorts,
  job: RunJob,
  enqueue: (jobs: readonly RunJob[]) => Promise<void>,
): Promise<void> {
  if (job.kind === 'chunk') {
    await scoreChunk(ports, job.tenant, job.runId, job.index);
    return;
  }
  const run = await ports.store.getRun(job.tenant, job.runId);
  if (run === null) return;
  const chunkJobs = (indexes: readonly number[]): RunJob[] =>
    indexes.map((index) => ({ kind: 'chunk', tenant: job.tenant, runId: job.runId, index }));
  if (run.status === 'scoring') {
    // A redelivered prepare after the chunks were stored but maybe not sent: send them (again). Scoring a
    // chunk twice is harmless; it is counted once.
    await enqueue(chunkJobs(Array.from({ length: run.chunkCount }, (_, index) => index)));
    return;
  }
  if (run.status !== 'preparing') return;
  try {
    const chunks = await prepareRun(ports, job.tenant, job.runId);
    if (chunks.length === 0) {
      await ports.store.finish(job.tenant, job.runId, [], resultDigest([]));
      return;
    }
    await enqueue(chunkJobs(chunks));
  } catch (error) {
    await ports.store.fail(job.tenant, job.runId, error instanceof Error ? error.message : String(error));
    throw error;
  }
}
