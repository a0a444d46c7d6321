import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AppStack } from '../lib/app-stack.ts';
import { DataStack } from '../lib/data-stack.ts';

// Environment-agnostic: no account or region lookups, so `cdk synth` needs no credentials and no network.
const app = new App();
const data = new DataStack(app, 'KaopingData', { description: 'kaoping — DynamoDB table (stateful)' });
new AppStack(app, 'KaopingApp', {
  description: 'kaoping — API, users, tenant access, console',
  table: data.table,
});
// cdk-nag runs on every synth: an unacknowledged AwsSolutions finding fails it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
