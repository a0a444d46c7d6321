import type { SubjectInput, SubjectResult } from '../../../dsl/index.ts';

/** What a run is asked to do: which rule set version, which period, which subjects. */
export interface RunRequest {
  readonly ruleSetId: string;
  readonly version: number;
  /** `2024`, `2024-Q2` or `2024-03`. */
  readonly period: string;
  readonly scope: RunScope;
}

export interface RunScope {
  /** Only these unit categories; absent means all. */
  readonly categories?: readonly string[] | undefined;
  /** Only these units (and, for a cadre rule set, their cadres); absent means all. */
  readonly unitIds?: readonly string[] | undefined;
}

export type RunStatus = 'preparing' | 'scoring' | 'finalizing' | 'finished' | 'failed';

export interface RunRecord {
  readonly runId: string;
  readonly request: RunRequest;
  /** Units or cadres, from the rule set: a cadre run takes its quota groups' grades from a unit run. */
  readonly subjectKind: 'unit' | 'cadre';
  readonly status: RunStatus;
  readonly actor: string;
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  /** Subjects to score and subjects scored so far. */
  readonly total: number;
  readonly done: number;
  readonly chunkCount: number;
  readonly chunksDone: number;
  /** Pinned when the inputs are prepared: the effective rule set and the data it read. */
  readonly effectiveHash?: string;
  readonly inputDigest?: string;
  /** Digest of the final results, for reproducibility checks. */
  readonly resultDigest?: string;
  readonly error?: string;
}

/** One chunk's worth of prepared inputs, scored independently of the others. */
export interface RunChunk {
  readonly index: number;
  readonly inputs: readonly SubjectInput[];
}

/** A stored result: the DSL's result plus what lists filter on. */
export interface StoredResult extends SubjectResult {
  readonly kind: 'unit' | 'cadre';
  readonly category: string;
  readonly unitId?: string;
}
