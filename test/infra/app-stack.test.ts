import { Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { tenantItemActions } from '../../infra/constructs/tenant-access-role.ts';
import { buildApp, propertiesOf, resourcesOf, synthApp } from './synth.ts';

describe('AppStack', () => {
  // Without the worker, whatever the working tree holds; the worker's own case says so explicitly.
  const { template } = synthApp({ scoringWorker: false });

  it('runs every function on Node 22 and arm64, traced, with JSON logs', () => {
    const functions = Object.values(resourcesOf(template, 'AWS::Lambda::Function'));

    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
      });
    }
  });

  it('leaves source-map stack traces off, so cold starts do not parse the map', () => {
    for (const fn of Object.values(resourcesOf(template, 'AWS::Lambda::Function'))) {
      const variables = (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
        ?.Variables;
      expect(variables?.NODE_OPTIONS).toBeUndefined();
    }
  });

  it('gives every function log group a retention', () => {
    const groups = Object.values(resourcesOf(template, 'AWS::Logs::LogGroup'));

    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) expect(group.Properties?.RetentionInDays).toBeGreaterThan(0);
  });

  it('requires the JWT authorizer on every route except GET /api/health', () => {
    const routes = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route'));
    const byKey = new Map(routes.map((route) => [route.Properties?.RouteKey, route.Properties]));

    expect([...byKey.keys()].sort()).toEqual(['ANY /api/{proxy+}', 'GET /api/health']);
    for (const [key, properties] of byKey) {
      if (key === 'GET /api/health') {
        expect(properties?.AuthorizationType ?? 'NONE').toBe('NONE');
      } else {
        expect(properties).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: expect.any(String) },
        });
      }
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
  });

  it('logs every API request as JSON and throttles the stage', () => {
    const [stage] = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'));
    const settings = stage?.Properties as {
      AccessLogSettings: { DestinationArn: unknown; Format: string };
      DefaultRouteSettings: { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
    };

    expect(settings.AccessLogSettings.DestinationArn).toBeDefined();
    expect(JSON.parse(settings.AccessLogSettings.Format)).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      tenant: '$context.authorizer.claims.custom:tenant',
    });
    expect(settings.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(settings.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThan(0);
  });

  it('allows no cross-origin caller by default: the console reaches the API through its own CloudFront origin', () => {
    const [api] = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Api'));

    expect(api?.Properties?.CorsConfiguration).toBeUndefined();
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/api/*',
            ViewerProtocolPolicy: 'https-only',
            AllowedMethods: Match.arrayWith(['PUT', 'PATCH', 'POST', 'DELETE']),
          }),
        ],
      },
    });
  });

  it('allows exactly the configured console origin when one is given, and rejects wildcards', () => {
    const { template: withOrigin } = synthApp({ allowedOrigins: ['https://kaoping.example.gov.cn'] });

    withOrigin.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://kaoping.example.gov.cn'] }),
    });
    expect(() => synthApp({ allowedOrigins: ['*'] })).toThrow(/allowedOrigins must name origins exactly/);
  });

  it('keeps tenant and role immutable and out of the app client’s writable attributes', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'tenant', Mutable: false, AttributeDataType: 'String' }),
        Match.objectLike({ Name: 'role', Mutable: false, AttributeDataType: 'String' }),
      ]),
    });
    const [pool] = Object.values(resourcesOf(template, 'AWS::Cognito::UserPool'));
    const invitation = (
      propertiesOf(pool, 'user pool').AdminCreateUserConfig as {
        InviteMessageTemplate: { EmailMessage: string };
      }
    ).InviteMessageTemplate.EmailMessage;
    // Chinese first, and both placeholders Cognito requires.
    expect(invitation.indexOf('用户名')).toBeLessThan(invitation.indexOf('User name'));
    expect(invitation).toContain('{username}');
    expect(invitation).toContain('{####}');
    const [client] = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolClient'));
    const write = client?.Properties?.WriteAttributes as string[];
    const read = client?.Properties?.ReadAttributes as string[];

    expect(write.length).toBeGreaterThan(0);
    expect(write).not.toContain('custom:tenant');
    expect(write).not.toContain('custom:role');
    expect(read).toEqual(expect.arrayContaining(['custom:tenant', 'custom:role']));
    expect(client?.Properties?.GenerateSecret).toBe(false);
  });

  it('grants the API function no item access of its own: only DescribeTable and assuming the tenant role', () => {
    type PolicyProperties = {
      Roles: { Ref: string }[];
      PolicyDocument: { Statement: { Action: string | string[] }[] };
    };
    const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
      .map((policy) => policy.Properties as PolicyProperties)
      .filter((policy) => policy.Roles.some((role) => role.Ref.startsWith('ApiRole')));
    const actions = policies.flatMap((policy) =>
      policy.PolicyDocument.Statement.flatMap((statement) => statement.Action),
    );

    expect(policies.length).toBeGreaterThanOrEqual(2);

    expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual(['dynamodb:DescribeTable']);
    expect(actions).toEqual(expect.arrayContaining(['sts:AssumeRole', 'sts:TagSession']));
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: Match.anyValue(),
          TENANT_ROLE_ARN: Match.anyValue(),
          // The token's `iss`, scheme included (ProviderURL alone has none).
          JWT_ISSUER: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.anyValue(), 'ProviderURL'] }]] },
          JWT_AUDIENCE: Match.anyValue(),
          CURSOR_SECRET: {
            'Fn::Join': ['', Match.arrayWith(['{{resolve:secretsmanager:', { Ref: Match.anyValue() }])],
          },
        }),
      },
    });
  });

  it('grants dynamodb:Scan (or any dynamodb wildcard) nowhere', () => {
    const json = JSON.stringify(template.toJSON());

    expect(json).not.toMatch(/dynamodb:Scan/);
    expect(json).not.toMatch(/"dynamodb:\*"/);
    expect(json).not.toMatch(/dynamodb:\w*\*/);
    expect(tenantItemActions).not.toContain('dynamodb:Scan');
  });

  it('confines the tenant role to the session tenant’s leading keys, and lets only the functions assume it', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: ['sts:AssumeRole', 'sts:TagSession'],
            Effect: 'Allow',
            Principal: { AWS: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiRole'), 'Arn'] } },
            Condition: Match.objectLike({ Null: { 'aws:RequestTag/province': 'false' } }),
          },
        ],
      },
      Policies: [
        Match.objectLike({
          PolicyDocument: Match.objectLike({
            Statement: Match.arrayWith([
              Match.objectLike({
                Sid: 'CitySessionOwnKeys',
                Condition: Match.objectLike({
                  'ForAllValues:StringLike': {
                    'dynamodb:LeadingKeys': [
                      // biome-ignore lint/suspicious/noTemplateCurlyInString: IAM policy variables, not JS
                      'T#${aws:PrincipalTag/province}#${aws:PrincipalTag/city}',
                      // biome-ignore lint/suspicious/noTemplateCurlyInString: IAM policy variables, not JS
                      'T#${aws:PrincipalTag/province}#${aws:PrincipalTag/city}#*',
                    ],
                  },
                }),
              }),
            ]),
          }),
        }),
      ],
    });
  });

  it('refuses to synthesize when a tag named like a session tag would land on the tenant role', () => {
    const { stack } = buildApp();
    Tags.of(stack).add('project', 'kaoping'); // harmless
    expect(() => Template.fromStack(stack)).not.toThrow();

    const { stack: tagged } = buildApp();
    Tags.of(tagged).add('city', 'east');
    expect(() => Template.fromStack(tagged)).toThrow(/must not carry a 'city' tag/);
  });

  it('serves the console from a private, SSL-only, bucket-owner-enforced bucket through origin access control', () => {
    const buckets = Object.values(resourcesOf(template, 'AWS::S3::Bucket'));
    const site = buckets.find((bucket) => bucket.Properties?.LoggingConfiguration !== undefined);

    expect(site?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
      }),
    });
  });

  it('raises alarms on API 5xx and function errors and throttles, sent to a topic', () => {
    const alarms = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties as { MetricName: string; Namespace: string; AlarmActions: unknown[] },
    );

    expect(alarms.map((alarm) => `${alarm.Namespace} ${alarm.MetricName}`).sort()).toEqual([
      'AWS/ApiGateway 5xx',
      'AWS/Lambda Errors',
      'AWS/Lambda Throttles',
    ]);
    for (const alarm of alarms) expect(alarm.AlarmActions).toHaveLength(1);
    expect(Object.keys(resourcesOf(template, 'AWS::SNS::Subscription'))).toEqual([]);

    const { template: withEmail } = synthApp({ alarmEmail: 'ops@example.gov.cn', scoringWorker: true });
    withEmail.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.gov.cn',
    });
    withEmail.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
    });
  });

  it('leaves out the scoring worker while its handler does not exist, and wires queue, DLQ and partial failures when it does', () => {
    const { template: withoutHandler } = synthApp({
      handlers: { scoringWorker: 'functions/handlers/no-such-worker.ts' },
    });
    expect(Object.keys(resourcesOf(withoutHandler, 'AWS::SQS::Queue'))).toEqual([]);
    expect(Object.keys(resourcesOf(template, 'AWS::SQS::Queue'))).toEqual([]);

    const { template: withWorker } = synthApp({ scoringWorker: true });
    const queues = resourcesOf(withWorker, 'AWS::SQS::Queue');
    const main = Object.values(queues).find((queue) => queue.Properties?.RedrivePolicy !== undefined);

    expect(Object.keys(queues)).toHaveLength(2);
    expect(main?.Properties?.RedrivePolicy).toMatchObject({
      maxReceiveCount: 3,
      deadLetterTargetArn: { 'Fn::GetAtt': [expect.stringMatching(/DeadLetters/), 'Arn'] },
    });
    withWorker.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          SCORING_QUEUE_URL: { Ref: Match.stringLikeRegexp('^ScoringJobs') },
          TENANT_ROLE_ARN: Match.anyValue(),
          TABLE_NAME: Match.anyValue(),
        }),
      },
      Timeout: 120,
    });
    withWorker.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
    });
    withWorker.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { AWS: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiRole'), 'Arn'] } },
          }),
          Match.objectLike({
            Principal: { AWS: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ScoringWorkerRole'), 'Arn'] } },
          }),
        ],
      },
    });
  });
});
