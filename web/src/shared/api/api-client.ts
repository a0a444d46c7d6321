import type { z } from 'zod';
import { endSession, readSession } from '../auth/session.ts';
import { env } from '../env.ts';
import { ApiProblem, problemFromResponse } from './api-problem.ts';

export interface ApiRequest<T> {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Parses the 2xx body; a body that does not fit is a problem, never shown raw. */
  readonly schema: z.ZodType<T>;
  /** Whether a 401 ends the session (true, except for the sign-in calls themselves). */
  readonly endSessionOn401?: boolean;
}

export interface ApiResponse<T> {
  readonly data: T;
  readonly status: number;
  readonly etag: string | null;
}

/**
 * The one way the console calls the API: adds the bearer token, sends JSON, parses the answer with
 * `schema`, and turns every failure into an ApiProblem.
 *
 * @example
 * const { data } = await apiFetch('/api/health', { schema: healthSchema });
 */
export async function apiFetch<T>(path: string, request: ApiRequest<T>): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  const session = readSession();
  if (session !== null) headers.authorization = `Bearer ${session.token}`;
  const init: RequestInit = { method: request.method ?? 'GET', headers };
  if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(request.body);
  }
  if (request.signal !== undefined) init.signal = request.signal;

  let response: Response;
  try {
    response = await fetch(`${env.VITE_API_BASE}${path}`, init);
  } catch (error) {
    if (request.signal?.aborted === true) throw error;
    throw new ApiProblem({ kind: 'network', status: 0, code: 'network' });
  }
  const text = await response.text();
  if (!response.ok) {
    const problem = problemFromResponse(response.status, text);
    if (problem.kind === 'unauthorized' && session !== null && request.endSessionOn401 !== false) {
      endSession('expired');
    }
    throw problem;
  }
  let json: unknown = null;
  if (text !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiProblem({ kind: 'unexpected', status: response.status, code: 'not_json' });
    }
  }
  const parsed = request.schema.safeParse(json);
  if (!parsed.success) {
    console.error(`Unexpected answer from ${path}`, parsed.error.issues);
    throw new ApiProblem({ kind: 'unexpected', status: response.status, code: 'unexpected_shape' });
  }
  return { data: parsed.data, status: response.status, etag: response.headers.get('etag') };
}

/**
 * Sends a file as the raw request body (CSV, XLSX). Answers with a 2xx status, or one of `answered`
 * (e.g. 422 when the server reports what is wrong inside the file), are parsed with `schema`;
 * any other failure is an ApiProblem as with `apiFetch`.
 */
export async function apiUpload<T>(
  path: string,
  file: Blob,
  request: {
    readonly contentType: string;
    readonly schema: z.ZodType<T>;
    readonly answered?: readonly number[];
  },
): Promise<ApiResponse<T>> {
  const response = await send(path, {
    method: 'POST',
    body: file,
    headers: { accept: 'application/json', 'content-type': request.contentType },
  });
  const text = await response.text();
  if (!response.ok && !(request.answered ?? []).includes(response.status)) {
    throw problemOf(response.status, text);
  }
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    throw new ApiProblem({ kind: 'unexpected', status: response.status, code: 'not_json' });
  }
  const parsed = request.schema.safeParse(json);
  if (!parsed.success) {
    console.error(`Unexpected answer from ${path}`, parsed.error.issues);
    throw new ApiProblem({ kind: 'unexpected', status: response.status, code: 'unexpected_shape' });
  }
  return { data: parsed.data, status: response.status, etag: response.headers.get('etag') };
}

/** Fetches a file the API produces (e.g. a run's workbook) with the bearer token, and its suggested name. */
export async function apiDownload(
  path: string,
): Promise<{ readonly blob: Blob; readonly filename: string | null }> {
  const response = await send(path, { method: 'GET', headers: {} });
  if (!response.ok) throw problemOf(response.status, await response.text());
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), filename };
}

async function send(
  path: string,
  init: { method: string; body?: BodyInit; headers: Record<string, string> },
): Promise<Response> {
  const session = readSession();
  if (session !== null) init.headers.authorization = `Bearer ${session.token}`;
  try {
    return await fetch(`${env.VITE_API_BASE}${path}`, init);
  } catch {
    throw new ApiProblem({ kind: 'network', status: 0, code: 'network' });
  }
}

function problemOf(status: number, text: string): ApiProblem {
  const problem = problemFromResponse(status, text);
  if (problem.kind === 'unauthorized' && readSession() !== null) endSession('expired');
  return problem;
}
