import { join } from 'node:path';
import { Annotations, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  type CfnFunction,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { esmRequireBanner, lambdaBundleOptions } from '../../functions/local/build.ts';

/** Context flag: synthesize without running esbuild (tests). Functions then carry a placeholder that throws. */
export const skipBundlingContext = 'kaoping:skipBundling';

/** True when the app was asked to skip bundling, by our flag or by the CLI's own `--exclusively` logic. */
export function bundlingSkipped(scope: Construct): boolean {
  const flag: unknown = scope.node.tryGetContext(skipBundlingContext);
  return flag === true || flag === 'true' || !Stack.of(scope).bundlingRequired;
}

export interface KaopingFunctionProps {
  /** The handler module, relative to the repository root, e.g. `functions/handlers/api.ts`. */
  readonly entry: string;
  readonly description: string;
  readonly environment?: Readonly<Record<string, string>>;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly logRetention?: RetentionDays;
  /**
   * Map stack traces through the shipped source maps (`--enable-source-maps`). Off by default: Node then
   * parses the whole map at start-up, which `npm run bench` measures at several hundred ms of cold start.
   * The maps ship in the asset either way, for symbolicating a trace offline.
   */
  readonly readableStackTraces?: boolean;
  /** Packages the handler loads with `import()` only when needed; shipped beside the bundle. */
  readonly lazyModules?: readonly string[];
}

/**
 * Every kaoping Lambda function: Node 22 on arm64, one minified ESM bundle with source maps, X-Ray
 * tracing, JSON logs in a log group with a retention, and its own role that may write only there.
 *
 * @example
 * const api = new KaopingFunction(this, 'Api', { entry: 'functions/handlers/api.ts', description: 'HTTP API' });
 * api.role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [table.tableArn] }));
 */
export class KaopingFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: KaopingFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `kaoping ${id}: writes its own log group; everything else is granted explicitly`,
    });
    // Instead of AWSLambdaBasicExecutionRole (logs:* on every group): just this function's group.
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn, `${this.logGroup.logGroupArn}:*`],
      }),
    );

    const common = {
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(15),
      loggingFormat: LoggingFormat.JSON,
      logGroup: this.logGroup,
      role: this.role,
      environment: {
        ...(props.readableStackTraces === true ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        ...props.environment,
      },
    };

    if (bundlingSkipped(this)) {
      // Tests assert the configuration, not the code; an assembly without bundles is never deployable.
      Annotations.of(this).addWarningV2(
        'kaoping:bundling-skipped',
        `bundling skipped: ${props.entry} is a placeholder in this assembly; do not deploy it`,
      );
      this.function = new LambdaFunction(this, 'Function', {
        ...common,
        handler: 'index.handler',
        code: Code.fromInline(
          `exports.handler = async () => { throw new Error('bundling was skipped for ${props.entry}'); };`,
        ),
      });
    } else {
      const lazyModules = props.lazyModules ?? [];
      this.function = new NodejsFunction(this, 'Function', {
        ...common,
        entry: props.entry,
        handler: 'handler',
        depsLockFilePath: 'package-lock.json',
        bundling: {
          format: OutputFormat.ESM,
          target: lambdaBundleOptions.target,
          minify: lambdaBundleOptions.minify,
          sourceMap: lambdaBundleOptions.sourcemap,
          sourcesContent: lambdaBundleOptions.sourcesContent,
          // aws-cdk-lib 2.276 accepts a `charset` prop but never passes it to esbuild (the bundling test
          // catches that), so the flag goes in directly.
          esbuildArgs: { '--charset': lambdaBundleOptions.charset, '--legal-comments': 'none' },
          mainFields: [...lambdaBundleOptions.mainFields],
          banner: esmRequireBanner,
          // The SDK is bundled, pinned to the version the tests ran against, not the runtime's copy. Lazily
          // imported packages (lambdaLazyModules) are bundled separately into the asset's node_modules, from
          // the installed packages, so synth stays offline.
          externalModules: [...lazyModules],
          ...(lazyModules.length === 0
            ? {}
            : {
                commandHooks: {
                  beforeBundling: () => [],
                  beforeInstall: () => [],
                  afterBundling: (inputDir: string, outputDir: string) => [
                    `"${process.execPath}" "${join(inputDir, 'functions/local/build.ts')}" --lazy-modules "${outputDir}" ${lazyModules.join(' ')}`,
                  ],
                },
              }),
        },
      });
    }

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node 22 is the project target (DESIGN.md section 3): the code and its tests run on Node 22, ' +
        'and a runtime upgrade is a deliberate, tested change.',
    });
    // Active tracing, with its permission in a policy of its own: X-Ray accepts no resource-level
    // permissions, and acknowledging `Resource::*` on the role's default policy would also hide any
    // wildcard grant added there later.
    (this.function.node.defaultChild as CfnFunction).tracingConfig = { mode: 'Active' };
    const tracing = new Policy(this, 'Tracing', {
      statements: [
        new PolicyStatement({
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      ],
    });
    this.role.attachInlinePolicy(tracing);
    Validations.of(tracing).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.',
    });
    const logGroupId = Stack.of(this).getLogicalId(this.logGroup.node.defaultChild as CfnLogGroup);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logGroupId}.Arn>:*]`,
      reason:
        "Log streams are created at run time, only inside the function's own log group (a suffix wildcard).",
    });
  }
}
