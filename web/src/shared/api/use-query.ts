import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { type ApiProblem, asProblem } from './api-problem.ts';

export type QueryState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'failed'; readonly problem: ApiProblem };

/**
 * Runs `load` when `deps` change (aborting the previous call) and on `reload()`.
 * Features wrap it in their own hooks next to their fetchers. A reload keeps the shown data meanwhile.
 */
export function useQuery<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): QueryState<T> & { readonly reload: () => void } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const lastRound = useRef(round);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what `load` depends on
  useEffect(() => {
    const controller = new AbortController();
    // A reload keeps showing what is there until the answer arrives; new deps start from "loading".
    const isReload = lastRound.current !== round;
    lastRound.current = round;
    if (!isReload) setState({ status: 'loading' });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', problem: asProblem(error) });
      },
    );
    return () => controller.abort();
  }, [...deps, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { ...state, reload };
}
