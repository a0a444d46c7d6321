import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError, type z } from 'zod';
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

/** The one error mapper: typed errors keep their status and code; anything else is a bare 500. */
export function mapError(error: Error, c: Context): Response {
  const known = error instanceof ZodError ? validationError(error) : error;
  if (known instanceof AppError) {
    return c.json(
      { error: { code: known.code, message: known.text, ...known.details } },
      known.status as ContentfulStatusCode,
    );
  }
  if (known instanceof HTTPException && known.status < 500) {
    // Hono's own 4xx (malformed JSON, etc.): a fixed sentence, never the internal message.
    const malformed = known.status === 400;
    return c.json(
      {
        error: {
          code: malformed ? 'malformed_body' : 'bad_request',
          message: malformed
            ? { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' }
            : { zh: '请求无效', en: 'Bad request' },
        },
      },
      known.status,
    );
  }
  console.error(error);
  return c.json(
    { error: { code: 'internal', message: { zh: '服务器内部错误', en: 'Internal server error' } } },
    500,
  );
}
