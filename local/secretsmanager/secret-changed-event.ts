import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from '../eventbridge/index.js';
import { isoSeconds } from '../eventbridge/index.js';

/** One call that gave a secret a new current version. */
export interface SecretChange {
  /** The API call (`PutSecretValue`). */
  readonly eventName: string;
  /** The SecretId the caller sent (a name or an ARN), as CloudTrail records it. */
  readonly secretId: string;
  readonly arn: string;
  readonly region: string;
  readonly accountId: string;
  readonly time: Date;
}

/**
 * Shapes a Secrets Manager write as EventBridge delivers it from CloudTrail (`AWS API Call via CloudTrail`,
 * source `aws.secretsmanager`) to the default bus. As in CloudTrail, the request's secret value is never
 * recorded: only the secret's id and ARN.
 */
export function secretChangedEvent(change: SecretChange): EventBridgeEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.secretsmanager',
    account: change.accountId,
    time: isoSeconds(change.time),
    region: change.region,
    resources: [],
    detail: {
      eventVersion: '1.09',
      eventTime: isoSeconds(change.time),
      eventSource: 'secretsmanager.amazonaws.com',
      eventName: change.eventName,
      awsRegion: change.region,
      requestParameters: { secretId: change.secretId },
      responseElements: { arn: change.arn },
      requestID: randomUUID(),
      eventID: randomUUID(),
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: change.accountId,
      eventCategory: 'Management',
    },
  };
}
