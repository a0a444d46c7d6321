import type { ObservationSink, SinkBatch } from '../observations/import-observations.ts';
import type { TenantKey } from '../tenant-key.ts';
import type { DemoField } from './field-model.ts';
import {
  type DemoSubject,
  generateHistory,
  type HistoryOptions,
  monthsBetween,
} from './history-generator.ts';

type PendingRecord = { subjectId: string; period: string; values: Record<string, number | boolean | string> };

/**
 * Loads generated history into a tenant as one committed import batch per year (source `demo`), the way
 * a real province would import its yearly feeds (`label` tells apart feeds loaded for different subjects). The whole range is generated in one pass, so values do
 * not depend on how it is split. Idempotent: a year already loaded is skipped.
 */
export async function loadDemoHistory(
  sink: ObservationSink,
  tenant: TenantKey,
  subjects: readonly DemoSubject[],
  fields: readonly DemoField[],
  options: HistoryOptions & { readonly label?: string },
): Promise<{ years: number; records: number }> {
  const months = monthsBetween(options.from, options.to);
  const years = [...new Set(months.map((month) => month.slice(0, 4)))];
  const open = new Map<string, { batch: SinkBatch; pending: PendingRecord[]; written: number }>();
  for (const year of years) {
    const begun = await sink.begin(tenant, {
      batchKey: `demo-history-${options.label === undefined ? '' : `${options.label}-`}${year}`,
      source: 'demo',
      actor: 'demo-loader',
    });
    if (begun.kind === 'started') open.set(year, { batch: begun.batch, pending: [], written: 0 });
  }
  if (open.size === 0) return { years: years.length, records: 0 };

  const flush = async (year: string): Promise<void> => {
    const target = open.get(year);
    if (target === undefined || target.pending.length === 0) return;
    const batch = target.pending;
    target.pending = [];
    await sink.append(tenant, target.batch, batch);
    target.written += batch.length;
  };

  // A record's fields arrive together (the generator goes subject by subject, month by month), so a
  // record is complete when the next one starts; only complete records are written.
  let current: PendingRecord | undefined;
  const complete = async (record: PendingRecord): Promise<void> => {
    const year = record.period.slice(0, 4);
    const target = open.get(year);
    if (target === undefined) return;
    target.pending.push(record);
    if (target.pending.length >= 500) await flush(year);
  };
  for (const observation of generateHistory(subjects, fields, options)) {
    if (
      current === undefined ||
      current.subjectId !== observation.subjectId ||
      current.period !== observation.period
    ) {
      if (current !== undefined) await complete(current);
      current = { subjectId: observation.subjectId, period: observation.period, values: {} };
    }
    current.values[observation.field] = observation.value;
  }
  if (current !== undefined) await complete(current);

  let records = 0;
  for (const [year, target] of open) {
    await flush(year);
    await sink.commit(tenant, target.batch, {
      records: target.written,
      digest: `demo:${String(options.seed)}:${year}`,
      periods: months.filter((month) => month.startsWith(year)),
    });
    records += target.written;
  }
  return { years: years.length, records };
}
