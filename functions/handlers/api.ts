// hono/aws-lambda is marked for a move to @hono/aws-lambda, which the registry does not serve yet.
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';
import { handle } from 'hono/aws-lambda';
import { z } from 'zod';
import { createApp } from '../api/app.ts';
import { createCognitoVerifier } from '../api/auth/token-verifier.ts';
import { createTableRef } from '../store/dynamo-client.ts';
import { AwsTenantTables, TenantCredentialsProvider } from '../store/tenant-credentials.ts';
import { sharedTenantTables } from '../store/tenant-tables.ts';
import { productVersion } from '../version.ts';
import { readLambdaEnv } from './lambda-env.ts';
import { sqsRunDispatcher } from './run-queue.ts';

// What the API function needs beyond the common Lambda environment (set by the CDK stack).
const apiEnvSchema = z.object({
  /** Cognito user pool issuer, e.g. https://cognito-idp.<region>.amazonaws.com/<pool id>. */
  JWT_ISSUER: z.url(),
  /** The app client id (the `aud` of Cognito ID tokens). */
  JWT_AUDIENCE: z.string().min(1),
  /** Defaults to `<issuer>/.well-known/jwks.json`. */
  JWKS_URL: z.url().optional(),
  /** HMAC key for pagination cursors; identical across containers. */
  CURSOR_SECRET: z.string().min(32),
  /** The tenant-access role; without it (tests) every tenant shares the function's own client. */
  TENANT_ROLE_ARN: z.string().min(1).optional(),
  /** The scoring queue; without it a started run is scored inside the request's own invocation. */
  SCORING_QUEUE_URL: z.string().min(1).optional(),
});

// Module scope: one SDK client per container, reused across invocations.
const env = readLambdaEnv(process.env);
const parsedApiEnv = apiEnvSchema.safeParse(process.env);
if (!parsedApiEnv.success) {
  throw new Error(
    `API Lambda environment is incomplete: ${parsedApiEnv.error.issues.map((i) => i.path.join('.')).join(', ')}`,
  );
}
const apiEnv = parsedApiEnv.data;
const table = createTableRef({ region: env.AWS_REGION }, env.TABLE_NAME);
const tables =
  apiEnv.TENANT_ROLE_ARN === undefined
    ? sharedTenantTables(table)
    : new AwsTenantTables({
        credentials: new TenantCredentialsProvider({
          sts: new STSClient({ region: env.AWS_REGION }),
          roleArn: apiEnv.TENANT_ROLE_ARN,
        }),
        tableName: env.TABLE_NAME,
        region: env.AWS_REGION,
      });

const app = createApp({
  table,
  tables,
  verifier: createCognitoVerifier({
    issuer: apiEnv.JWT_ISSUER,
    audience: apiEnv.JWT_AUDIENCE,
    jwksUrl: apiEnv.JWKS_URL,
  }),
  cursorSecret: apiEnv.CURSOR_SECRET,
  version: productVersion,
  mode: 'aws',
  ...(apiEnv.SCORING_QUEUE_URL === undefined
    ? {}
    : {
        runDispatcher: sqsRunDispatcher(new SQSClient({ region: env.AWS_REGION }), apiEnv.SCORING_QUEUE_URL),
      }),
});

export const handler = handle(app);
