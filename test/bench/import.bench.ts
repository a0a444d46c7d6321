import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTable } from '../../functions/local/bootstrap-table.ts';
import { startDynamoLocal } from '../../functions/local/dynamo-local.ts';
import { createDynamoClient } from '../../functions/store/dynamo-client.ts';
import type { Figure } from './figure.ts';
import { writeBenchCsv } from './import-fixture.ts';

const worker = fileURLToPath(new URL('./import-worker.ts', import.meta.url));

/** CSV import into DynamoDB Local: throughput, and peak memory of a 200,000-row import in its own process. */
export async function bench(): Promise<readonly Figure[]> {
  const folder = mkdtempSync(join(tmpdir(), 'kaoping-import-bench-'));
  const dynamo = await startDynamoLocal();
  try {
    const client = createDynamoClient({ endpoint: dynamo.endpoint, region: 'local' });
    await ensureTable(client, 'bench');
    client.destroy();
    const file = join(folder, 'observations.csv');
    await writeBenchCsv(file, 200_000);
    const output = execFileSync(process.execPath, [worker, dynamo.endpoint, 'bench', file], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as {
      status: string;
      rows: number;
      seconds: number;
      peakRssMb: number;
    };
    if (result.status !== 'committed') throw new Error(`import ended ${result.status}`);
    return [
      { name: 'import_rows_per_s', value: Math.round(result.rows / result.seconds), unit: 'rows/s' },
      { name: 'import_peak_rss_mb', value: Math.round(result.peakRssMb), unit: 'MB', target: '<= 300' },
    ];
  } finally {
    await dynamo.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
