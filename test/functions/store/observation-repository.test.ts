import { describe, expect, it } from 'vitest';
import { cityKey, provinceKey } from '../../../functions/domain/tenant-key.ts';
import { hashValues, observationRepository } from '../../../functions/store/observation-repository.ts';
import { sharedTenantTables } from '../../../functions/store/tenant-tables.ts';
import { useTestTable } from '../../support/test-table.ts';

describe('ObservationRepository', () => {
  const table = useTestTable();
  const east = cityKey('demo', 'east');
  let clock = Date.parse('2025-01-10T08:00:00Z');
  const repository = () =>
    observationRepository(sharedTenantTables(table), () => {
      clock += 1000;
      return new Date(clock);
    });

  async function importBatch(
    batchKey: string,
    rows: { subjectId: string; period: string; values: Record<string, number> }[],
  ) {
    const repo = repository();
    const begun = await repo.begin(east, { batchKey, source: '12345热线', actor: 'city-admin' });
    if (begun.kind !== 'started') return begun.batch;
    await repo.append(east, begun.batch, rows);
    return repo.commit(east, begun.batch, {
      records: rows.length,
      digest: 'd',
      periods: [...new Set(rows.map((row) => row.period))],
    });
  }

  it('keeps every record with its provenance and applies a later correction field by field', async () => {
    await importBatch('b-original', [
      { subjectId: 'u1', period: '2024-03', values: { 满意率: 91, 解决率: 80 } },
    ]);
    await importBatch('b-correction', [{ subjectId: 'u1', period: '2024-03', values: { 满意率: 95 } }]);

    const [effective] = await repository().readPeriod(east, '2024-03');

    expect(effective?.values).toEqual({ 满意率: 95, 解决率: 80 });
    expect(effective?.records.map((record) => [record.batchKey, record.values])).toEqual([
      ['b-original', { 满意率: 91, 解决率: 80 }],
      ['b-correction', { 满意率: 95 }],
    ]);
    expect(effective?.records[0]).toMatchObject({
      source: '12345热线',
      actor: 'city-admin',
      contentHash: hashValues({ 解决率: 80, 满意率: 91 }),
    });
  });

  it('treats a re-sent committed batch key as already imported and writes nothing', async () => {
    const first = await importBatch('b-twice', [
      { subjectId: 'u2', period: '2024-04', values: { 满意率: 90 } },
    ]);

    const again = await repository().begin(east, { batchKey: 'b-twice', source: 'x', actor: 'y' });

    expect(again).toEqual({ kind: 'already-committed', batch: first });
    expect(await repository().readPeriod(east, '2024-04')).toHaveLength(1);
  });

  it('hides the records of a pending batch and removes those of a rejected one', async () => {
    const repo = repository();
    const begun = await repo.begin(east, { batchKey: 'b-bad', source: '信访', actor: 'a' });
    if (begun.kind !== 'started') throw new Error('expected a new batch');
    await repo.append(east, begun.batch, [{ subjectId: 'u3', period: '2024-05', values: { 满意率: 10 } }]);

    expect(await repo.readPeriod(east, '2024-05')).toEqual([]);
    await repo.reject(east, begun.batch, ['2024-05']);

    expect(await repo.readPeriod(east, '2024-05')).toEqual([]);
    const retried = await repo.begin(east, { batchKey: 'b-bad', source: '信访', actor: 'a' });
    expect(retried.kind).toBe('started');
  });

  it('refuses a second start of a batch that is still importing', async () => {
    const repo = repository();
    await repo.begin(east, { batchKey: 'b-busy', source: 's', actor: 'a' });

    await expect(repo.begin(east, { batchKey: 'b-busy', source: 's', actor: 'a' })).rejects.toMatchObject({
      status: 409,
      code: 'import_in_progress',
    });
  });

  it('never shows one tenant the observations of another', async () => {
    await importBatch('b-east', [{ subjectId: 'u9', period: '2024-06', values: { 满意率: 99 } }]);

    expect(await repository().readPeriod(cityKey('demo', 'west'), '2024-06')).toEqual([]);
    expect(await repository().readPeriod(provinceKey('demo'), '2024-06')).toEqual([]);
  });
});
