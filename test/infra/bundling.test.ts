import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CfnElement } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { apiGatewayEvent } from '../support/api-gateway-event.ts';
import { resourcesOf, synthApp } from './synth.ts';

const fixture = 'test/infra/fixtures/hello-handler.ts';
const scratch = mkdtempSync(join(tmpdir(), 'kaoping-cdk-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function builtConsole(): string {
  const dist = join(scratch, 'web-dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><title>考评</title><script src="/assets/app.js"></script>',
  );
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("kaoping");');
  return dist;
}

describe('a synth with bundling, as `cdk synth` runs it', () => {
  const outdir = join(scratch, 'cdk.out');
  const synthesized = synthApp({
    bundle: true,
    outdir,
    webDist: builtConsole(),
    // Small real handlers, so this test does not depend on the state of the application code.
    handlers: { api: fixture, scoringWorker: fixture },
    scoringWorker: true,
  });
  const { app, stack, template } = synthesized;
  const assembly = app.synth();

  it('bundles the handler into one ESM file that answers an API Gateway event', async () => {
    const [api] = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).filter(
      (fn) => fn.Properties?.Runtime === 'nodejs22.x',
    );
    if (api?.Properties === undefined) throw new Error('no Node 22 function in the template');
    const key = (api.Properties.Code as { S3Key: string }).S3Key;
    const hash = key.replace(/\.zip$/, '');
    const bundle = join(assembly.directory, `asset.${hash}`, 'index.mjs');

    expect(api.Properties.Handler).toBe('index.handler');
    const code = readFileSync(bundle, 'utf8');
    expect(code).toMatch(/createRequire/);
    expect(code).toContain('服务正常'); // UTF-8 output, not \uXXXX escapes
    const module = (await import(pathToFileURL(bundle).href)) as {
      handler: (event: unknown) => Promise<{ statusCode: number; body: string }>;
    };
    const answer = await module.handler(apiGatewayEvent('GET', '/api/health'));
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 'ok', message: '服务正常' });
  });

  it('deploys the built console and a config.json naming the user pool, then invalidates them', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      SourceObjectKeys: [Match.anyValue(), Match.anyValue()],
      DistributionPaths: ['/index.html', '/config.json'],
      Prune: false,
    });
    const [deployment] = Object.values(resourcesOf(template, 'Custom::CDKBucketDeployment'));
    const markers = deployment?.Properties?.SourceMarkers as Record<string, unknown>[];
    const poolId = stack.getLogicalId(stack.users.userPool.node.defaultChild as CfnElement);
    const clientId = stack.getLogicalId(stack.users.consoleClient.node.defaultChild as CfnElement);

    expect(Object.values(markers[1] ?? {})).toEqual(
      expect.arrayContaining([{ Ref: 'AWS::Region' }, { Ref: poolId }, { Ref: clientId }]),
    );
  });

  it('passes cdk-nag with the deployment handler included', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);

    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
    expect(stack.console.deployment).toBeDefined();
  });

  it('warns instead of failing when the console has not been built', () => {
    const { stack: unbuilt } = synthApp({
      bundle: true,
      outdir: join(scratch, 'cdk.out.unbuilt'),
      webDist: join(scratch, 'missing'),
      handlers: { api: fixture },
      scoringWorker: false,
    });

    expect(unbuilt.console.deployment).toBeUndefined();
    Annotations.fromStack(unbuilt).hasWarning('/App/Console', Match.stringLikeRegexp('npm run build'));
  });
});
