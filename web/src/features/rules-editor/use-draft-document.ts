import { useCallback, useEffect, useState } from 'react';
import { type ApiProblem, asProblem } from '../../shared/api/api-problem.ts';
import { type Draft, fetchDraft, saveDraft } from './rule-set-api.ts';

export type DraftDocument =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly problem: ApiProblem; readonly retry: () => void }
  | {
      readonly status: 'ready';
      /** The draft as the server last gave it to us. */
      readonly base: Draft;
      readonly source: string;
      readonly setSource: (source: string) => void;
      readonly dirty: boolean;
      readonly saving: boolean;
      readonly save: () => Promise<Draft | null>;
      readonly saveProblem: ApiProblem | null;
      /** Someone else saved first: their draft, shown next to ours; nothing was overwritten. */
      readonly conflict: Draft | null;
      readonly takeTheirs: () => void;
      /** Keep our text, now based on their revision (the next save replaces theirs knowingly). */
      readonly keepMine: () => void;
      readonly replaceBase: (draft: Draft) => void;
    };

/** One rule-set draft being edited: load, local text, save with If-Match, conflicts shown, never overwritten. */
export function useDraftDocument(id: string): DraftDocument {
  const [base, setBase] = useState<Draft | null>(null);
  const [source, setSource] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveProblem, setSaveProblem] = useState<ApiProblem | null>(null);
  const [conflict, setConflict] = useState<Draft | null>(null);
  const [round, setRound] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` is the retry trigger
  useEffect(() => {
    const controller = new AbortController();
    setBase(null);
    setProblem(null);
    setConflict(null);
    setSaveProblem(null);
    fetchDraft(id, controller.signal).then(
      (draft) => {
        if (controller.signal.aborted) return;
        setBase(draft);
        setSource(draft.source);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setProblem(asProblem(error));
      },
    );
    return () => controller.abort();
  }, [id, round]);

  const save = useCallback(async (): Promise<Draft | null> => {
    if (base === null) return null;
    setSaving(true);
    setSaveProblem(null);
    try {
      const saved = await saveDraft(id, source, base.revision);
      setBase(saved);
      setConflict(null);
      return saved;
    } catch (error) {
      const failure = asProblem(error);
      if (failure.status === 412) {
        try {
          setConflict(await fetchDraft(id));
        } catch (reloadError) {
          setSaveProblem(asProblem(reloadError));
        }
      } else {
        setSaveProblem(failure);
      }
      return null;
    } finally {
      setSaving(false);
    }
  }, [base, id, source]);

  if (problem !== null) return { status: 'failed', problem, retry: () => setRound((value) => value + 1) };
  if (base === null) return { status: 'loading' };
  return {
    status: 'ready',
    base,
    source,
    setSource,
    dirty: source !== base.source,
    saving,
    save,
    saveProblem,
    conflict,
    takeTheirs: () => {
      if (conflict === null) return;
      setBase(conflict);
      setSource(conflict.source);
      setConflict(null);
    },
    keepMine: () => {
      if (conflict === null) return;
      setBase(conflict);
      setConflict(null);
    },
    replaceBase: setBase,
  };
}
