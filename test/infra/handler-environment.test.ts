import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { handlerEntries } from '../../infra/lib/app-stack.ts';
import { propertiesOf, resourcesOf, synthApp } from './synth.ts';

const run = promisify(execFile);

/** What CloudFormation would put in place of each intrinsic, with plausible values. */
function resolve(value: unknown): string {
  if (typeof value === 'string') {
    // A Secrets Manager dynamic reference becomes the generated secret (48 characters, no punctuation).
    return value.includes('{{resolve:secretsmanager:') ? 'x'.repeat(48) : value;
  }
  const intrinsic = value as Record<string, unknown>;
  if ('Fn::Join' in intrinsic) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return resolve(parts.map(resolve).join(separator));
  }
  if ('Fn::GetAtt' in intrinsic) {
    const [, attribute] = intrinsic['Fn::GetAtt'] as [string, string];
    const attributes: Record<string, string> = {
      ProviderURL: 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123',
      Arn: 'arn:aws:iam::123456789012:role/kaoping-tenant-access',
    };
    const resolved = attributes[attribute];
    if (resolved === undefined) throw new Error(`no stand-in for GetAtt ${attribute}`);
    return resolved;
  }
  if ('Ref' in intrinsic) return `ref-${String(intrinsic.Ref)}`;
  if ('Fn::ImportValue' in intrinsic) return 'kaoping-table';
  throw new Error(`no stand-in for ${JSON.stringify(value)}`);
}

// Every handler module present in the tree, with the logical-id prefix of the function that runs it.
const handlers = [
  { name: 'API', entry: handlerEntries.api, functionId: 'ApiFunction' },
  { name: 'scoring worker', entry: handlerEntries.scoringWorker, functionId: 'ScoringWorkerFunction' },
].filter((handler) => existsSync(handler.entry));

describe('the environment the stack gives each function', () => {
  const { template } = synthApp({ scoringWorker: handlers.length > 1 });

  it.each(handlers)('is one the $name handler accepts at cold start', async ({ entry, functionId }) => {
    const fn = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).find(([id]) =>
      id.startsWith(functionId),
    )?.[1];
    const variables = (propertiesOf(fn, functionId).Environment as { Variables: Record<string, unknown> })
      .Variables;
    const env = Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, resolve(value)]));

    // A fresh Node process imports the real handler module, as the Lambda runtime does; its module scope
    // parses the environment and builds the clients, and throws if anything is missing or malformed.
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(`./${entry}`)}); console.log(typeof m.handler);`,
      ],
      {
        env: {
          PATH: process.env.PATH ?? '',
          ...env,
          AWS_REGION: 'eu-west-1', // set by Lambda itself, never by the stack
          AWS_EC2_METADATA_DISABLED: 'true',
        },
        timeout: 30_000,
      },
    );

    expect(Object.keys(env)).toEqual(expect.arrayContaining(['TABLE_NAME', 'TENANT_ROLE_ARN']));
    expect(stdout.trim()).toBe('function');
  });
});
