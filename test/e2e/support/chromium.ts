import { existsSync } from 'node:fs';

/** Debian's Chromium (package `chromium`); CHROMIUM_PATH points elsewhere if needed. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Fails with a plain sentence (and the command that fixes it) when the browser is missing. */
export function requireChromium(): string {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `The console's browser tests need Chromium at ${chromiumPath}, and it is not there. ` +
        'Install it with `apt-get install chromium fonts-noto-cjk` (or set CHROMIUM_PATH), then run the tests again.',
    );
  }
  return chromiumPath;
}

/** Flags for a quiet, offline, throw-away browser. */
export const chromiumArgs: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
