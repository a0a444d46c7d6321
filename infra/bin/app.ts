import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AppStack } from '../lib/app-stack.ts';
import { DataStack } from '../lib/data-stack.ts';

// Environment-agnostic: no account or region lookups, so `cdk synth` needs no credentials and no network.
const app = new App();

// `-c kaoping:allowedOrigins=https://kaoping.example.gov.cn,…`: browser origins (a custom console domain)
// that may call the API's own endpoint cross-origin. The console on CloudFront needs none.
const origins: unknown = app.node.tryGetContext('kaoping:allowedOrigins');
const allowedOrigins =
  typeof origins === 'string'
    ? origins
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== '')
    : [];

// `-c kaoping:alarmEmail=ops@example.gov.cn`: who is told when an alarm fires.
const alarmEmail: unknown = app.node.tryGetContext('kaoping:alarmEmail');

const data = new DataStack(app, 'KaopingData', { description: 'kaoping - DynamoDB table (stateful)' });
new AppStack(app, 'KaopingApp', {
  description: 'kaoping - API, users, tenant access, console',
  table: data.table,
  allowedOrigins,
  ...(typeof alarmEmail === 'string' && alarmEmail !== '' ? { alarmEmail } : {}),
});
// cdk-nag runs on every synth: an unacknowledged AwsSolutions finding fails it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
