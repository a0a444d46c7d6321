import { performance } from 'node:perf_hooks';
import { startDynamoLocal } from '../../functions/local/dynamo-local.ts';
import { type Figure, median } from './figure.ts';

/** How long a developer or a test suite waits for an in-memory DynamoDB Local to answer. */
export async function bench(): Promise<readonly Figure[]> {
  const samples: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    const started = performance.now();
    const instance = await startDynamoLocal();
    samples.push(performance.now() - started);
    await instance.stop();
  }
  return [{ name: 'dynamo_local_start_ms', value: Math.round(median(samples)), unit: 'ms' }];
}
