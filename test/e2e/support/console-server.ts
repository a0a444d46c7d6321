import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort } from '../../../functions/local/free-port.ts';

const root = resolve(import.meta.dirname, '../../..');

export interface ConsoleServer {
  readonly url: string;
  readonly workDir: string;
  stop(): Promise<void>;
}

/** Builds the console into a temp folder with Vite, the way `npm start` does. */
export function buildConsole(outDir: string): void {
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const built = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
}

/**
 * The real server (`functions/local/main.ts`) in a child process on a free port, with its own data folder and
 * its own DynamoDB Local; `stop()` ends it and its Java process.
 */
export async function startConsoleServer(): Promise<ConsoleServer> {
  const workDir = mkdtempSync(join(tmpdir(), 'kaoping-e2e-'));
  const webRoot = join(workDir, 'web');
  buildConsole(webRoot);
  const port = await findFreePort();
  const child = spawn(process.execPath, [join(root, 'functions/local/main.ts')], {
    cwd: root,
    detached: true, // its own process group, so stop() reaches DynamoDB Local's Java too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: join(workDir, 'dynamodb'),
      DEV_KEY_FILE: join(workDir, 'dev-secrets.json'),
      WEB_ROOT: webRoot,
      TABLE_NAME: 'kaoping',
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const server: ConsoleServer = { url, workDir, stop: () => stopServer(child, workDir) };
  try {
    await waitForHealth(url, child, () => output);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the server exited (${child.exitCode}) before answering:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`the server did not answer /api/health within 120 s:\n${output()}`);
}

async function stopServer(child: ChildProcess, workDir: string): Promise<void> {
  const pid = child.pid;
  if (pid !== undefined && child.exitCode === null) {
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    signalGroup(pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((done) => {
      timer = setTimeout(() => done(false), 20_000);
    });
    const inTime = await Promise.race([exited.then(() => true), late]);
    clearTimeout(timer); // a pending 20 s timer would keep the test runner from exiting
    if (!inTime) signalGroup(pid, 'SIGKILL');
  }
  // Release our ends of its pipes so nothing keeps the test runner alive.
  child.stdout?.destroy();
  child.stderr?.destroy();
  child.unref();
  // DynamoDB Local is Java; make sure nothing that used our data folder outlives the suite.
  for (const leftover of processesMentioning(workDir)) {
    try {
      process.kill(leftover, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(workDir, { recursive: true, force: true });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/** Process ids whose command line mentions `text` (Linux /proc). */
export function processesMentioning(text: string): number[] {
  const found: number[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) found.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return found;
}
