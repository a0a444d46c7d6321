import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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

/**
 * Packages left out of a handler's bundle and shipped beside it in node_modules: loaded with `import()` only
 * by the requests that need them (XLSX upload and export), so every other cold start skips parsing them.
 */
export const lambdaLazyModules: Readonly<Record<LambdaHandlerName, readonly string[]>> = {
  api: ['exceljs'],
  'scoring-worker': [],
};

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

/**
 * Bundles each lazily loaded package into `<outdir>/node_modules/<name>/index.mjs`, where Node resolves the
 * bundle's `import('<name>')`: the package ships inside the function's own asset, built offline from the
 * installed node_modules, and is parsed only by the requests that load it.
 */
export async function bundleLazyModules(outdir: string, names: readonly string[]): Promise<number> {
  let bytes = 0;
  for (const name of names) {
    const folder = join(outdir, 'node_modules', name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'package.json'),
      `${JSON.stringify({ name, type: 'module', main: 'index.mjs' })}\n`,
    );
    const outfile = join(folder, 'index.mjs');
    await build({
      stdin: {
        contents: `export { default } from '${name}'; export * from '${name}';`,
        resolveDir: process.cwd(),
      },
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: lambdaBundleOptions.target,
      minify: lambdaBundleOptions.minify,
      charset: lambdaBundleOptions.charset,
      mainFields: [...lambdaBundleOptions.mainFields],
      legalComments: 'none',
      logLevel: 'warning',
      banner: { js: esmRequireBanner },
    });
    bytes += statSync(outfile).size;
  }
  return bytes;
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
    external: [...lambdaLazyModules[name]],
  });
  await bundleLazyModules(dirname(outfile), lambdaLazyModules[name]);
  return { outfile, bytes: statSync(outfile).size };
}

async function main(): Promise<void> {
  // `build.ts --lazy-modules <outdir> <name>…`: what the CDK function construct runs after esbuild.
  if (process.argv[2] === '--lazy-modules') {
    const [outdir, ...names] = process.argv.slice(3);
    if (outdir === undefined) throw new Error('usage: build.ts --lazy-modules <outdir> <package>…');
    await bundleLazyModules(outdir, names);
    return;
  }
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
