import { z } from 'zod';
import { apiFetch } from '../../shared/api/api-client.ts';
import { ApiProblem } from '../../shared/api/api-problem.ts';

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  table: z.object({ name: z.string(), reachable: z.boolean() }),
});

export type Health = z.infer<typeof healthSchema>;

/** Reads `/api/health`; a 503 still carries a health body, so it is read as "degraded", not as a failure. */
export async function fetchHealth(signal?: AbortSignal): Promise<Health> {
  try {
    const request = signal === undefined ? { schema: healthSchema } : { schema: healthSchema, signal };
    return (await apiFetch('/api/health', request)).data;
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 503) {
      return { status: 'degraded', version: '?', table: { name: '?', reachable: false } };
    }
    throw error;
  }
}
