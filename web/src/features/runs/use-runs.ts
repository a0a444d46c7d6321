import { useEffect } from 'react';
import { useQuery } from '../../shared/api/use-query.ts';
import { type CityView, listRuns, type Run } from './runs-api.ts';

const pollEveryMs = 1500;

export const isRunning = (run: Run): boolean => run.status !== 'finished' && run.status !== 'failed';

/** The share of a run that is done, 0..100, for its progress bar. */
export function runProgress(run: Run): number {
  if (run.status === 'finished') return 100;
  if (run.total <= 0) return 0;
  return Math.min(99, Math.floor((run.done / run.total) * 100));
}

/** The tenant's (or, for a province, one city's) runs, newest first; polled while any is still running. */
export function useRuns(city: CityView) {
  const runs = useQuery((signal) => listRuns(signal, city), [city]);
  const anyRunning = runs.status === 'ready' && runs.data.some(isRunning);
  const { reload } = runs;
  useEffect(() => {
    if (!anyRunning) return;
    const timer = setInterval(reload, pollEveryMs);
    return () => clearInterval(timer);
  }, [anyRunning, reload]);
  return runs;
}
