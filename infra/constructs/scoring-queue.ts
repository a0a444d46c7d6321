import { Duration, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { KaopingFunction } from './kaoping-function.ts';

export interface ScoringQueueProps {
  /** The worker's handler module, e.g. `functions/handlers/scoring-worker.ts`. */
  readonly entry: string;
  readonly environment?: Readonly<Record<string, string>>;
  /** How often a message is retried before it is parked in the dead-letter queue. */
  readonly maxReceiveCount?: number;
  /** Upper bound on concurrent workers, so a large run cannot exhaust the table's throughput cap. */
  readonly maxConcurrency?: number;
}

/**
 * Fan-out for large scoring runs and dry-runs: the API enqueues a run's `prepare` job; the worker prepares
 * it, enqueues one `chunk` job per slice of subjects on the same queue, and scores those in batches. It
 * reports partial-batch failures, so one bad slice is retried alone and, after `maxReceiveCount` attempts,
 * parked in a dead-letter queue (kept 14 days) instead of blocking the run.
 */
export class ScoringQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly worker: KaopingFunction;

  constructor(scope: Construct, id: string, props: ScoringQueueProps) {
    super(scope, id);
    const timeout = Duration.minutes(2);
    this.worker = new KaopingFunction(this, 'Worker', {
      entry: props.entry,
      description: 'kaoping scoring worker (SQS)',
      timeout,
      memorySize: 1769,
      ...(props.environment === undefined ? {} : { environment: props.environment }),
    });

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue; a dead-letter queue of its own would never be read.',
    });
    this.queue = new Queue(this, 'Jobs', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice: at least six times the function timeout, so retries of a batch do not overlap.
      visibilityTimeout: Duration.seconds(timeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 3 },
    });
    // A `prepare` job fans out into `chunk` jobs on the same queue (functions/domain/scoring/run-jobs.ts).
    this.queue.grantSendMessages(this.worker.role);
    this.worker.function.addEnvironment('SCORING_QUEUE_URL', this.queue.queueUrl);
    this.worker.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(2),
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency ?? 10,
      }),
    );
  }

  /** Lets a producer (the API function) enqueue jobs. */
  grantEnqueue(producer: IGrantable): void {
    this.queue.grantSendMessages(producer);
  }
}
