import { createHash } from 'node:crypto';
import type { SubjectInput, SubjectResult } from '../../../dsl/index.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import type { TenantKey } from '../tenant-key.ts';
import {
  type AssessmentPeriod,
  formatAssessmentPeriod,
  parseAssessmentPeriod,
  previousPeriod,
} from './assessment-period.ts';
import { canonicalJson, inputDigest } from './input-digest.ts';
import { inputsFor, readPeriodData } from './period-data.ts';
import type { RunChunk, RunRecord, RunRequest, StoredResult } from './run-model.ts';
import type { RunPorts } from './run-ports.ts';

/** Subjects per chunk: small enough for one DynamoDB item of inputs, large enough to amortise a message. */
export const chunkSize = 100;
/** Chunks scored at once when a run executes in one process. */
export const chunkConcurrency = 4;

/** Checks a request against the rule set it names and records a new run in `preparing`. */
export async function createRun(
  ports: RunPorts,
  tenant: TenantKey,
  actor: string,
  request: RunRequest,
): Promise<RunRecord> {
  const period = parseAssessmentPeriod(request.period);
  if (period === null) {
    throw new BadRequestError('bad_period', {
      zh: `考核期间“${request.period}”无效，应为 2024、2024-Q2 或 2024-03`,
      en: `period "${request.period}" is invalid: use 2024, 2024-Q2 or 2024-03`,
    });
  }
  const ruleSet = await ports.ruleSet(tenant, request.ruleSetId, request.version);
  if (ruleSet.period !== period.kind) {
    throw new BadRequestError('period_mismatch', {
      zh: `规则集按${periodWord(ruleSet.period).zh}考核，期间“${request.period}”不是${periodWord(ruleSet.period).zh}`,
      en: `the rule set assesses ${ruleSet.period} periods; "${request.period}" is not one`,
    });
  }
  const run: RunRecord = {
    runId: ports.newRunId(),
    request,
    subjectKind: ruleSet.subjectKind,
    status: 'preparing',
    actor,
    createdAt: ports.now().toISOString(),
    total: 0,
    done: 0,
    chunkCount: 0,
    chunksDone: 0,
  };
  await ports.store.createRun(tenant, run);
  return run;
}

function periodWord(kind: AssessmentPeriod['kind']): { zh: string; en: string } {
  return {
    annual: { zh: '年度', en: 'annual' },
    quarterly: { zh: '季度', en: 'quarterly' },
    monthly: { zh: '月度', en: 'monthly' },
  }[kind];
}

/**
 * Reads every month's observations once, builds each subject's inputs, pins the effective rule set and
 * the input digest, and stores the inputs in chunks. Returns the chunk indexes to score.
 */
export async function prepareRun(ports: RunPorts, tenant: TenantKey, runId: string): Promise<number[]> {
  const run = await requireRun(ports, tenant, runId);
  const period = parseAssessmentPeriod(run.request.period);
  if (period === null) throw new Error(`stored run ${runId} has a bad period`);
  const ruleSet = await ports.ruleSet(tenant, run.request.ruleSetId, run.request.version);
  const data = await readPeriodData(ports, tenant, ruleSet.subjectKind, run.request.scope, period);
  const previous =
    ports.previousResults === undefined
      ? new Map()
      : await ports.previousResults(
          tenant,
          run.request.ruleSetId,
          ruleSet.subjectKind,
          formatAssessmentPeriod(previousPeriod(period)),
        );
  const groupGrades =
    ruleSet.subjectKind === 'cadre' && ports.groupGrades !== undefined
      ? await ports.groupGrades(tenant, run.request.period)
      : new Map<string, string>();
  const inputs = inputsFor(ruleSet, data, previous).map((input) => {
    const groupGrade = input.group === undefined ? undefined : groupGrades.get(input.group);
    return groupGrade === undefined ? input : { ...input, groupGrade };
  });
  const chunks: RunChunk[] = [];
  for (let start = 0; start < inputs.length; start += chunkSize) {
    chunks.push({ index: chunks.length, inputs: inputs.slice(start, start + chunkSize) });
  }
  await ports.store.savePrepared(tenant, runId, chunks, {
    effectiveHash: ruleSet.effectiveHash,
    inputDigest: inputDigest(inputs),
    total: inputs.length,
  });
  return chunks.map((chunk) => chunk.index);
}

/**
 * Scores one chunk and stores its results. Safe to repeat: a retried chunk rewrites the same result
 * items and is counted once. The completion that finishes the last chunk runs the population phase.
 */
export async function scoreChunk(
  ports: RunPorts,
  tenant: TenantKey,
  runId: string,
  index: number,
): Promise<void> {
  const run = await requireRun(ports, tenant, runId);
  const ruleSet = await ports.ruleSet(tenant, run.request.ruleSetId, run.request.version);
  if (run.effectiveHash !== undefined && ruleSet.effectiveHash !== run.effectiveHash) {
    throw new Error(`rule set of run ${runId} changed since it was prepared`);
  }
  const chunk = await ports.store.loadChunk(tenant, runId, index);
  const results = chunk.inputs.map((input) => toStored(ports.scoreSubject(ruleSet, input), input));
  const outcome = await ports.store.completeChunk(tenant, runId, index, results);
  if (outcome.claimedFinalize) await finalizeRun(ports, tenant, runId);
}

/** The population phase over every stored result, then the final results replace the provisional ones. */
export async function finalizeRun(ports: RunPorts, tenant: TenantKey, runId: string): Promise<void> {
  const run = await requireRun(ports, tenant, runId);
  const ruleSet = await ports.ruleSet(tenant, run.request.ruleSetId, run.request.version);
  const inputs: SubjectInput[] = [];
  for (let index = 0; index < run.chunkCount; index += 1) {
    inputs.push(...(await ports.store.loadChunk(tenant, runId, index)).inputs);
  }
  const stored = new Map(
    (await ports.store.loadResults(tenant, runId)).map((result) => [result.subjectId, result]),
  );
  const provisional: SubjectResult[] = inputs.map((input) => {
    const result = stored.get(input.id);
    if (result === undefined) throw new Error(`run ${runId} has no result for ${input.id}`);
    return result;
  });
  const final = ports
    .applyPopulation(ruleSet, inputs, provisional)
    .map((result, position) => toStored(result, inputs[position] as SubjectInput));
  await ports.store.finish(tenant, runId, final, resultDigest(final));
}

/** Runs every step in this process: what `npm start` does, and what the SQS worker does chunk by chunk. */
export async function executeRun(ports: RunPorts, tenant: TenantKey, runId: string): Promise<void> {
  try {
    const chunks = await prepareRun(ports, tenant, runId);
    if (chunks.length === 0) {
      await ports.store.finish(tenant, runId, [], resultDigest([]));
      return;
    }
    // A few chunks at a time: storage latency overlaps, and the order of completion does not matter.
    const queue = [...chunks];
    const worker = async (): Promise<void> => {
      for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
        await scoreChunk(ports, tenant, runId, index);
      }
    };
    await Promise.all(Array.from({ length: Math.min(chunkConcurrency, queue.length) }, worker));
  } catch (error) {
    await ports.store.fail(tenant, runId, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/** sha-256 over the final results in subject order: equal digests mean bit-for-bit equal results. */
export function resultDigest(results: readonly StoredResult[]): string {
  const hash = createHash('sha256');
  for (const result of [...results].sort((a, b) => (a.subjectId < b.subjectId ? -1 : 1))) {
    hash.update(canonicalJson(result));
    hash.update('\n');
  }
  return hash.digest('hex');
}

function toStored(result: SubjectResult, input: SubjectInput): StoredResult {
  return {
    ...result,
    kind: input.kind,
    category: input.category,
    ...(input.group === undefined ? {} : { unitId: input.group }),
  };
}

async function requireRun(ports: RunPorts, tenant: TenantKey, runId: string): Promise<RunRecord> {
  const run = await ports.store.getRun(tenant, runId);
  if (run === null) throw new NotFoundError({ zh: '考核批次', en: 'Run' });
  return run;
}
