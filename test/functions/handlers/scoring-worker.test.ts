import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assessmentDepsOf, createAssessmentServices } from '../../../functions/api/assessment-services.ts';
import { createServices } from '../../../functions/api/services.ts';
import { createRun } from '../../../functions/domain/scoring/scoring-run.ts';
import { cityKey } from '../../../functions/domain/tenant-key.ts';
import { createTestApi, type TestApi } from '../../support/api-harness.ts';
import { seedSliceHistory, sliceSource, sliceSubjects } from '../../support/slice-history.ts';
import { useTestTable } from '../../support/test-table.ts';

// SQS is an AWS service with no local stand-in here: its client is mocked to capture what the worker sends.
const sqs = mockClient(SQSClient);
const tenant = cityKey('wk', 'east');

function sqsEvent(bodies: readonly string[]): SQSEvent {
  return {
    Records: bodies.map(
      (body, index): SQSRecord => ({
        messageId: `m${index}`,
        receiptHandle: `r${index}`,
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '0',
          SenderId: 'test',
          ApproximateFirstReceiveTimestamp: '0',
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:local:123456789012:jobs',
        awsRegion: 'local',
      }),
    ),
  };
}

describe('scoring worker (SQS → Lambda)', () => {
  const table = useTestTable();
  let api: TestApi;
  let handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
  const sent: string[] = [];

  beforeAll(async () => {
    api = await createTestApi(table);
    const platform = await api.token('root', '_platform', 'platform_admin');
    const province = await api.token('wk-admin', 'wk', 'province_admin');
    const admin = await api.token('east-admin', 'wk#east', 'city_admin');
    await api.call('POST', '/api/provinces', platform, { id: 'wk', name: '工作省' });
    await api.call('POST', '/api/cities', province, { id: 'east', name: '东市' });
    await api.call('POST', '/api/units/import', admin, {
      rows: sliceSubjects.map((unit) => ({ id: unit.id, name: unit.id, category: unit.category })),
    });
    await api.call('POST', '/api/rulesets', admin, { id: 'slice', source: sliceSource });
    await api.call('POST', '/api/rulesets/slice/publish', admin, undefined, { 'if-match': '"1"' });
    await seedSliceHistory(table, tenant);

    sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string; MessageBody: string }[] }) => {
      sent.push(...input.Entries.map((entry) => entry.MessageBody));
      return { Successful: input.Entries.map((entry) => ({ Id: entry.Id })), Failed: [] };
    });
    vi.stubEnv('TABLE_NAME', table.tableName);
    vi.stubEnv('AWS_REGION', 'local');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', table.endpoint);
    vi.stubEnv('SCORING_QUEUE_URL', 'https://sqs.local.amazonaws.com/123456789012/jobs');
    handler = (await import('../../../functions/handlers/scoring-worker.ts')).handler;
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    sqs.restore();
  });

  it('prepares a run, fans its chunks out through the queue and finishes it', async () => {
    const assessment = createAssessmentServices(assessmentDepsOf(createServices(api.deps)));
    const run = await createRun(assessment.ports, tenant, 'east-admin', {
      ruleSetId: 'slice',
      version: 1,
      period: '2024',
      scope: {},
    });

    const prepared = await handler(sqsEvent([JSON.stringify({ kind: 'prepare', tenant, runId: run.runId })]));
    const chunkJobs = sent.splice(0);
    const scored = await handler(sqsEvent(chunkJobs));

    expect(prepared.batchItemFailures).toEqual([]);
    expect(chunkJobs.map((body) => JSON.parse(body).kind)).toEqual(['chunk', 'chunk', 'chunk']);
    expect(scored.batchItemFailures).toEqual([]);
    expect(await assessment.runs.getRun(tenant, run.runId)).toMatchObject({ status: 'finished', done: 230 });
  });

  it('reports a malformed message as a failure of that message only', async () => {
    const response = await handler(
      sqsEvent([
        '{"kind":"prepare","tenant":"not a tenant","runId":"x"}',
        JSON.stringify({ kind: 'prepare', tenant, runId: 'no-such-run' }),
      ]),
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm0' }]);
  });
});
