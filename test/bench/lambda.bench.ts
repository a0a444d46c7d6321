import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ensureTable } from '../../functions/local/bootstrap-table.ts';
import { bundleHandler } from '../../functions/local/build.ts';
import { startDynamoLocal } from '../../functions/local/dynamo-local.ts';
import { createDynamoClient } from '../../functions/store/dynamo-client.ts';
import { type Figure, median } from './figure.ts';

const run = promisify(execFile);
const rounds = 7;

// Runs in a fresh Node process: the clock starts before the bundle is imported (the module-scope work a
// Lambda cold start pays) and stops when the handler has answered one health request.
const coldStartScript = (bundleUrl: string): string => `
const cpuAtStart = process.cpuUsage();
const started = performance.now();
const { handler } = await import(${JSON.stringify(bundleUrl)});
const now = Date.now();
const result = await handler({
  version: '2.0', routeKey: '$default', rawPath: '/api/health', rawQueryString: '',
  headers: { host: 'bench.local' },
  requestContext: { accountId: '0', apiId: 'bench', domainName: 'bench.local', domainPrefix: 'bench',
    http: { method: 'GET', path: '/api/health', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    requestId: 'bench', routeKey: '$default', stage: '$default', time: new Date(now).toUTCString(), timeEpoch: now },
  isBase64Encoded: false,
});
const elapsed = performance.now() - started;
const cpu = process.cpuUsage(cpuAtStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(JSON.stringify({ elapsed, cpuMs, statusCode: result.statusCode, body: result.body }));
`;

/** Size of the bundled API handler and the time a fresh process needs to import it and answer once. */
export async function bench(): Promise<readonly Figure[]> {
  // Always rebuilt, so a stale dist/ from an older checkout is never what gets measured.
  const { outfile, bytes } = await bundleHandler('api');
  const bundleKb = Math.round(bytes / 1024);

  // A real DynamoDB Local, so the health request does the same DescribeTable round trip as in AWS.
  const dynamo = await startDynamoLocal();
  try {
    await ensureTable(createDynamoClient({ endpoint: dynamo.endpoint, region: 'local' }), 'bench');
    const env = {
      PATH: process.env.PATH ?? '',
      TABLE_NAME: 'bench',
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      // What the stack sets; the verifier fetches the JWKS lazily, so health never needs it.
      JWT_ISSUER: 'https://cognito-idp.local.amazonaws.com/local_bench',
      JWT_AUDIENCE: 'bench',
      CURSOR_SECRET: 'bench-cursor-secret-of-at-least-32-characters',
    };
    const coldStart = async (nodeOptions: string): Promise<{ elapsed: number; cpuMs: number }> => {
      const { stdout } = await run(
        process.execPath,
        ['--input-type=module', '-e', coldStartScript(pathToFileURL(resolve(outfile)).href)],
        { env: { ...env, NODE_OPTIONS: nodeOptions } },
      );
      const answer = JSON.parse(stdout) as {
        elapsed: number;
        cpuMs: number;
        statusCode: number;
        body: string;
      };
      if (answer.statusCode !== 200) {
        throw new Error(`bundled handler answered ${answer.statusCode}: ${answer.body.slice(0, 200)}`);
      }
      return answer;
    };
    // As deployed (KaopingFunction's default), and with readableStackTraces, whose cost this shows.
    // Interleaved, so load from other processes on the machine falls on both alike.
    const deployedSamples: number[] = [];
    const deployedCpu: number[] = [];
    const sourceMapSamples: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const deployedRound = await coldStart('');
      deployedSamples.push(deployedRound.elapsed);
      deployedCpu.push(deployedRound.cpuMs);
      sourceMapSamples.push((await coldStart('--enable-source-maps')).elapsed);
    }
    const deployed = Math.round(median(deployedSamples));
    const withSourceMaps = Math.round(median(sourceMapSamples));
    return [
      { name: 'lambda_api_bundle_kb', value: bundleKb, unit: 'KB', target: '<= 1500' },
      { name: 'lambda_api_cold_init_ms', value: deployed, unit: 'ms', target: '<= 400' },
      // CPU time spent in the same span (all threads): far less sensitive to other load on the machine.
      { name: 'lambda_api_cold_init_cpu_ms', value: Math.round(median(deployedCpu)), unit: 'ms' },
      { name: 'lambda_api_cold_init_with_source_maps_ms', value: withSourceMaps, unit: 'ms' },
    ];
  } finally {
    await dynamo.stop();
  }
}
