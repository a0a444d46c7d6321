// hono/aws-lambda is marked for a move to @hono/aws-lambda, which the registry does not serve yet.
import { handle } from 'hono/aws-lambda';
import { createApp } from '../api/app.ts';
import { createTableRef } from '../store/dynamo-client.ts';
import { productVersion } from '../version.ts';
import { readLambdaEnv } from './lambda-env.ts';

// Module scope: one SDK client per container, reused across invocations.
const env = readLambdaEnv(process.env);
const app = createApp({
  table: createTableRef({ region: env.AWS_REGION }, env.TABLE_NAME),
  version: productVersion,
  mode: 'aws',
});

export const handler = handle(app);
