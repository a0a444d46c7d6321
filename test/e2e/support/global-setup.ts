import type { TestProject } from 'vitest/node';
import { requireChromium } from './chromium.ts';
import { startConsoleServer } from './console-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    consoleUrl: string;
  }
}

/**
 * Once for the e2e project: check Chromium, build the console, start the real server; stop it after.
 * E2E_CONSOLE_URL points the suite at a server that is already running instead (for debugging).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  requireChromium();
  const running = process.env.E2E_CONSOLE_URL;
  if (running !== undefined && running !== '') {
    project.provide('consoleUrl', running);
    return async () => {};
  }
  const server = await startConsoleServer();
  project.provide('consoleUrl', server.url);
  return () => server.stop();
}
