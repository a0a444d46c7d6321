import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CompiledRuleSet, compile, type SubjectResult } from '../../../dsl/index.ts';
import { createRun, executeRun } from '../../../functions/domain/scoring/scoring-run.ts';
import { cityKey } from '../../../functions/domain/tenant-key.ts';
import { runPortsFor } from '../../support/run-ports.ts';
import { seedSliceHistory, sliceSource, sliceSubjects } from '../../support/slice-history.ts';
import { useTestTable } from '../../support/test-table.ts';

const tenant = cityKey('demo', 'cli');

describe('a scoring run and `kaoping score`', () => {
  const table = useTestTable();
  const folder = mkdtempSync(join(tmpdir(), 'kaoping-cli-'));
  let ruleSet: CompiledRuleSet;

  beforeAll(async () => {
    const compiled = compile(sliceSource);
    if (!compiled.ok) throw new Error('slice does not compile');
    ruleSet = compiled.ruleSet;
    await seedSliceHistory(table, tenant);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('agree on every subject’s total, dimensions, grade and status, given the inputs the run prepared', async () => {
    const ports = runPortsFor(table, sliceSubjects, () => ruleSet);
    const run = await createRun(ports, tenant, 'a', {
      ruleSetId: 's',
      version: 1,
      period: '2024',
      scope: {},
    });
    await executeRun(ports, tenant, run.runId);
    const finished = await ports.store.getRun(tenant, run.runId);
    const inputs = [];
    for (let index = 0; index < (finished?.chunkCount ?? 0); index += 1) {
      inputs.push(...(await ports.store.loadChunk(tenant, run.runId, index)).inputs);
    }
    writeFileSync(join(folder, 'rules.kp'), sliceSource);
    writeFileSync(join(folder, 'subjects.jsonl'), inputs.map((input) => JSON.stringify(input)).join('\n'));

    const output = execFileSync(
      process.execPath,
      [
        'bin/kaoping.js',
        'score',
        join(folder, 'rules.kp'),
        '--data',
        join(folder, 'subjects.jsonl'),
        '--json',
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const fromCli = output
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as SubjectResult);
    const stored = new Map(
      (await ports.store.loadResults(tenant, run.runId)).map((result) => [result.subjectId, result]),
    );

    expect(fromCli).toHaveLength(sliceSubjects.length);
    for (const result of fromCli) {
      expect(stored.get(result.subjectId), result.subjectId).toMatchObject({
        total: result.total,
        dimensions: result.dimensions,
        grade: result.grade,
        status: result.status,
      });
    }
  });
});
