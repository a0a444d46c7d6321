import { createHash, type Hash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { TenantKey } from '../tenant-key.ts';
import type { ImportField } from './import-columns.ts';
import type { ImportIssue } from './import-issue.ts';
import type { CellValue } from './parse-cell.ts';
import { parseUpload, type TableSource } from './parse-upload.ts';
import type { TableRow } from './read-table-rows.ts';
import type { ParsedObservation, RowRules } from './validate-rows.ts';

/** What an import needs from storage (implemented by functions/store/observation-repository.ts). */
export interface ObservationSink {
  begin(
    tenant: TenantKey,
    input: { batchKey: string; source: string; actor: string },
  ): Promise<{ kind: 'started' | 'already-committed'; batch: SinkBatch }>;
  append(
    tenant: TenantKey,
    batch: SinkBatch,
    records: readonly { subjectId: string; period: string; values: Record<string, CellValue> }[],
  ): Promise<void>;
  commit(
    tenant: TenantKey,
    batch: SinkBatch,
    summary: { records: number; digest: string; periods: readonly string[] },
  ): Promise<unknown>;
  reject(tenant: TenantKey, batch: SinkBatch, periods: readonly string[]): Promise<unknown>;
}

export interface SinkBatch {
  readonly batchKey: string;
  readonly batchId: string;
  readonly status: 'pending' | 'committed' | 'rejected';
  readonly records?: number | undefined;
}

export interface ImportRequest extends RowRules {
  readonly tenant: TenantKey;
  readonly batchKey: string;
  readonly source: string;
  readonly actor: string;
  readonly fields: readonly ImportField[];
  /** Store the valid rows even when others have errors (the default rejects the upload whole). */
  readonly partial?: boolean;
}

export type ImportOutcome =
  | {
      readonly status: 'committed';
      readonly rows: number;
      readonly records: number;
      readonly issues: readonly ImportIssue[];
      readonly issueCount: number;
      readonly digest: string;
    }
  | {
      readonly status: 'rejected';
      readonly rows: number;
      readonly issues: readonly ImportIssue[];
      readonly issueCount: number;
    }
  | { readonly status: 'already-imported'; readonly records: number };

/**
 * Imports one upload as one batch, streaming: rows are validated as they are read and valid rows are
 * written straight away but stay invisible until the batch commits. With any bad row (and `partial`
 * not set) the batch is rejected and what it wrote is removed, so stored data never changes by half.
 */
export async function importObservations(
  sink: ObservationSink,
  source: TableSource,
  request: ImportRequest,
): Promise<ImportOutcome> {
  const begun = await sink.begin(request.tenant, request);
  if (begun.kind === 'already-committed') {
    if (source.kind !== 'rows') source.input.resume(); // drain: the client sent the same batch again
    return { status: 'already-imported', records: begun.batch.records ?? 0 };
  }
  const { batch } = begun;
  const hash = createHash('sha256');
  const tapped = digesting(source, hash);

  const periods = new Set<string>();
  let records = 0;
  try {
    const summary = await parseUpload(tapped, {
      ...request,
      onObservations: async (observations) => {
        const grouped = groupByRow(observations);
        for (const record of grouped) periods.add(record.period);
        records += grouped.length;
        await sink.append(request.tenant, batch, grouped);
      },
    });
    const rejected = summary.issueCount > 0 && request.partial !== true;
    if (rejected || records === 0) {
      await sink.reject(request.tenant, batch, [...periods]);
      return {
        status: 'rejected',
        rows: summary.rows,
        issues: summary.issues,
        issueCount: summary.issueCount,
      };
    }
    const digest = hash.digest('hex');
    await sink.commit(request.tenant, batch, { records, digest, periods: [...periods].sort() });
    return {
      status: 'committed',
      rows: summary.rows,
      records,
      issues: summary.issues,
      issueCount: summary.issueCount,
      digest,
    };
  } catch (error) {
    await sink.reject(request.tenant, batch, [...periods]);
    throw error;
  }
}

/** The same source, hashing what passes through: the file's bytes, or each row's cells. */
function digesting(source: TableSource, hash: Hash): TableSource {
  if (source.kind !== 'rows') {
    const tapped = source.input.pipe(new PassThrough());
    tapped.on('data', (chunk: Buffer) => hash.update(chunk));
    return { kind: source.kind, input: tapped };
  }
  const rows = source.rows;
  async function* hashed(): AsyncGenerator<TableRow> {
    for await (const row of rows) {
      hash.update(JSON.stringify(row.cells));
      hash.update('\n');
      yield row;
    }
  }
  return { kind: 'rows', rows: hashed() };
}

function groupByRow(observations: readonly ParsedObservation[]) {
  const rows = new Map<number, { subjectId: string; period: string; values: Record<string, CellValue> }>();
  for (const observation of observations) {
    const row = rows.get(observation.row) ?? {
      subjectId: observation.subjectId,
      period: observation.period,
      values: {},
    };
    row.values[observation.field] = observation.value;
    rows.set(observation.row, row);
  }
  return [...rows.values()];
}
