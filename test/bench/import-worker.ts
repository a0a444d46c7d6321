import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { importObservations } from '../../functions/domain/observations/import-observations.ts';
import { cityKey } from '../../functions/domain/tenant-key.ts';
import { createTableRef } from '../../functions/store/dynamo-client.ts';
import { observationRepository } from '../../functions/store/observation-repository.ts';
import { sharedTenantTables } from '../../functions/store/tenant-tables.ts';
import { benchImportFields } from './import-fixture.ts';

// Runs one import in a fresh process so its peak RSS is the import's own. Prints one JSON line.
const [endpoint, tableName, file] = process.argv.slice(2);
if (endpoint === undefined || tableName === undefined || file === undefined) {
  throw new Error('usage: import-worker.ts <endpoint> <table> <csv file>');
}
const table = createTableRef({ endpoint, region: 'local' }, tableName);
const started = performance.now();
const outcome = await importObservations(
  observationRepository(sharedTenantTables(table)),
  { kind: 'csv', input: createReadStream(file) },
  {
    tenant: cityKey('bench', 'city'),
    batchKey: `bench-${Date.now()}`,
    source: 'bench',
    actor: 'bench',
    fields: benchImportFields,
  },
);
const seconds = (performance.now() - started) / 1000;
const rows = outcome.status === 'already-imported' ? 0 : outcome.rows;
console.log(
  JSON.stringify({ status: outcome.status, rows, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }),
);
