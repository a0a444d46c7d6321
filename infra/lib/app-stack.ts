import { existsSync } from 'node:fs';
import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { lambdaHandlers, lambdaLazyModules } from '../../functions/local/build.ts';
import { ConsoleHosting } from '../constructs/console-hosting.ts';
import { KaopingFunction } from '../constructs/kaoping-function.ts';
import { KaopingHttpApi } from '../constructs/kaoping-http-api.ts';
import { OperationsAlarms } from '../constructs/operations-alarms.ts';
import { ScoringQueue } from '../constructs/scoring-queue.ts';
import { TenantAccessRole } from '../constructs/tenant-access-role.ts';
import { UserDirectory } from '../constructs/user-directory.ts';

/** Handler modules, relative to the repository root (cdk commands run there); `npm run build` bundles the same. */
export const handlerEntries = {
  api: lambdaHandlers.api,
  scoringWorker: lambdaHandlers['scoring-worker'],
} as const;

export interface AppStackProps extends StackProps {
  // The class, not ITableV2: aws-cdk-lib's interface and class disagree under exactOptionalPropertyTypes.
  readonly table: TableV2;
  /** The built console; deployed when present. */
  readonly webDist?: string;
  /** Extra browser origins allowed to call the API directly (a custom console domain); never `*`. */
  readonly allowedOrigins?: readonly string[];
  /** Deploy the scoring worker; by default only when its handler module exists. */
  readonly scoringWorker?: boolean;
  readonly requireMfa?: boolean;
  /** Where alarm notifications go (an e-mail address); without it alarms show in CloudWatch only. */
  readonly alarmEmail?: string;
  /** Other handler modules than the defaults (tests bundle small fixtures). */
  readonly handlers?: { readonly api?: string; readonly scoringWorker?: string };
}

/**
 * Everything stateless around the table: users, the API function and its HTTP API, the tenant-access
 * role the functions go through for every item, the scoring queue, and the console on CloudFront.
 */
export class AppStack extends Stack {
  readonly api: KaopingFunction;
  readonly httpApi: KaopingHttpApi;
  readonly users: UserDirectory;
  readonly tenantAccess: TenantAccessRole;
  readonly scoring: ScoringQueue | undefined;
  readonly console: ConsoleHosting;
  readonly cursorSecret: Secret;
  readonly alarms: OperationsAlarms;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { table } = props;
    const entries = { ...handlerEntries, ...props.handlers };
    this.users = new UserDirectory(this, 'Users', {
      ...(props.requireMfa === undefined ? {} : { requireMfa: props.requireMfa }),
    });
    // The `iss` of Cognito tokens. ProviderURL comes without a scheme (`cognito-idp.<region>.amazonaws.com/<id>`).
    const issuer = `https://${this.users.userPool.userPoolProviderUrl}`;

    // Signs pagination cursors; every API container must share it, so it is generated once per deployment.
    this.cursorSecret = new Secret(this, 'CursorSecret', {
      description: 'kaoping: HMAC key for pagination cursors',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The cursor key only authenticates short-lived pagination cursors; rotating it would merely ' +
        'invalidate cursors in flight, so it is rotated by redeploying (docs/deploy.md), not by a rotation Lambda.',
    });

    this.api = new KaopingFunction(this, 'Api', {
      entry: entries.api,
      description: 'kaoping HTTP API (Hono)',
      lazyModules: lambdaLazyModules.api,
      // One full vCPU (Lambda allots CPU by memory): parsing the bundle at cold start and synchronous
      // dry-runs are CPU-bound. 29 s is just under the HTTP API's own 30 s integration limit.
      memorySize: 1769,
      timeout: Duration.seconds(29),
      environment: {
        TABLE_NAME: table.tableName,
        JWT_ISSUER: issuer,
        JWT_AUDIENCE: this.users.consoleClient.userPoolClientId,
        // A CloudFormation dynamic reference, resolved at deploy time into the (encrypted) environment.
        CURSOR_SECRET: this.cursorSecret.secretValue.unsafeUnwrap(),
      },
    });
    // The health route describes the table; item access goes only through the tenant-access role.
    this.api.role.addToPolicy(
      new PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [table.tableArn] }),
    );

    const wantWorker = props.scoringWorker ?? existsSync(entries.scoringWorker);
    this.scoring = wantWorker
      ? new ScoringQueue(this, 'Scoring', {
          entry: entries.scoringWorker,
          environment: { TABLE_NAME: table.tableName },
        })
      : undefined;

    const tenantCallers = [this.api.role, ...(this.scoring === undefined ? [] : [this.scoring.worker.role])];
    this.tenantAccess = new TenantAccessRole(this, 'TenantAccess', { table, assumedBy: tenantCallers });
    for (const caller of [this.api, ...(this.scoring === undefined ? [] : [this.scoring.worker])]) {
      caller.role.addToPolicy(
        new PolicyStatement({
          actions: ['sts:AssumeRole', 'sts:TagSession'],
          resources: [this.tenantAccess.role.roleArn],
        }),
      );
      caller.function.addEnvironment('TENANT_ROLE_ARN', this.tenantAccess.role.roleArn);
    }
    if (this.scoring !== undefined) {
      this.scoring.grantEnqueue(this.api.role);
      this.api.function.addEnvironment('SCORING_QUEUE_URL', this.scoring.queue.queueUrl);
    }

    this.httpApi = new KaopingHttpApi(this, 'Http', {
      handler: this.api.function,
      userPool: this.users.userPool,
      userPoolClient: this.users.consoleClient,
      ...(props.allowedOrigins === undefined ? {} : { allowedOrigins: props.allowedOrigins }),
    });

    this.console = new ConsoleHosting(this, 'Console', {
      webDist: props.webDist ?? 'web/dist',
      apiEndpoint: this.httpApi.api.apiEndpoint,
      runtimeConfig: {
        region: this.region,
        userPoolId: this.users.userPool.userPoolId,
        userPoolClientId: this.users.consoleClient.userPoolClientId,
        apiBasePath: '/api',
      },
    });

    this.alarms = new OperationsAlarms(this, 'Alarms', {
      api: this.httpApi.api,
      functions: [this.api.function, ...(this.scoring === undefined ? [] : [this.scoring.worker.function])],
      ...(this.scoring === undefined ? {} : { deadLetterQueue: this.scoring.deadLetterQueue }),
      ...(props.alarmEmail === undefined ? {} : { email: props.alarmEmail }),
    });

    new CfnOutput(this, 'ConsoleUrl', {
      value: `https://${this.console.distribution.distributionDomainName}`,
    });
    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.users.consoleClient.userPoolClientId });
    new CfnOutput(this, 'TenantRoleArn', { value: this.tenantAccess.role.roleArn });
  }
}
