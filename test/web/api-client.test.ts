import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

// A real HTTP server answering the way the backend does, and the console's client talking to it.
const seen: { authorization: string | undefined; ifMatch: string | undefined; body: unknown }[] = [];
const app = new Hono();
app.get('/api/ok', (c) => {
  seen.push({ authorization: c.req.header('authorization'), ifMatch: undefined, body: null });
  c.header('ETag', '"4"');
  return c.json({ id: 'a', revision: 4 });
});
app.put('/api/save', async (c) => {
  seen.push({
    authorization: c.req.header('authorization'),
    ifMatch: c.req.header('if-match'),
    body: await c.req.json(),
  });
  return c.json(
    {
      error: {
        code: 'stale_revision',
        message: { zh: '草稿已被他人修改', en: 'The draft changed' },
        currentRevision: 5,
      },
    },
    412,
  );
});
app.get('/api/unauthorized', (c) =>
  c.json({ error: { code: 'unauthorized', message: { zh: '令牌无效', en: 'Bad token' } } }, 401),
);
app.get('/api/wrong-shape', (c) => c.json({ id: 7 }));
app.get('/api/crash', (c) => c.text('<html>Bad gateway</html>', 502));

class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  get length(): number {
    return this.#items.size;
  }
  clear(): void {
    this.#items.clear();
  }
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, value);
  }
}

let server: ReturnType<typeof serve>;
let client: typeof import('../../web/src/shared/api/api-client.ts');
let session: typeof import('../../web/src/shared/auth/session.ts');

beforeAll(async () => {
  vi.stubGlobal('sessionStorage', new MemoryStorage());
  server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  vi.stubEnv('VITE_API_BASE', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  client = await import('../../web/src/shared/api/api-client.ts');
  session = await import('../../web/src/shared/auth/session.ts');
});
afterAll(() => {
  server?.close();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

const user = { id: 'demo-admin', name: '示范省管理员', tenant: 'T#demo', role: 'province_admin' } as const;

describe('apiFetch', () => {
  it('sends the signed-in person’s token and returns the parsed body with its ETag', async () => {
    session.startSession('header.payload.signature', user);
    const answer = await client.apiFetch('/api/ok', {
      schema: z.object({ id: z.string(), revision: z.number() }),
    });
    expect(answer).toEqual({ data: { id: 'a', revision: 4 }, status: 200, etag: '"4"' });
    expect(seen.at(-1)?.authorization).toBe('Bearer header.payload.signature');
  });

  it('turns a 412 into a conflict problem carrying the current revision, after sending If-Match and the body', async () => {
    const failure = await client
      .apiFetch('/api/save', {
        method: 'PUT',
        body: { source: 'x' },
        headers: { 'if-match': '"3"' },
        schema: z.unknown(),
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({
      kind: 'conflict',
      status: 412,
      code: 'stale_revision',
      details: { currentRevision: 5 },
    });
    expect(seen.at(-1)).toMatchObject({ ifMatch: '"3"', body: { source: 'x' } });
  });

  it('treats an answer of the wrong shape as unexpected instead of passing it on', async () => {
    await expect(
      client.apiFetch('/api/wrong-shape', { schema: z.object({ id: z.string() }) }),
    ).rejects.toMatchObject({
      kind: 'unexpected',
      code: 'unexpected_shape',
    });
  });

  it('turns a non-JSON server error into a server problem', async () => {
    await expect(client.apiFetch('/api/crash', { schema: z.unknown() })).rejects.toMatchObject({
      kind: 'server',
      status: 502,
    });
  });

  it('ends the session on a 401, saying it expired, unless asked not to', async () => {
    session.startSession('header.payload.signature', user);
    await expect(
      client.apiFetch('/api/unauthorized', { schema: z.unknown(), endSessionOn401: false }),
    ).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(session.readSession()).not.toBeNull();
    await expect(client.apiFetch('/api/unauthorized', { schema: z.unknown() })).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    expect(session.readSession()).toBeNull();
    expect(session.sessionEndedBecauseExpired()).toBe(true);
  });

  it('reports an unreachable service as a network problem', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('fetch failed')));
    try {
      await expect(client.apiFetch('/api/ok', { schema: z.unknown() })).rejects.toMatchObject({
        kind: 'network',
      });
    } finally {
      vi.unstubAllGlobals();
      vi.stubGlobal('sessionStorage', new MemoryStorage());
    }
  });
});
