import { Duration, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationsAlarmsProps {
  // The class, not IHttpApi: aws-cdk-lib's interface and class disagree under exactOptionalPropertyTypes.
  readonly api: HttpApi;
  readonly functions: readonly IFunction[];
  /** Messages here are scoring slices that failed every retry. */
  readonly deadLetterQueue?: IQueue;
  /** Who hears about an alarm; without it, alarms show in the CloudWatch console only. */
  readonly email?: string;
}

/**
 * The few signals that need a person: the API answering 5xx, a function failing or being throttled, and
 * scoring work parked in the dead-letter queue. Each alarm costs about 0.10 USD a month.
 */
export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'kaoping alarms', enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications name a metric and a threshold, no tenant data; CloudWatch cannot publish to a ' +
        'topic under the AWS-managed SNS key, and a customer key would cost 1 USD a month at rest.',
    });
    if (props.email !== undefined) this.topic.addSubscription(new EmailSubscription(props.email));

    this.#alarm(
      'ApiServerErrors',
      props.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      {
        threshold: 5,
        description: 'API 5xx responses: at least 5 in 5 minutes / 接口服务端错误',
      },
    );
    props.functions.forEach((fn, index) => {
      this.#alarm(
        `FunctionErrors${index}`,
        fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        {
          threshold: 1,
          description: `Lambda errors in ${fn.node.path} / 函数执行错误`,
        },
      );
      this.#alarm(
        `FunctionThrottles${index}`,
        fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
        {
          threshold: 1,
          description: `Lambda throttles in ${fn.node.path} / 函数被限流`,
        },
      );
    });
    if (props.deadLetterQueue !== undefined) {
      this.#alarm(
        'ScoringDeadLetters',
        props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        { threshold: 1, description: 'Scoring slices in the dead-letter queue / 评分任务进入死信队列' },
      );
    }
  }

  #alarm(id: string, metric: IMetric, options: { threshold: number; description: string }): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: options.threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: options.description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
