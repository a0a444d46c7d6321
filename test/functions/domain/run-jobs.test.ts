import { beforeAll, describe, expect, it } from 'vitest';
import { type CompiledRuleSet, compile } from '../../../dsl/index.ts';
import { handleRunJob, parseRunJob, type RunJob } from '../../../functions/domain/scoring/run-jobs.ts';
import { createRun } from '../../../functions/domain/scoring/scoring-run.ts';
import { cityKey } from '../../../functions/domain/tenant-key.ts';
import { runPortsFor } from '../../support/run-ports.ts';
import { seedSliceHistory, sliceSource, sliceSubjects } from '../../support/slice-history.ts';
import { useTestTable } from '../../support/test-table.ts';

const tenant = cityKey('demo', 'east');

describe('run jobs (the fan-out a queue carries)', () => {
  const table = useTestTable();
  let ruleSet: CompiledRuleSet;

  beforeAll(async () => {
    const compiled = compile(sliceSource);
    if (!compiled.ok) throw new Error('slice does not compile');
    ruleSet = compiled.ruleSet;
    await seedSliceHistory(table, tenant);
  });

  it('finishes a run delivered as messages in any order, with duplicates', async () => {
    const ports = runPortsFor(table, sliceSubjects, () => ruleSet);
    const run = await createRun(ports, tenant, 'a', {
      ruleSetId: 's',
      version: 1,
      period: '2024',
      scope: {},
    });
    const queue: RunJob[] = [{ kind: 'prepare', tenant, runId: run.runId }];
    const enqueue = async (jobs: readonly RunJob[]) => {
      queue.push(...jobs);
    };

    const prepare = queue.shift();
    if (prepare === undefined) throw new Error('no prepare job');
    await handleRunJob(ports, prepare, enqueue);
    await handleRunJob(ports, prepare, enqueue); // redelivered: sends the chunks again
    const chunks = queue.splice(0).reverse();
    for (const job of [...chunks, ...chunks]) await handleRunJob(ports, job, enqueue);

    expect(chunks.filter((job) => job.kind === 'chunk')).toHaveLength(6);
    expect(await ports.store.getRun(tenant, run.runId)).toMatchObject({
      status: 'finished',
      done: 230,
      chunksDone: 3,
    });
    expect(await ports.store.loadResults(tenant, run.runId)).toHaveLength(230);
  });

  it('reads messages strictly: tenant keys are checked, unknown fields refused', () => {
    expect(parseRunJob('{"kind":"chunk","tenant":"T#demo#east","runId":"r1","index":2}')).toEqual({
      kind: 'chunk',
      tenant: 'T#demo#east',
      runId: 'r1',
      index: 2,
    });
    expect(() => parseRunJob('{"kind":"prepare","tenant":"T#Bad Key","runId":"r1"}')).toThrow(/tenant/);
    expect(() => parseRunJob('{"kind":"prepare","tenant":"T#demo","runId":"r1","extra":1}')).toThrow(
      /malformed/,
    );
    expect(() => parseRunJob('not json')).toThrow(/not JSON/);
  });
});
