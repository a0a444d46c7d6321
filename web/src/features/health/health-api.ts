import { z } from 'zod';

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  table: z.object({ name: z.string(), reachable: z.boolean() }),
});

export type Health = z.infer<typeof healthSchema>;

/** Reads `/api/health`; a 503 still carries a health body, so it is parsed rather than thrown. */
export async function fetchHealth(signal?: AbortSignal): Promise<Health> {
  const response = await fetch('/api/health', signal === undefined ? {} : { signal });
  return healthSchema.parse(await response.json());
}
