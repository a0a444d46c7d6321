import { randomUUID } from 'node:crypto';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { createAssessmentServices } from '../api/assessment-services.ts';
import { handleRunJob, parseRunJob } from '../domain/scoring/run-jobs.ts';
import { createCursorCodec } from '../store/cursor.ts';
import { createTableRef } from '../store/dynamo-client.ts';
import { ruleSetRepository } from '../store/rule-set-repository.ts';
import { AwsTenantTables, TenantCredentialsProvider } from '../store/tenant-credentials.ts';
import { sharedTenantTables } from '../store/tenant-tables.ts';
import { unitRepository } from '../store/unit-repository.ts';
import { readLambdaEnv } from './lambda-env.ts';
import { sqsEnqueue } from './run-queue.ts';

// The scoring worker: SQS delivers run jobs (prepare, then one per chunk); each is done with the same domain
// code `npm start` runs in-process. A failed job is reported alone and retried; after the queue's receive
// limit it lands in the dead-letter queue.
const workerEnvSchema = z.object({
  SCORING_QUEUE_URL: z.string().min(1),
  /** Without it (tests) every tenant shares the function's own client. */
  TENANT_ROLE_ARN: z.string().min(1).optional(),
});

const env = readLambdaEnv(process.env);
const parsed = workerEnvSchema.safeParse(process.env);
if (!parsed.success) {
  throw new Error(
    `Worker environment is incomplete: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
  );
}
const workerEnv = parsed.data;
const table = createTableRef({ region: env.AWS_REGION }, env.TABLE_NAME);
const tables =
  workerEnv.TENANT_ROLE_ARN === undefined
    ? sharedTenantTables(table)
    : new AwsTenantTables({
        credentials: new TenantCredentialsProvider({
          sts: new STSClient({ region: env.AWS_REGION }),
          roleArn: workerEnv.TENANT_ROLE_ARN,
        }),
        tableName: env.TABLE_NAME,
        region: env.AWS_REGION,
      });
const now = (): Date => new Date();
const assessment = createAssessmentServices({
  tables,
  now,
  // The worker lists units whole and never pages, so its cursor key is never used outside this container.
  units: unitRepository(tables, createCursorCodec(randomUUID()), now),
  ruleSets: ruleSetRepository(tables, now),
});
const enqueue = sqsEnqueue(new SQSClient({ region: env.AWS_REGION }), workerEnv.SCORING_QUEUE_URL);

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      await handleRunJob(assessment.ports, parseRunJob(record.body), enqueue);
    } catch (error) {
      console.error(
        JSON.stringify({
          messageId: record.messageId,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
