import { z } from 'zod';

const localConfigSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data/dynamodb'),
  TABLE_NAME: z.string().min(3).default('kaoping'),
  /** Use an already running DynamoDB (Local) instead of starting one. */
  DYNAMO_ENDPOINT: z.url().optional(),
  WEB_ROOT: z.string().min(1).default('web/dist'),
  /** The dev signing key and cursor secret; default: `dev-secrets.json` beside DATA_DIR. */
  DEV_KEY_FILE: z.string().min(1).optional(),
  /** Where the example rule sets are read from for the demo data. */
  EXAMPLES_DIR: z.string().min(1).default('examples'),
  /** `0` skips loading the demo data into an empty table. */
  DEMO_DATA: z.enum(['0', '1']).default('1'),
});

export type LocalConfig = z.infer<typeof localConfigSchema>;

/** Reads `npm start`'s settings from the environment once, with a message naming any bad variable. */
export function readLocalConfig(env: Record<string, string | undefined>): LocalConfig {
  const parsed = localConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment for npm start — ${problems.join('; ')}`);
  }
  return parsed.data;
}
