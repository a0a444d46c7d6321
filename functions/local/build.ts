import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * `npm run build`: the Lambda handlers as single ESM files for Node 22 on arm64. The CDK function construct
 * (infra/constructs/kaoping-function.ts) bundles with these same options, so what the benchmark measures is
 * what gets deployed.
 */
export const lambdaHandlers = {
  api: 'functions/handlers/api.ts',
  'scoring-worker': 'functions/handlers/scoring-worker.ts',
} as const;

export type LambdaHandlerName = keyof typeof lambdaHandlers;

/** Handlers whose domain code is still to come: built (and deployed) once their module exists. */
export const pendingHandlers: readonly LambdaHandlerName[] = ['scoring-worker'];

/** ESM bundles of CommonJS dependencies need `require`; Node's createRequire provides it. */
export const esmRequireBanner =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export const lambdaBundleOptions = {
  target: 'node22',
  minify: true,
  sourcemap: true,
  // Maps name file:line only; shipping every source text would triple the map Node parses at start-up.
  sourcesContent: false,
  // Chinese text stays UTF-8 (3 bytes a character) instead of \uXXXX escapes (6).
  charset: 'utf8',
  // Prefer ES module entry points so esbuild can drop unused code.
  mainFields: ['module', 'main'],
} as const;

/** Where `npm run build` writes a handler's bundle. */
export function bundlePath(name: LambdaHandlerName): string {
  return `dist/lambda/${name}/index.mjs`;
}

/** Bundles one handler; returns the output path and its size in bytes. */
export async function bundleHandler(name: LambdaHandlerName): Promise<{ outfile: string; bytes: number }> {
  const outfile = bundlePath(name);
  await build({
    entryPoints: [lambdaHandlers[name]],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: lambdaBundleOptions.target,
    minify: lambdaBundleOptions.minify,
    sourcemap: lambdaBundleOptions.sourcemap,
    sourcesContent: lambdaBundleOptions.sourcesContent,
    charset: lambdaBundleOptions.charset,
    mainFields: [...lambdaBundleOptions.mainFields],
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: esmRequireBanner },
  });
  return { outfile, bytes: statSync(outfile).size };
}

async function main(): Promise<void> {
  for (const name of Object.keys(lambdaHandlers) as LambdaHandlerName[]) {
    if (pendingHandlers.includes(name) && !existsSync(lambdaHandlers[name])) {
      console.log(`${lambdaHandlers[name]}: not written yet, skipped`);
      continue;
    }
    const { outfile, bytes } = await bundleHandler(name);
    console.log(`${outfile}: ${Math.round(bytes / 1024)} KB`);
  }
}

// Runs only as a script; the CDK app and the benchmark import the options above.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
