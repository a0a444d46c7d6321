import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { AppError, type FieldIssue, ValidationError } from '../domain/errors.ts';

/** `['rows', 3, 'name']` → `rows[3].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

export function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({
          path: formatPath([...prefix, ...issue.path, key]),
          message: 'Unknown field / 未知字段',
        });
      }
    } else {
      issues.push({ path: formatPath([...prefix, ...issue.path]), message: issue.message });
    }
  }
  return issues;
}

export function validationError(error: z.ZodError): ValidationError {
  return new ValidationError(issuesOf(error));
}

const hostErrors: Readonly<Record<number, { code: string; zh: string; en: string }>> = {
  400: { code: 'malformed_body', zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  415: {
    code: 'unsupported_media_type',
    zh: '请求体须为 JSON（Content-Type: application/json）',
    en: 'The body must be JSON (Content-Type: application/json)',
  },
};

/** The one error mapper: typed errors keep their status and code; anything else is a bare 500. */
export function mapError(error: Error, c: Context): Response {
  // Request bodies are validated by the routes' hook (→ ValidationError); a ZodError reaching this point
  // comes from parsing our own stored data, which is an internal fault, not the caller's.
  if (error instanceof AppError) {
    return c.json(
      { error: { code: error.code, message: error.text, ...error.details } },
      error.status as ContentfulStatusCode,
    );
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own 4xx (malformed JSON, wrong content type): a fixed sentence, never the internal message.
    const known = hostErrors[error.status] ?? { code: 'bad_request', zh: '请求无效', en: 'Bad request' };
    return c.json({ error: { code: known.code, message: { zh: known.zh, en: known.en } } }, error.status);
  }
  console.error(error);
  return c.json(
    { error: { code: 'internal', message: { zh: '服务器内部错误', en: 'Internal server error' } } },
    500,
  );
}
