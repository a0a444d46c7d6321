import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The one route answered without a token: load balancers and the console's status badge call it. */
export const publicHealthPath = '/api/health';

export interface KaopingHttpApiProps {
  readonly handler: IFunction;
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  /**
   * Browser origins allowed to call the API cross-origin. The console normally reaches the API through its
   * own CloudFront distribution (`/api/*`), i.e. same-origin, and then needs none; a custom console domain
   * belongs here. Never `*`.
   */
  readonly allowedOrigins?: readonly string[];
  /** Steady-state requests per second for the whole stage, and the burst above it. */
  readonly rateLimit?: number;
  readonly burstLimit?: number;
}

/**
 * HTTP API in front of the API function: `GET /api/health` is public, every other `/api/*` route needs
 * a Cognito ID token (JWT authorizer; the token's `custom:tenant` and `custom:role` decide the rest).
 * JSON access logs, stage-wide throttling.
 */
export class KaopingHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: KaopingHttpApiProps) {
    super(scope, id);
    const origins = props.allowedOrigins ?? [];
    if (origins.some((origin) => origin.includes('*'))) {
      throw new Error(`KaopingHttpApi: allowedOrigins must name origins exactly, got ${origins.join(', ')}`);
    }
    this.api = new HttpApi(this, 'Api', {
      description: 'kaoping API',
      createDefaultStage: false,
      ...(origins.length === 0
        ? {}
        : {
            corsPreflight: {
              allowOrigins: [...origins],
              allowMethods: [
                CorsHttpMethod.GET,
                CorsHttpMethod.POST,
                CorsHttpMethod.PUT,
                CorsHttpMethod.PATCH,
                CorsHttpMethod.DELETE,
              ],
              allowHeaders: ['authorization', 'content-type', 'if-match'],
              exposeHeaders: ['etag'],
              maxAge: Duration.hours(1),
            },
          }),
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 200, burstLimit: props.burstLimit ?? 400 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            path: '$context.path',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            user: '$context.authorizer.claims.sub',
            tenant: '$context.authorizer.claims.custom:tenant',
          }),
        ),
      },
    });

    const integration = new HttpLambdaIntegration('Handler', props.handler);
    const authorizer = new HttpUserPoolAuthorizer('Cognito', props.userPool, {
      userPoolClients: [props.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });
    const publicRoutes = this.api.addRoutes({
      path: publicHealthPath,
      methods: [HttpMethod.GET],
      integration,
    });
    this.api.addRoutes({ path: '/api/{proxy+}', methods: [HttpMethod.ANY], integration, authorizer });
    for (const route of publicRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'The health check is public by design: it reports only status, version and table reachability.',
      });
    }
  }
}
