import { spawnSync } from 'node:child_process';

export type JavaCheck =
  | { readonly ok: true; readonly majorVersion: number }
  | { readonly ok: false; readonly message: string };

const installHint =
  'DynamoDB Local needs Java 17 or newer. Install it, for example: ' +
  '`sudo apt-get install openjdk-17-jre-headless` (Debian/Ubuntu), `brew install openjdk@17` (macOS), ' +
  'or a JDK from https://adoptium.net, and make sure `java` is on PATH.';

/** Checks that a Java runtime of version 17+ can be started, with a message that says how to fix it. */
export function checkJava(javaCommand = 'java'): JavaCheck {
  const probe = spawnSync(javaCommand, ['-version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    return { ok: false, message: `Java was not found (\`${javaCommand} -version\` failed). ${installHint}` };
  }
  // `java -version` prints to stderr, e.g. `openjdk version "17.0.15"` or `java version "1.8.0_392"`.
  const match = /version "(\d+)(?:\.(\d+))?/.exec(probe.stderr);
  const first = Number(match?.[1] ?? 0);
  const majorVersion = first === 1 ? Number(match?.[2] ?? 0) : first;
  if (majorVersion < 17) {
    return { ok: false, message: `Java ${majorVersion || 'of unknown version'} was found. ${installHint}` };
  }
  return { ok: true, majorVersion };
}
