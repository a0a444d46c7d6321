/** Text shown to people: Chinese first, English available. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * The one family of errors a request can end in. The API's error mapper turns each into
 * `{ error: { code, message: { zh, en }, ...details } }` with its status; anything else becomes a bare 500.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly text: Bilingual;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(status: number, code: string, text: Bilingual, details: Record<string, unknown> = {}) {
    super(text.en);
    this.status = status;
    this.code = code;
    this.text = text;
    this.details = details;
  }
}

export class ValidationError extends AppError {
  override readonly name = 'ValidationError';
  constructor(
    issues: readonly FieldIssue[],
    text: Bilingual = { zh: '请求内容无效', en: 'Invalid request' },
  ) {
    super(400, 'validation', text, { issues });
  }
}

export class BadRequestError extends AppError {
  override readonly name = 'BadRequestError';
  constructor(code: string, text: Bilingual, details: Record<string, unknown> = {}) {
    super(400, code, text, details);
  }
}

export class UnauthorizedError extends AppError {
  override readonly name = 'UnauthorizedError';
  constructor(text: Bilingual = { zh: '未登录或令牌无效', en: 'Missing or invalid token' }) {
    super(401, 'unauthorized', text);
  }
}

export class ForbiddenError extends AppError {
  override readonly name = 'ForbiddenError';
  constructor(text: Bilingual = { zh: '无权执行此操作', en: 'This action is not allowed for your role' }) {
    super(403, 'forbidden', text);
  }
}

export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  constructor(what: Bilingual = { zh: '资源', en: 'Resource' }) {
    super(404, 'not_found', { zh: `未找到${what.zh}`, en: `${what.en} not found` });
  }
}

export class ConflictError extends AppError {
  override readonly name = 'ConflictError';
  constructor(code: string, text: Bilingual, details: Record<string, unknown> = {}) {
    super(409, code, text, details);
  }
}

export class PreconditionFailedError extends AppError {
  override readonly name = 'PreconditionFailedError';
  constructor(currentRevision: number) {
    super(
      412,
      'stale_revision',
      {
        zh: `草稿已被他人修改，当前版本为 ${currentRevision}，请刷新后重试`,
        en: `The draft changed meanwhile; its current revision is ${currentRevision}`,
      },
      { currentRevision },
    );
  }
}

export class PreconditionRequiredError extends AppError {
  override readonly name = 'PreconditionRequiredError';
  constructor() {
    super(428, 'if_match_required', {
      zh: '修改草稿需要 If-Match 请求头（草稿的 ETag）',
      en: 'Changing a draft needs an If-Match header with its ETag',
    });
  }
}

export class PayloadTooLargeError extends AppError {
  override readonly name = 'PayloadTooLargeError';
  constructor(limitBytes: number, what: Bilingual = { zh: '请求体', en: 'Request body' }) {
    super(
      413,
      'too_large',
      { zh: `${what.zh}超过 ${limitBytes} 字节上限`, en: `${what.en} exceeds the ${limitBytes}-byte limit` },
      { limitBytes },
    );
  }
}

export class UnprocessableError extends AppError {
  override readonly name = 'UnprocessableError';
  constructor(code: string, text: Bilingual, details: Record<string, unknown> = {}) {
    super(422, code, text, details);
  }
}
