import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../../functions/local/free-port.ts';

// What `npm start` runs after building the console: the real entry point, in its own process.
const entryPoint = 'functions/local/main.ts';

interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
}

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [entryPoint], { env: { ...process.env, ...env }, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  return { child, output: () => output };
}

async function waitForHealth(url: string, started: Started, timeoutMs = 60_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`server exited early:\n${started.output()}`);
    try {
      return await fetch(url);
    } catch {
      await new Promise((wake) => setTimeout(wake, 200));
    }
  }
  throw new Error(`no answer from ${url}:\n${started.output()}`);
}

function interruptAndWait(started: Started): Promise<number | null> {
  return new Promise((done) => {
    started.child.once('exit', (code) => done(code));
    started.child.kill('SIGINT');
  });
}

function javaProcessesUsing(dataDir: string): string[] {
  const listing = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return listing.split('\n').filter((line) => line.includes('DynamoDBLocal') && line.includes(dataDir));
}

describe('npm start (functions/local/main.ts)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaoping-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves a healthy API, stops on Ctrl-C without leaving Java behind, and finds its data again', async () => {
    const port = await findFreePort();
    const env = {
      PORT: String(port),
      DATA_DIR: join(dataDir, 'db'),
      WEB_ROOT: join(dataDir, 'no-web'),
      DEV_KEY_FILE: join(dataDir, 'dev-secrets.json'),
    };
    const base = `http://127.0.0.1:${port}`;

    const first = start(env);
    const health = await waitForHealth(`http://127.0.0.1:${port}/api/health`, first);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', table: { reachable: true } });
    expect(first.output()).toContain('Table kaoping: created');
    expect(first.output()).toContain('Demo data: 示范省');
    const users = (await (await fetch(`${base}/api/dev/users`)).json()) as { items: { userId: string }[] };
    expect(users.items.map((user) => user.userId)).toContain('demo-admin');
    const login = await fetch(`${base}/api/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'dongzhou-admin' }),
    });
    const { token } = (await login.json()) as { token: string };
    const units = await fetch(`${base}/api/units?limit=5`, { headers: { authorization: `Bearer ${token}` } });
    expect(units.status).toBe(200);
    expect(((await units.json()) as { items: { name: string }[] }).items[0]?.name).toMatch(/^东州市/);
    expect(await interruptAndWait(first)).toBe(0);
    expect(javaProcessesUsing(dataDir)).toEqual([]);

    const second = start(env);
    const again = await waitForHealth(`http://127.0.0.1:${port}/api/health`, second);
    expect(again.status).toBe(200);
    expect(second.output()).toContain('Table kaoping: existed');
    expect(second.output()).toContain('Demo data: present');
    // The dev key survived the restart: the token issued before still works.
    const me = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({
      userId: 'dongzhou-admin',
      role: 'city_admin',
      tenant: 'T#demo#dongzhou',
    });
    expect(await interruptAndWait(second)).toBe(0);
    expect(javaProcessesUsing(dataDir)).toEqual([]);
  }, 150_000);
});
