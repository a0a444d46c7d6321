import { z } from 'zod';

const envSchema = z.object({
  /** Where the API lives; empty means the same origin (the local server and CloudFront both serve /api). */
  VITE_API_BASE: z.string().default(''),
  MODE: z.string().default('production'),
});

export type ConsoleEnv = z.infer<typeof envSchema>;

/** Parses the build-time environment once; a bad value stops the console with the variable's name. */
export function parseEnv(raw: Record<string, unknown>): ConsoleEnv {
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid console environment — ${problems.join('; ')}`);
  }
  return parsed.data;
}

export const env: ConsoleEnv = parseEnv(import.meta.env);
