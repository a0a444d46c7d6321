import { z } from 'zod';
import { type Locale, type MessageKey, pick, type Text, translate } from '../i18n/messages.ts';

export type ProblemKind =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'validation'
  | 'tooLarge'
  | 'server'
  | 'network'
  | 'unexpected'
  | 'other';

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

const bilingual = z.object({ zh: z.string(), en: z.string() });
const errorBodySchema = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.union([bilingual, z.string()]).optional(),
    issues: z
      .array(
        z.object({
          path: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]),
          message: z.string(),
        }),
      )
      .optional(),
  }),
});

/** A failed API call, already sorted into what a person can do about it. Never carries raw JSON. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  readonly kind: ProblemKind;
  readonly status: number;
  readonly code: string;
  /** The server's own sentence, when it sent one. */
  readonly serverMessage: Text | undefined;
  readonly issues: readonly FieldIssue[];
  /** Other fields of the error body (e.g. `currentRevision` on a 412). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(init: {
    kind: ProblemKind;
    status: number;
    code: string;
    serverMessage?: Text | undefined;
    issues?: readonly FieldIssue[];
    details?: Readonly<Record<string, unknown>>;
  }) {
    super(`${init.status} ${init.code}`);
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.serverMessage = init.serverMessage;
    this.issues = init.issues ?? [];
    this.details = init.details ?? {};
  }
}

export function kindOfStatus(status: number): ProblemKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 400 || status === 422) return 'validation';
  if (status === 413) return 'tooLarge';
  if (status >= 500) return 'server';
  return 'other';
}

/** Turns a non-2xx response body (text, possibly JSON, possibly not) into an ApiProblem. */
export function problemFromResponse(status: number, bodyText: string): ApiProblem {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return new ApiProblem({ kind: kindOfStatus(status), status, code: `http_${status}` });
  const { code, message, issues, ...details } = parsed.data.error;
  return new ApiProblem({
    kind: kindOfStatus(status),
    status,
    code,
    serverMessage: typeof message === 'string' ? splitBilingual(message) : message,
    issues: (issues ?? []).map((issue) => ({
      path: typeof issue.path === 'string' ? issue.path : formatPath(issue.path),
      message: issue.message,
    })),
    details,
  });
}

/** `'未找到该资源 / Not found'` → both halves; a single-language string serves both. */
function splitBilingual(message: string): Text {
  const [zh, en] = message.split(' / ');
  return en === undefined || zh === undefined ? { zh: message, en: message } : { zh, en };
}

function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text === '' ? part : `${text}.${part}`),
    '',
  );
}

export interface ProblemWords {
  readonly title: string;
  /** What to do about it. */
  readonly action: string;
  /** The server's own sentence, when it adds something. */
  readonly detail: string | undefined;
  readonly issues: readonly string[];
}

const wordsOf: Readonly<Record<ProblemKind, readonly [MessageKey, MessageKey]>> = {
  unauthorized: ['problem.unauthorized.title', 'problem.unauthorized.action'],
  forbidden: ['problem.forbidden.title', 'problem.forbidden.action'],
  notFound: ['problem.notFound.title', 'problem.notFound.action'],
  conflict: ['problem.conflict.title', 'problem.conflict.action'],
  validation: ['problem.validation.title', 'problem.validation.action'],
  tooLarge: ['problem.tooLarge.title', 'problem.tooLarge.action'],
  server: ['problem.server.title', 'problem.server.action'],
  network: ['problem.network.title', 'problem.network.action'],
  unexpected: ['problem.unexpected.title', 'problem.unexpected.action'],
  other: ['problem.other.title', 'problem.other.action'],
};

/** The problem in words, with what to do; server internals (5xx messages) are never shown. */
export function describeProblem(problem: ApiProblem, locale: Locale): ProblemWords {
  const [titleKey, actionKey] = wordsOf[problem.kind];
  const showServerText = problem.kind !== 'server' && problem.serverMessage !== undefined;
  return {
    title: translate(locale, titleKey, { status: problem.status }),
    action: translate(locale, actionKey),
    detail:
      showServerText && problem.serverMessage !== undefined ? pick(problem.serverMessage, locale) : undefined,
    issues: problem.issues.map((issue) =>
      issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`,
    ),
  };
}

/** Any thrown value as an ApiProblem (network failures and bugs included), for one way of showing errors. */
export function asProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof TypeError) return new ApiProblem({ kind: 'network', status: 0, code: 'network' });
  return new ApiProblem({ kind: 'unexpected', status: 0, code: 'unexpected' });
}
