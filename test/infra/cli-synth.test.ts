import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const outdir = mkdtempSync(join(tmpdir(), 'kaoping-cli-synth-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

// Only what the CLI needs: Node 22 first on PATH, and no credentials or profile to fall back on.
const env = {
  PATH: [dirname(process.execPath), join(process.cwd(), 'node_modules', '.bin'), process.env.PATH].join(
    delimiter,
  ),
  HOME: outdir,
  AWS_EC2_METADATA_DISABLED: 'true',
  CDK_DISABLE_VERSION_CHECK: '1',
};

describe('the pinned CDK CLI', () => {
  it('has telemetry switched off by cdk.json', async () => {
    const { stdout, stderr } = await run(join('node_modules', '.bin', 'cdk'), ['cli-telemetry', '--status'], {
      env,
      timeout: 50_000,
    });

    expect(`${stdout}${stderr}`).toMatch(/CLI Telemetry is disabled/);
  });

  it('synthesizes both stacks from cdk.json with no AWS credentials', async () => {
    const { stderr } = await run(
      join('node_modules', '.bin', 'cdk'),
      ['synth', '--quiet', '--no-notices', '-c', 'kaoping:skipBundling=true', '--output', outdir],
      { env, timeout: 50_000 },
    );

    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
      artifacts: Record<string, { type: string }>;
    };
    const stacks = Object.entries(manifest.artifacts)
      .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
      .map(([name]) => name)
      .sort();
    expect(stacks).toEqual(['KaopingApp', 'KaopingData']);
    expect(stderr).not.toMatch(/not compatible with the CDK library/);
    expect(stderr).not.toMatch(/AwsSolutions-/);
  });
});
