#!/usr/bin/env node
// Launcher for the kaoping rules-language CLI. The CLI is TypeScript run by Node 22's type stripping.
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(
    `kaoping 需要 Node 22 或更高版本(当前 ${process.versions.node})。请用 npx kaoping 或 npm 脚本运行(项目自带 node@22)。\n` +
      `kaoping needs Node 22+ (this is ${process.versions.node}). Run it via npx or an npm script, which use the project's node@22.`,
  );
  process.exit(2);
}
const { run } = await import('../dsl/cli.ts');
process.exitCode = run(process.argv.slice(2));
