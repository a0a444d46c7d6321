import { statSync } from 'node:fs';
import { build } from 'esbuild';

// `npm run build`: the Lambda handlers as single ESM files for Node 22 on arm64, as the CDK app deploys them.
const handlers = { api: 'functions/handlers/api.ts' } as const;

for (const [name, entry] of Object.entries(handlers)) {
  const outfile = `dist/lambda/${name}/index.mjs`;
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    // ESM bundles of CommonJS dependencies need `require`; Lambda's Node provides createRequire.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  console.log(`${outfile}: ${Math.round(statSync(outfile).size / 1024)} KB`);
}
