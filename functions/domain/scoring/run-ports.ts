import type { CompiledRuleSet, SubjectInput, SubjectResult } from '../../../dsl/index.ts';
import type { TenantKey } from '../tenant-key.ts';
import type { RunChunk, RunRecord, RunScope, StoredResult } from './run-model.ts';
import type { MonthlyValues, RunSubject } from './subject-inputs.ts';

/** Where a run keeps its state, chunks and results (functions/store/run-repository.ts). */
export interface RunStore {
  createRun(tenant: TenantKey, run: RunRecord): Promise<void>;
  getRun(tenant: TenantKey, runId: string): Promise<RunRecord | null>;
  /** Stores the prepared chunks and pins the rule set and input digest; the run moves to `scoring`. */
  savePrepared(
    tenant: TenantKey,
    runId: string,
    chunks: readonly RunChunk[],
    pins: { effectiveHash: string; inputDigest: string; total: number },
  ): Promise<void>;
  loadChunk(tenant: TenantKey, runId: string, index: number): Promise<RunChunk>;
  /**
   * Writes a chunk's results (one item per subject, so a retry rewrites, never duplicates) and marks the
   * chunk done exactly once. `claimedFinalize` is true for the one completion that finished the last chunk.
   */
  completeChunk(
    tenant: TenantKey,
    runId: string,
    index: number,
    results: readonly StoredResult[],
  ): Promise<{ counted: boolean; claimedFinalize: boolean }>;
  loadResults(tenant: TenantKey, runId: string): Promise<StoredResult[]>;
  /** Replaces the provisional results with the final ones and marks the run finished. */
  finish(
    tenant: TenantKey,
    runId: string,
    results: readonly StoredResult[],
    resultDigest: string,
  ): Promise<void>;
  fail(tenant: TenantKey, runId: string, reason: string): Promise<void>;
}

/** Everything a run reads, and the rule-language functions it calls. */
export interface RunPorts {
  readonly store: RunStore;
  /** The subjects of a tenant a run covers: units or cadres, filtered by scope. */
  subjects(tenant: TenantKey, kind: 'unit' | 'cadre', scope: RunScope): Promise<RunSubject[]>;
  /** Every subject's effective observations of one `YYYY-MM` month. */
  observations(
    tenant: TenantKey,
    month: string,
  ): Promise<readonly { readonly subjectId: string; readonly values: MonthlyValues }[]>;
  /** The compiled, effective rule set of a published version (a city's merged with its pinned parent). */
  ruleSet(tenant: TenantKey, ruleSetId: string, version: number): Promise<CompiledRuleSet>;
  /** Final results of the previous period's finished run (of this rule set if there is one), for `previous.x`. */
  previousResults?(
    tenant: TenantKey,
    ruleSetId: string,
    kind: 'unit' | 'cadre',
    period: string,
  ): Promise<ReadonlyMap<string, NonNullable<SubjectInput['previous']>>>;
  /** The grades of the units in the latest finished unit run of a period, for grade-dependent cadre quotas. */
  groupGrades?(tenant: TenantKey, period: string): Promise<ReadonlyMap<string, string>>;
  scoreSubject(ruleSet: CompiledRuleSet, input: SubjectInput): SubjectResult;
  /** The population phase (quotas, ranking) over every subject's result. */
  applyPopulation(
    ruleSet: CompiledRuleSet,
    inputs: readonly SubjectInput[],
    results: SubjectResult[],
  ): SubjectResult[];
  now(): Date;
  newRunId(): string;
}
