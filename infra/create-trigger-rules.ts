import { Duration, Validations } from 'aws-cdk-lib';
import { type CfnRule, type IEventBus, Match, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { DetailType } from '../functions/lib/detail-types.js';
import { SecretChangedPattern } from '../functions/lib/secret-changed-pattern.js';

/** The rules that start and finish runs, and the queue that keeps what they could not deliver. */
export interface TriggerRules {
  readonly objectCreated: Rule;
  readonly objectDeleted: Rule;
  readonly redeployRequested: Rule;
  readonly executionEnded: Rule;
  readonly secretChanged: Rule;
  /** Events EventBridge could not deliver after its retries (bad role, throttling) — not failed deploys. */
  readonly deadLetterQueue: Queue;
}

/** What the rules connect. */
export interface TriggerResources {
  readonly dropBucket: IBucket;
  readonly bus: IEventBus;
  readonly stateMachine: IStateMachine;
  /** Starts a named execution of the state machine for each drop or redeploy event. */
  readonly startFunction: IFunction;
  readonly finalizeFunction: IFunction;
  /** Takes Secrets Manager's events and asks the projects that bind a rotated secret to redeploy. */
  readonly planFunction: IFunction;
}

/** Delivery retries of every rule target (aws-practices §1.4); afterwards the event goes to the DLQ. */
const retryPolicy = { retryAttempts: 20, maxEventAge: Duration.hours(6) } as const;

/**
 * Creates the rules of DESIGN §1: S3 `Object Created` (every reason, multipart included) and the user's delete
 * (a delete marker, never lifecycle expiry) of `drops/*.zip` on the default bus, `Redeploy Requested` on the
 * agentdrop bus (replays excluded), each targeting the starter, which starts the state machine with the raw
 * event as input under a readable name; and the
 * execution-status-change rule that hands FAILED/TIMED_OUT/ABORTED runs to the lock-release function.
 */
export function createTriggerRules(scope: Construct, resources: TriggerResources): TriggerRules {
  const deadLetterQueue = new Queue(scope, 'TriggerDeadLetterQueue', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: 'This queue is the dead-letter queue of the EventBridge rule targets; it needs none of its own.',
  });
  // EventBridge cannot name the executions it starts: the starter does, `<project>-<deploy id>`.
  const deployTarget = new LambdaFunction(resources.startFunction, { deadLetterQueue, ...retryPolicy });
  resources.startFunction.configureAsyncInvoke({
    onFailure: new SqsDestination(deadLetterQueue),
    retryAttempts: 2,
  });
  const dropObject = {
    bucket: { name: [resources.dropBucket.bucketName] },
    // `wildcard` means prefix AND suffix; separate prefix/suffix matchers would be OR'd (aws-practices §1.3).
    object: { key: Match.wildcard('drops/*.zip') },
  };

  const objectCreated = new Rule(scope, 'ObjectCreatedRule', {
    description: 'A drop was uploaded (any creation reason, multipart included): deploy it.',
    eventPattern: { source: ['aws.s3'], detailType: ['Object Created'], detail: dropObject },
    targets: [deployTarget],
  });
  const objectDeleted = new Rule(scope, 'ObjectDeletedRule', {
    description:
      'A user deleted a drop (delete marker): tear the agent down. Lifecycle expiry never matches.',
    eventPattern: {
      source: ['aws.s3'],
      detailType: ['Object Deleted'],
      detail: { ...dropObject, reason: ['DeleteObject'], 'deletion-type': ['Delete Marker Created'] },
    },
    targets: [deployTarget],
  });
  const redeployRequested = new Rule(scope, 'RedeployRequestedRule', {
    description: 'Redeploy Requested on the agentdrop bus (any source; replays excluded).',
    eventBus: resources.bus,
    eventPattern: { detailType: [DetailType.RedeployRequested] },
    targets: [deployTarget],
  });
  // Archive replays carry `replay-name`; a replayed command must never deploy again (aws-practices §5.1).
  // The L2 EventPattern has no `replay-name` field, hence the L1 override.
  (redeployRequested.node.defaultChild as CfnRule).addPropertyOverride('EventPattern.replay-name', [
    { exists: false },
  ]);

  const executionEnded = new Rule(scope, 'ExecutionEndedRule', {
    description: 'A deploy run ended FAILED, TIMED_OUT or ABORTED: release its lock if it still holds it.',
    eventPattern: {
      source: ['aws.states'],
      detailType: ['Step Functions Execution Status Change'],
      detail: {
        stateMachineArn: [resources.stateMachine.stateMachineArn],
        status: ['FAILED', 'TIMED_OUT', 'ABORTED'],
      },
    },
    targets: [new LambdaFunction(resources.finalizeFunction, { deadLetterQueue, ...retryPolicy })],
  });

  // A finalize run that keeps failing after Lambda's own retries lands in the same queue, so the DLQ alarm fires
  // (the lock would otherwise stay held until its lease expires).
  resources.finalizeFunction.configureAsyncInvoke({
    onFailure: new SqsDestination(deadLetterQueue),
    retryAttempts: 2,
  });

  // A secret got a new current version: the Plan function asks every project binding it to redeploy.
  const secretChanged = new Rule(scope, 'SecretChangedRule', {
    description:
      'A secret got a new current version (CloudTrail; needs a trail logging management events): redeploy the projects that bind it.',
    eventPattern: {
      source: [...SecretChangedPattern.source],
      detailType: [...SecretChangedPattern['detail-type']],
      detail: {
        eventSource: [...SecretChangedPattern.detail.eventSource],
        eventName: [...SecretChangedPattern.detail.eventName],
      },
    },
    targets: [new LambdaFunction(resources.planFunction, { deadLetterQueue, ...retryPolicy })],
  });
  // Redeploy requests that keep failing after Lambda's own retries are kept with the undelivered events.
  resources.planFunction.configureAsyncInvoke({
    onFailure: new SqsDestination(deadLetterQueue),
    retryAttempts: 2,
  });

  return { objectCreated, objectDeleted, redeployRequested, executionEnded, secretChanged, deadLetterQueue };
}
