import { describe, expect, it } from 'vitest';
import { AppError } from '../../../functions/domain/errors.ts';
import { cityKey, provinceKey } from '../../../functions/domain/tenant-key.ts';
import { createCursorCodec } from '../../../functions/store/cursor.ts';

const codec = createCursorCodec('a-secret');
const mine = provinceKey('mine');
const other = provinceKey('other');

function rejects(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('pagination cursor', () => {
  it('round-trips a key for the same tenant and query', () => {
    const cursor = codec.encode(mine, 'base|T#mine|UNIT#', { PK: mine, SK: 'UNIT#u1' });

    expect(codec.decode(cursor, mine, 'base|T#mine|UNIT#')).toEqual({ PK: mine, SK: 'UNIT#u1' });
  });

  it.each([
    [
      'another tenant',
      () =>
        codec.decode(
          codec.encode(other, 'base|T#other|UNIT#', { PK: other, SK: 'UNIT#x' }),
          mine,
          'base|T#other|UNIT#',
        ),
    ],
    [
      'a city of the same province',
      () => codec.decode(codec.encode(cityKey('mine', 'c1'), 'q', { PK: cityKey('mine', 'c1') }), mine, 'q'),
    ],
    [
      'another query',
      () => codec.decode(codec.encode(mine, 'base|T#mine|UNIT#', { PK: mine }), mine, 'base|T#mine|CADRE#'),
    ],
    [
      'a re-signed body naming another partition',
      () => {
        const [, signature] = codec.encode(mine, 'q', { PK: mine }).split('.');
        const forged = Buffer.from(JSON.stringify({ t: mine, p: 'q', k: { PK: other } })).toString(
          'base64url',
        );
        return codec.decode(`${forged}.${signature}`, mine, 'q');
      },
    ],
    [
      'a different secret',
      () => codec.decode(createCursorCodec('other-secret').encode(mine, 'q', { PK: mine }), mine, 'q'),
    ],
    ['garbage', () => codec.decode('not-a-cursor', mine, 'q')],
  ])('rejects a cursor from %s with 400 bad_cursor', (_what, run) => {
    const error = rejects(run);

    expect(error.status).toBe(400);
    expect(error.code).toBe('bad_cursor');
  });
});
