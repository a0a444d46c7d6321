import { beforeAll, describe, expect, it } from 'vitest';
import { type CompiledRuleSet, compile, scorePopulation } from '../../../dsl/index.ts';
import type { RunPorts } from '../../../functions/domain/scoring/run-ports.ts';
import {
  createRun,
  executeRun,
  prepareRun,
  resultDigest,
  scoreChunk,
} from '../../../functions/domain/scoring/scoring-run.ts';
import { buildSubjectInput } from '../../../functions/domain/scoring/subject-inputs.ts';
import { cityKey } from '../../../functions/domain/tenant-key.ts';
import type { TableRef } from '../../../functions/store/dynamo-client.ts';
import { runRepository } from '../../../functions/store/run-repository.ts';
import { sharedTenantTables } from '../../../functions/store/tenant-tables.ts';
import { failingTable } from '../../support/fault-injection.ts';
import { runPortsFor } from '../../support/run-ports.ts';
import {
  seedSliceHistory,
  sliceMonths,
  sliceMonthValues,
  sliceSource,
  sliceSubjects,
} from '../../support/slice-history.ts';
import { useTestTable } from '../../support/test-table.ts';

const tenant = cityKey('demo', 'east');
const subjects = sliceSubjects;
const months = sliceMonths;
const monthValues = sliceMonthValues;

describe('scoring runs', () => {
  const table = useTestTable();
  let ruleSet: CompiledRuleSet;

  const portsFor = (ref: TableRef): RunPorts => runPortsFor(ref, subjects, () => ruleSet);

  beforeAll(async () => {
    const compiled = compile(sliceSource);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    ruleSet = compiled.ruleSet;
    await seedSliceHistory(table, tenant);
  });

  it('scores every subject of the period in chunks and stores results equal to scoring the same data directly', async () => {
    const ports = portsFor(table);
    const run = await createRun(ports, tenant, 'east-admin', {
      ruleSetId: 'slice',
      version: 1,
      period: '2024',
      scope: {},
    });

    await executeRun(ports, tenant, run.runId);

    const store = runRepository(sharedTenantTables(table));
    const finished = await store.getRun(tenant, run.runId);
    expect(finished).toMatchObject({
      status: 'finished',
      total: 230,
      done: 230,
      chunkCount: 3,
      chunksDone: 3,
    });
    expect(finished?.effectiveHash).toBe(ruleSet.effectiveHash);

    const inputs = subjects.map((subject, index) =>
      buildSubjectInput(
        subject,
        ruleSet.catalog,
        months.map((_, month) => monthValues(index, month)),
      ),
    );
    const expected = scorePopulation(ruleSet, inputs);
    const stored = await store.loadResults(tenant, run.runId);
    expect(stored).toHaveLength(230);
    const byId = new Map(stored.map((result) => [result.subjectId, result]));
    for (const result of expected) {
      expect(byId.get(result.subjectId)).toMatchObject({
        total: result.total,
        grade: result.grade,
        dimensions: result.dimensions,
        status: result.status,
      });
    }
    expect(byId.get('u017')?.grade).toBe('较差');
    const excellent = stored.filter((result) => result.grade === '优秀').length;
    expect(excellent).toBeLessThanOrEqual(Math.floor(230 * 0.2));
  });

  it('stores every result’s explanation trace, whose points add up exactly to its total', async () => {
    const ports = portsFor(table);
    const run = await createRun(ports, tenant, 'east-admin', {
      ruleSetId: 'slice',
      version: 1,
      period: '2024',
      scope: {},
    });
    await executeRun(ports, tenant, run.runId);
    const store = runRepository(sharedTenantTables(table));

    const stored = await store.loadResultsWithTraces(tenant, run.runId);
    expect(stored).toHaveLength(230);
    for (const result of stored) {
      const sum = result.trace.reduce((total, entry) => total + Math.round(entry.points * 100), 0);
      expect(result.trace.length).toBeGreaterThan(0);
      expect(sum, result.subjectId).toBe(Math.round(result.total * 100));
    }
    const one = await store.getResult(tenant, run.runId, 'u017');
    expect(one?.trace).toEqual(stored.find((result) => result.subjectId === 'u017')?.trace);
  });

  it('reproduces a finished run bit for bit: same inputs digest, same results digest', async () => {
    const ports = portsFor(table);
    const store = runRepository(sharedTenantTables(table));
    const first = await createRun(ports, tenant, 'a', {
      ruleSetId: 'slice',
      version: 1,
      period: '2024',
      scope: {},
    });
    const second = await createRun(ports, tenant, 'a', {
      ruleSetId: 'slice',
      version: 1,
      period: '2024',
      scope: {},
    });

    await executeRun(ports, tenant, first.runId);
    await executeRun(ports, tenant, second.runId);

    const [a, b] = await Promise.all([store.getRun(tenant, first.runId), store.getRun(tenant, second.runId)]);
    expect(a?.inputDigest).toBe(b?.inputDigest);
    expect(a?.resultDigest).toBe(b?.resultDigest);
    expect(resultDigest(await store.loadResults(tenant, first.runId))).not.toBe('');
  });

  it('retries a chunk that failed after writing its results, and counts each result exactly once', async () => {
    const ports = portsFor(table);
    const store = runRepository(sharedTenantTables(table));
    const run = await createRun(ports, tenant, 'a', {
      ruleSetId: 'slice',
      version: 1,
      period: '2024',
      scope: {},
    });
    const chunks = await prepareRun(ports, tenant, run.runId);
    const faulty = portsFor(failingTable(table, 'TransactWriteCommand'));

    await expect(scoreChunk(faulty, tenant, run.runId, 0)).rejects.toThrow('injected fault');
    for (const index of chunks) await scoreChunk(ports, tenant, run.runId, index);
    await scoreChunk(ports, tenant, run.runId, 0);

    const finished = await store.getRun(tenant, run.runId);
    expect(finished).toMatchObject({ status: 'finished', done: 230, chunksDone: 3 });
    const results = await store.loadResults(tenant, run.runId);
    expect(results).toHaveLength(230);
    expect(new Set(results.map((result) => result.subjectId)).size).toBe(230);
  });

  it('refuses a period that does not match the rule set, naming both', async () => {
    const ports = portsFor(table);

    await expect(
      createRun(ports, tenant, 'a', { ruleSetId: 'slice', version: 1, period: '2024-Q1', scope: {} }),
    ).rejects.toMatchObject({ status: 400, code: 'period_mismatch' });
    await expect(
      createRun(ports, tenant, 'a', { ruleSetId: 'slice', version: 1, period: '24', scope: {} }),
    ).rejects.toMatchObject({ status: 400, code: 'bad_period' });
  });
});
