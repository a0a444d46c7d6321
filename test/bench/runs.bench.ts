import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { type CompiledRuleSet, compile } from '../../dsl/index.ts';
import { demoForceMajeure, demoUnitFields } from '../../functions/domain/demo-history/demo-fields.ts';
import { loadDemoHistory } from '../../functions/domain/demo-history/load-history.ts';
import { dryRun } from '../../functions/domain/dry-run/dry-run.ts';
import { dslScoring } from '../../functions/domain/scoring/dsl-scoring.ts';
import type { RunPorts } from '../../functions/domain/scoring/run-ports.ts';
import { createRun, executeRun } from '../../functions/domain/scoring/scoring-run.ts';
import type { RunSubject } from '../../functions/domain/scoring/subject-inputs.ts';
import { cityKey } from '../../functions/domain/tenant-key.ts';
import { ensureTable } from '../../functions/local/bootstrap-table.ts';
import { startDynamoLocal } from '../../functions/local/dynamo-local.ts';
import { createDynamoClient, createTableRef } from '../../functions/store/dynamo-client.ts';
import { observationRepository } from '../../functions/store/observation-repository.ts';
import { sharedTenantTables } from '../../functions/store/tenant-tables.ts';
import { runPortsFor } from '../support/run-ports.ts';
import type { Figure } from './figure.ts';

const subjectCount = Number(process.env.BENCH_SUBJECTS ?? 10_000);
// Figures are named by the size actually measured (10k by default; BENCH_SUBJECTS=1000 gives `_1k_`).
const size = `${subjectCount / 1000}k`;
const examples = new URL('../../examples/demo-province/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, examples), 'utf8');

function compiled(name: string): CompiledRuleSet {
  const result = compile(read(name), { catalog: read('catalog.kp') });
  if (!result.ok) throw new Error(`${name} does not compile`);
  return result.ruleSet;
}

/** Scoring runs and dry-runs over 10,000 units × 12 months already in DynamoDB Local (reads included). */
export async function bench(): Promise<readonly Figure[]> {
  const dynamo = await startDynamoLocal();
  try {
    const raw = createDynamoClient({ endpoint: dynamo.endpoint, region: 'local' });
    await ensureTable(raw, 'bench');
    raw.destroy();
    const table = createTableRef({ endpoint: dynamo.endpoint, region: 'local' }, 'bench');
    const tables = sharedTenantTables(table);
    const tenant = cityKey('bench', 'city');
    const categories = ['窗口服务类', '执法监管类', '综合管理类'];
    const subjects: RunSubject[] = Array.from({ length: subjectCount }, (_, index) => ({
      id: `u${String(index).padStart(5, '0')}`,
      kind: 'unit',
      category: categories[index % 3] as string,
    }));
    const observations = observationRepository(tables);
    const seeded = performance.now();
    await loadDemoHistory(observations, tenant, subjects, demoUnitFields, {
      seed: 'bench',
      from: '2024-01',
      to: '2024-12',
      forceMajeure: demoForceMajeure,
    });
    const seedSeconds = (performance.now() - seeded) / 1000;

    const baseline = compiled('units-2024.kp');
    const candidate = compiled('units-2025.kp');
    let evalMs = 0;
    const timed =
      <A extends unknown[], R>(fn: (...args: A) => R) =>
      (...args: A): R => {
        const started = performance.now();
        const result = fn(...args);
        evalMs += performance.now() - started;
        return result;
      };
    const ports = (ruleSet: CompiledRuleSet): RunPorts =>
      runPortsFor(table, subjects, () => ruleSet, {
        scoreSubject: timed(dslScoring.scoreSubject),
        applyPopulation: timed(dslScoring.applyPopulation),
      });

    const runStarted = performance.now();
    const runPorts = ports(baseline);
    const run = await createRun(runPorts, tenant, 'bench', {
      ruleSetId: 'u',
      version: 1,
      period: '2024',
      scope: {},
    });
    await executeRun(runPorts, tenant, run.runId);
    const runSeconds = (performance.now() - runStarted) / 1000;

    const samples: { seconds: number; evalShare: number }[] = [];
    for (let round = 0; round < 3; round += 1) {
      evalMs = 0;
      const started = performance.now();
      await dryRun(ports(candidate), tenant, { baseline, candidate, periods: ['2024'], scope: {} });
      const ms = performance.now() - started;
      samples.push({ seconds: ms / 1000, evalShare: evalMs / ms });
    }
    samples.sort((a, b) => a.seconds - b.seconds);
    const middle = samples[1] ?? samples[0];
    return [
      { name: `history_seed_${size}_x12_s`, value: seedSeconds, unit: 's' },
      { name: `run_${size}_s`, value: runSeconds, unit: 's' },
      { name: `dryrun_${size}_x12_s`, value: middle?.seconds ?? Number.NaN, unit: 's' },
      { name: 'dryrun_eval_share', value: middle?.evalShare ?? Number.NaN, target: '< 0.2' },
    ];
  } finally {
    await dynamo.stop();
  }
}
