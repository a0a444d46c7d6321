import { App } from 'aws-cdk-lib';
import { DataStack } from '../lib/data-stack.ts';

// Environment-agnostic: no account or region lookups, so `cdk synth` needs no credentials.
const app = new App();
new DataStack(app, 'KaopingData', { description: 'kaoping — DynamoDB table' });
app.synth();
