import { call } from './seed.ts';

interface RunRecord {
  readonly runId: string;
  readonly status: string;
  readonly subjectKind: string;
  readonly request: { readonly ruleSetId?: string; readonly period: string };
}

/**
 * Waits until the server's background history load has left a finished run matching `wanted` (npm start
 * loads 2023–2025 in the background), and returns it.
 */
export async function finishedRun(
  baseUrl: string,
  token: string,
  wanted: (run: RunRecord) => boolean,
  timeoutMs = 150_000,
): Promise<RunRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await call(baseUrl, token, 'GET', '/api/runs');
    const items = (answer.body as { items?: RunRecord[] } | null)?.items ?? [];
    const found = items.find((run) => run.status === 'finished' && wanted(run));
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no finished run appeared within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 1000));
  }
}
