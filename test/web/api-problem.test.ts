import { describe, expect, it } from 'vitest';
import {
  ApiProblem,
  asProblem,
  describeProblem,
  kindOfStatus,
  problemFromResponse,
} from '../../web/src/shared/api/api-problem.ts';

describe('problemFromResponse', () => {
  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'notFound'],
    [409, 'conflict'],
    [412, 'conflict'],
    [400, 'validation'],
    [413, 'tooLarge'],
    [500, 'server'],
    [503, 'server'],
    [429, 'other'],
  ] as const)('sorts status %i as %s', (status, kind) => {
    expect(kindOfStatus(status)).toBe(kind);
    expect(problemFromResponse(status, 'not json').kind).toBe(kind);
  });

  it('reads a bilingual message, field issues and the extra fields of the error body', () => {
    const body = JSON.stringify({
      error: {
        code: 'validation',
        message: { zh: '请求内容无效', en: 'Invalid request' },
        issues: [
          { path: 'source', message: 'Required' },
          { path: ['items', 0, 'name'], message: 'Too long' },
        ],
        currentRevision: 7,
      },
    });
    const problem = problemFromResponse(400, body);
    expect(problem.code).toBe('validation');
    expect(problem.serverMessage).toEqual({ zh: '请求内容无效', en: 'Invalid request' });
    expect(problem.issues).toEqual([
      { path: 'source', message: 'Required' },
      { path: 'items[0].name', message: 'Too long' },
    ]);
    expect(problem.details).toEqual({ currentRevision: 7 });
  });

  it('splits a "中文 / English" string message into both languages', () => {
    const problem = problemFromResponse(
      404,
      JSON.stringify({ error: { code: 'not_found', message: '未找到该资源 / Not found' } }),
    );
    expect(problem.serverMessage).toEqual({ zh: '未找到该资源', en: 'Not found' });
  });
});

describe('describeProblem', () => {
  it('says what to do in the chosen language and never echoes the raw body', () => {
    const raw =
      '{"error":{"code":"stale_revision","message":{"zh":"草稿已被他人修改","en":"The draft changed"}}}';
    const zh = describeProblem(problemFromResponse(412, raw), 'zh');
    expect(zh.title).toBe('他人已修改此内容');
    expect(zh.action).toContain('重新加载');
    expect(zh.detail).toBe('草稿已被他人修改');
    const en = describeProblem(problemFromResponse(412, raw), 'en');
    expect(en.title).toBe('Someone else changed this');
    for (const words of [zh, en]) expect(JSON.stringify(words)).not.toContain('{"error"');
  });

  it('hides a server error’s own message and asks to try later', () => {
    const problem = problemFromResponse(
      500,
      JSON.stringify({ error: { code: 'internal', message: 'TypeError at line 3' } }),
    );
    const words = describeProblem(problem, 'en');
    expect(words.detail).toBeUndefined();
    expect(words.action).toMatch(/try again later/i);
  });

  it('tells a 401 to sign in again and a 403 that the role may not', () => {
    expect(describeProblem(problemFromResponse(401, ''), 'zh').title).toBe('需要重新登录');
    expect(describeProblem(problemFromResponse(403, ''), 'en').title).toBe('Your role may not do this');
  });

  it('lists field issues with their paths', () => {
    const body = JSON.stringify({
      error: { code: 'validation', message: 'bad', issues: [{ path: 'user', message: 'Required' }] },
    });
    expect(describeProblem(problemFromResponse(400, body), 'en').issues).toEqual(['user: Required']);
  });
});

describe('asProblem', () => {
  it('turns a network failure into a "cannot reach the service" problem and anything else into "unexpected"', () => {
    expect(asProblem(new TypeError('fetch failed')).kind).toBe('network');
    expect(asProblem(new Error('boom')).kind).toBe('unexpected');
    const original = new ApiProblem({ kind: 'forbidden', status: 403, code: 'forbidden' });
    expect(asProblem(original)).toBe(original);
  });
});
