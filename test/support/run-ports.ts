import type { CompiledRuleSet } from '../../dsl/index.ts';
import { dslScoring } from '../../functions/domain/scoring/dsl-scoring.ts';
import type { RunPorts } from '../../functions/domain/scoring/run-ports.ts';
import type { RunSubject } from '../../functions/domain/scoring/subject-inputs.ts';
import type { TableRef } from '../../functions/store/dynamo-client.ts';
import { observationRepository } from '../../functions/store/observation-repository.ts';
import { runRepository } from '../../functions/store/run-repository.ts';
import { sharedTenantTables } from '../../functions/store/tenant-tables.ts';

let runCounter = 0;

/**
 * Run ports over real storage (the table's observations and run repositories) with a fixed subject list
 * and rule set, as the API wires them from the tenant's units and published versions.
 */
export function runPortsFor(
  table: TableRef,
  subjects: readonly RunSubject[],
  ruleSet: () => CompiledRuleSet,
  overrides: Partial<RunPorts> = {},
): RunPorts {
  const tables = sharedTenantTables(table);
  const observations = observationRepository(tables);
  return {
    ...dslScoring,
    store: runRepository(tables),
    subjects: async () => [...subjects],
    observations: async (tenant, month) =>
      (await observations.readPeriod(tenant, month)).map(({ subjectId, values }) => ({ subjectId, values })),
    ruleSet: async () => ruleSet(),
    now: () => new Date(),
    newRunId: () => {
      runCounter += 1;
      return `run-${String(runCounter).padStart(5, '0')}`;
    },
    ...overrides,
  };
}
