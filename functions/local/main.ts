import { dirname, join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { AppDeps } from '../api/app-deps.ts';
import { devAudience, devIssuer } from '../api/auth/dev-tokens.ts';
import { createTokenVerifier } from '../api/auth/token-verifier.ts';
import { createServices } from '../api/services.ts';
import { createDocumentClient, createDynamoClient } from '../store/dynamo-client.ts';
import { sharedTenantTables } from '../store/tenant-tables.ts';
import { productVersion } from '../version.ts';
import { ensureTable } from './bootstrap-table.ts';
import { loadDemoAssessmentsInBackground } from './demo-data/demo-assessments.ts';
import { demoUsers } from './demo-data/demo-users.ts';
import { loadDemoData } from './demo-data/load-demo.ts';
import { loadOrCreateDevSecrets } from './dev-key.ts';
import { type DynamoLocal, startDynamoLocal } from './dynamo-local.ts';
import { createLocalApp } from './local-app.ts';
import { readLocalConfig } from './local-config.ts';

// `npm start`: DynamoDB Local on disk, the table, the API and the console on localhost.
const config = readLocalConfig(process.env);
let dynamo: DynamoLocal | undefined;

async function main(): Promise<void> {
  let endpoint = config.DYNAMO_ENDPOINT;
  if (endpoint === undefined) {
    dynamo = await startDynamoLocal({ dataDir: config.DATA_DIR });
    endpoint = dynamo.endpoint;
    console.log(`DynamoDB Local: ${endpoint} (data in ${config.DATA_DIR})`);
  }
  const rawClient = createDynamoClient({ endpoint, region: 'local' });
  const outcome = await ensureTable(rawClient, config.TABLE_NAME);
  console.log(`Table ${config.TABLE_NAME}: ${outcome}`);

  const table = { client: createDocumentClient(rawClient), tableName: config.TABLE_NAME };
  const keyFile = config.DEV_KEY_FILE ?? join(dirname(resolve(config.DATA_DIR)), 'dev-secrets.json');
  const secrets = await loadOrCreateDevSecrets(keyFile);
  const deps: AppDeps = {
    table,
    tables: sharedTenantTables(table),
    verifier: createTokenVerifier({
      key: secrets.key.publicKey,
      issuer: devIssuer,
      audience: devAudience,
      algorithms: ['ES256'],
    }),
    cursorSecret: secrets.cursorSecret,
    version: productVersion,
    mode: 'local',
    dev: { signingKey: secrets.key.privateKey, users: demoUsers },
  };
  const services = createServices(deps);
  if (config.DEMO_DATA === '1') {
    const started = Date.now();
    const demo = await loadDemoData(services, config.EXAMPLES_DIR);
    if (demo.loaded) {
      console.log(
        `Demo data: 示范省, ${demo.units} units, ${demo.cadres} cadres, rule sets ${demo.ruleSets.published.join(', ') || 'none'} (${Date.now() - started} ms)`,
      );
      for (const skipped of demo.ruleSets.skipped) console.log(`  skipped ${skipped}`);
    } else {
      console.log('Demo data: present');
    }
  }
  const app = createLocalApp(deps, config.WEB_ROOT);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    console.log(`kaoping ${productVersion} 已启动: http://localhost:${info.port}`);
  });
  if (config.DEMO_DATA === '1') void loadDemoAssessmentsInBackground(services, (line) => console.log(line));

  const shutdown = (signal: string): void => {
    console.log(`\n${signal}: stopping…`);
    server.close();
    void (dynamo?.stop() ?? Promise.resolve()).then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGHUP', () => shutdown('SIGHUP'));
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await dynamo?.stop();
  process.exit(1);
});
