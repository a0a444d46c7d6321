import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchModule, formatFigure } from './figure.ts';

// `npm run bench [filter]`: runs every test/bench/*.bench.ts in turn (one at a time, so figures
// measured in one module are not disturbed by another) and prints `name: value` lines.
const folder = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(folder)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filter === undefined || file.includes(filter))
  .sort();

if (files.length === 0) console.log('no benchmarks yet');
let failed = false;
for (const file of files) {
  const module = (await import(pathToFileURL(join(folder, file)).href)) as BenchModule;
  try {
    for (const figure of await module.bench()) console.log(formatFigure(figure));
  } catch (error) {
    failed = true;
    console.error(`${file}: failed — ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;
