import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadRequestError } from '../domain/errors.ts';
import type { TenantKey } from '../domain/tenant-key.ts';

/**
 * Opaque pagination cursors: base64url(JSON { t: tenant, p: query partition, k: LastEvaluatedKey })
 * followed by `.` and an HMAC-SHA256 over that text. A cursor is accepted only when its signature holds,
 * it names the partition this very query reads, and its key's `PK` is the caller's tenant key.
 */
export interface CursorCodec {
  encode(tenant: TenantKey, partition: string, lastKey: Record<string, unknown>): string;
  decode(cursor: string, tenant: TenantKey, partition: string): Record<string, unknown>;
}

const badCursor = (): BadRequestError =>
  new BadRequestError('bad_cursor', {
    zh: '分页游标无效或不属于当前租户',
    en: 'The pagination cursor is invalid or belongs to another tenant',
  });

export function createCursorCodec(secret: string): CursorCodec {
  const sign = (text: string): Buffer => createHmac('sha256', secret).update(text).digest();
  return {
    encode(tenant, partition, lastKey) {
      const text = Buffer.from(JSON.stringify({ t: tenant, p: partition, k: lastKey })).toString('base64url');
      return `${text}.${sign(text).toString('base64url')}`;
    },
    decode(cursor, tenant, partition) {
      const [text, signature, ...rest] = cursor.split('.');
      if (text === undefined || signature === undefined || rest.length > 0 || cursor.length > 4096)
        throw badCursor();
      const expected = sign(text);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw badCursor();
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
      } catch {
        throw badCursor();
      }
      if (typeof parsed !== 'object' || parsed === null) throw badCursor();
      const { t, p, k } = parsed as { t?: unknown; p?: unknown; k?: unknown };
      if (t !== tenant || p !== partition || typeof k !== 'object' || k === null) throw badCursor();
      const key = k as Record<string, unknown>;
      if (key.PK !== tenant) throw badCursor();
      return key;
    },
  };
}
