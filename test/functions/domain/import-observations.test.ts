import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ImportField } from '../../../functions/domain/observations/import-columns.ts';
import {
  type ImportRequest,
  importObservations,
} from '../../../functions/domain/observations/import-observations.ts';
import { cityKey } from '../../../functions/domain/tenant-key.ts';
import { auditLog } from '../../../functions/store/audit-log.ts';
import { createCursorCodec } from '../../../functions/store/cursor.ts';
import { observationRepository } from '../../../functions/store/observation-repository.ts';
import { sharedTenantTables } from '../../../functions/store/tenant-tables.ts';
import { useTestTable } from '../../support/test-table.ts';

const fields: readonly ImportField[] = [
  { name: '12345满意率', type: 'percent' },
  { name: '群众投诉未及时回应次数', type: 'count' },
];
const tenant = cityKey('demo', 'east');

describe('importObservations', () => {
  const table = useTestTable();
  const repository = () => observationRepository(sharedTenantTables(table));
  const send = (csv: string, request: Partial<ImportRequest> & { batchKey: string }) =>
    importObservations(
      repository(),
      { kind: 'csv', input: Readable.from([Buffer.from(csv, 'utf8')]) },
      {
        tenant,
        source: '12345热线',
        actor: 'east-admin',
        fields,
        ...request,
      },
    );

  it('stores a clean upload as one committed batch, one record per row', async () => {
    const outcome = await send(
      '对象编码,期间,12345满意率,群众投诉未及时回应次数\nu1,2024-01,97,0\nu2,2024-01,88,3\n',
      {
        batchKey: 'clean',
      },
    );

    expect(outcome).toMatchObject({ status: 'committed', rows: 2, records: 2, issueCount: 0 });
    const stored = await repository().readPeriod(tenant, '2024-01');
    expect(stored.map((entry) => [entry.subjectId, entry.values])).toEqual([
      ['u1', { '12345满意率': 97, 群众投诉未及时回应次数: 0 }],
      ['u2', { '12345满意率': 88, 群众投诉未及时回应次数: 3 }],
    ]);
  });

  it('rejects an upload with a bad row whole, reporting the row, and stores nothing of it', async () => {
    const outcome = await send('对象编码,期间,12345满意率\nu1,2024-02,97\nu2,2024-02,很好\n', {
      batchKey: 'bad',
    });

    expect(outcome).toMatchObject({ status: 'rejected', rows: 2, issueCount: 1 });
    if (outcome.status === 'rejected') expect(outcome.issues[0]).toMatchObject({ row: 3, columnLetter: 'C' });
    expect(await repository().readPeriod(tenant, '2024-02')).toEqual([]);
  });

  it('stores the valid rows when partial import is asked for explicitly', async () => {
    const outcome = await send('对象编码,期间,12345满意率\nu1,2024-03,97\nu2,2024-03,很好\n', {
      batchKey: 'partial',
      partial: true,
    });

    expect(outcome).toMatchObject({ status: 'committed', records: 1, issueCount: 1 });
    expect((await repository().readPeriod(tenant, '2024-03')).map((entry) => entry.subjectId)).toEqual([
      'u1',
    ]);
  });

  it('is idempotent: re-sending the same batch key stores nothing twice', async () => {
    const csv = '对象编码,期间,12345满意率\nu7,2024-04,91\n';
    await send(csv, { batchKey: 'repeat' });

    const again = await send(csv, { batchKey: 'repeat' });

    expect(again).toEqual({ status: 'already-imported', records: 1 });
    const stored = await repository().readPeriod(tenant, '2024-04');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.records).toHaveLength(1);
  });

  it('lets a corrected file be sent again under the key of a rejected one', async () => {
    await send('对象编码,期间,12345满意率\nu8,2024-05,abc\n', { batchKey: 'fixme' });

    const fixed = await send('对象编码,期间,12345满意率\nu8,2024-05,93\n', { batchKey: 'fixme' });

    expect(fixed).toMatchObject({ status: 'committed', records: 1 });
    expect((await repository().readPeriod(tenant, '2024-05'))[0]?.values).toEqual({ '12345满意率': 93 });
  });

  it("records every committed and rejected import in the tenant's hash-chained audit log", async () => {
    const log = auditLog(sharedTenantTables(table), createCursorCodec('test-secret'));

    const { entries } = await log.page(tenant, { limit: 100 });

    const imports = entries.filter((entry) => entry.action.startsWith('observations.'));
    expect(imports.map((entry) => [entry.action, entry.target])).toContainEqual([
      'observations.import',
      'import/clean',
    ]);
    expect(imports.map((entry) => [entry.action, entry.target])).toContainEqual([
      'observations.reject',
      'import/bad',
    ]);
    expect(await log.verify(tenant)).toMatchObject({ ok: true });
  });
});
