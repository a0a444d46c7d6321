import { z } from 'zod';

const lambdaEnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1),
});

export type LambdaEnv = z.infer<typeof lambdaEnvSchema>;

/** Parses the Lambda environment once; a missing variable fails the cold start with its name. */
export function readLambdaEnv(source: Record<string, string | undefined>): LambdaEnv {
  const parsed = lambdaEnvSchema.safeParse(source);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`Lambda environment is incomplete: ${missing}`);
  }
  return parsed.data;
}
