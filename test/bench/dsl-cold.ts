// Run in a fresh process by dsl.bench.ts: prints the wall ms from the start of this script to a first
// compile (module loading and parser construction included) and the CPU ms of the whole process so far.
const t0 = performance.now();
const { readFileSync } = await import('node:fs');
const { compile } = await import('../../dsl/index.ts');
const root = new URL('../../', import.meta.url);
const r = compile(readFileSync(new URL('examples/demo-province/units-2025.kp', root), 'utf8'), {
  catalog: readFileSync(new URL('examples/demo-province/catalog.kp', root), 'utf8'),
});
if (!r.ok) process.exit(1);
const cpu = process.cpuUsage();
console.log(`${(performance.now() - t0).toFixed(1)} ${((cpu.user + cpu.system) / 1000).toFixed(1)}`);
