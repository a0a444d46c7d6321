import { serve } from '@hono/node-server';
import { createDocumentClient, createDynamoClient } from '../store/dynamo-client.ts';
import { productVersion } from '../version.ts';
import { ensureTable } from './bootstrap-table.ts';
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
  const app = createLocalApp({ table, version: productVersion, mode: 'local' }, config.WEB_ROOT);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    console.log(`kaoping ${productVersion} 已启动: http://localhost:${info.port}`);
  });

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
