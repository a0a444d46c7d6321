import { SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { RunDispatcher } from '../api/assessment-services.ts';
import type { RunJob } from '../domain/scoring/run-jobs.ts';

/** Sends run jobs to the scoring queue, ten per request, retrying the entries SQS reports as failed. */
export function sqsEnqueue(sqs: SQSClient, queueUrl: string, maxAttempts = 5) {
  return async (jobs: readonly RunJob[]): Promise<void> => {
    for (let start = 0; start < jobs.length; start += 10) {
      let pending = jobs
        .slice(start, start + 10)
        .map((job, index) => ({ Id: String(index), MessageBody: JSON.stringify(job) }));
      for (let attempt = 1; pending.length > 0; attempt += 1) {
        if (attempt > maxAttempts) throw new Error(`${pending.length} run jobs could not be enqueued`);
        const answer = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
        const failed = new Set((answer.Failed ?? []).map((entry) => entry.Id));
        pending = pending.filter((entry) => failed.has(entry.Id));
        if (pending.length > 0) await new Promise((wake) => setTimeout(wake, 50 * 2 ** attempt));
      }
    }
  };
}

/** The API's dispatcher in AWS: a started run becomes one `prepare` message for the worker. */
export function sqsRunDispatcher(sqs: SQSClient, queueUrl: string): RunDispatcher {
  return {
    async dispatch(tenant, runId) {
      const job: RunJob = { kind: 'prepare', tenant, runId };
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(job) }));
    },
  };
}
