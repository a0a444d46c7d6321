import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  Annotations,
  DefaultStackSynthesizer,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { bundlingSkipped } from './kaoping-function.ts';

export interface ConsoleHostingProps {
  /** The built console (`vite build` output), e.g. `web/dist`. */
  readonly webDist: string;
  /** `https://<id>.execute-api.<region>.amazonaws.com`; CloudFront forwards `/api/*` there, same-origin. */
  readonly apiEndpoint: string;
  /** Written to `/config.json` for the console to read at start-up (e.g. the Cognito pool and client ids). */
  readonly runtimeConfig: Readonly<Record<string, string>>;
}

// aws-cdk-lib declares IBucket.isWebsite as `?: boolean` and Bucket's as `boolean | undefined`, which
// exactOptionalPropertyTypes treats as different; at run time they are the same object.
const asIBucket = (bucket: Bucket): IBucket => bucket as IBucket;

// SPA routing: a path without a file extension is a console route, answered by index.html. A function,
// not a CloudFront error response, because error responses would also turn the API's JSON 404s into HTML.
export const spaRewrite = `function handler(event) {
  var request = event.request;
  if (request.uri.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * The console on S3 + CloudFront: a private bucket (public access blocked, SSL only, bucket-owner-enforced)
 * read by CloudFront through origin access control, `/api/*` forwarded uncached to the HTTP API so the
 * console calls its API on its own origin, security headers, access logs.
 */
export class ConsoleHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly logBucket: Bucket;
  readonly deployment: BucketDeployment | undefined;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    // CloudFront's standard logs are delivered with ACLs, so the log bucket alone keeps ACLs enabled.
    this.logBucket = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(180) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: asIBucket(this.logBucket),
      serverAccessLogsPrefix: 's3/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const apiDomain = Fn.select(2, Fn.split('/', props.apiEndpoint));
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'kaoping console',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: asIBucket(this.logBucket),
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(asIBucket(this.bucket)),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new EdgeFunction(this, 'SpaRoutes', {
              code: FunctionCode.fromInline(spaRewrite),
              runtime: FunctionRuntime.JS_2_0,
              comment: 'kaoping console: serve index.html for console routes',
            }),
          },
        ],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        },
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Who may sign in is decided by Cognito accounts, not by geography; no country is excluded.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'A CloudFront web ACL must live in us-east-1 and costs a monthly fee at rest; the API is ' +
          'throttled and authenticated. Attach a web ACL per deployment where policy requires one.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate cannot pin a minimum TLS version; a custom domain with an ' +
          'ACM certificate (TLSv1.2_2021) is a per-deployment choice documented in docs/deploy.md.',
      },
    );

    this.deployment = this.#deploy(props);
  }

  #deploy(props: ConsoleHostingProps): BucketDeployment | undefined {
    if (bundlingSkipped(this)) return undefined;
    if (!existsSync(join(props.webDist, 'index.html'))) {
      Annotations.of(this).addWarningV2(
        'kaoping:console-not-built',
        `${props.webDist}/index.html is missing, so the console is not deployed: run \`npm run build\` first.`,
      );
      return undefined;
    }
    const deploymentLogs = new LogGroup(this, 'DeploymentLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(props.webDist), Source.jsonData('config.json', props.runtimeConfig)],
      destinationBucket: asIBucket(this.bucket),
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      // Keep the previous build's hashed files: a browser still holding the old index.html can load them.
      prune: false,
      memoryLimit: 512,
      logGroup: deploymentLogs,
    });
    // The deployment's handler is CDK's own custom-resource function (a singleton in the stack), not ours:
    // its role copies the staged asset into the site bucket and invalidates the distribution.
    const stack = Stack.of(this);
    const qualifier: unknown =
      this.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') ??
      DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const siteId = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    const copyReason =
      "CDK's BucketDeployment handler role, generated by aws-cdk-lib: it reads the staged console asset " +
      'from the bootstrap bucket and syncs it into the site bucket (object-level wildcards on both).';
    for (const child of stack.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      Validations.of(child).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: "CDK's BucketDeployment handler role; its managed policy only writes the handler's logs.",
        },
        {
          id: 'AwsSolutions-L1',
          reason: "CDK's BucketDeployment handler; its runtime is chosen and updated by aws-cdk-lib itself.",
        },
        ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => ({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason: copyReason,
        })),
        { id: `AwsSolutions-IAM5[Resource::<${siteId}.Arn>/*]`, reason: copyReason },
        {
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${String(qualifier)}-assets-<AWS::AccountId>-<AWS::Region>/*]`,
          reason: copyReason,
        },
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            "CDK's BucketDeployment handler invalidates the console's CloudFront paths after a deploy; " +
            'cloudfront:CreateInvalidation/GetInvalidation are granted on * by aws-cdk-lib.',
        },
      );
    }
    return deployment;
  }
}
