/**
 * The EventBridge pattern of a secret getting a new current version: Secrets Manager's calls as CloudTrail
 * reports them (a trail must log management events for `AWS API Call via CloudTrail` to reach EventBridge) and
 * the rotation service event. The stack's rule and the local cloud's use this one pattern.
 */
export const SecretChangedPattern = {
  source: ['aws.secretsmanager'],
  'detail-type': ['AWS API Call via CloudTrail', 'AWS Service Event via CloudTrail'],
  detail: {
    eventSource: ['secretsmanager.amazonaws.com'],
    eventName: ['PutSecretValue', 'UpdateSecret', 'UpdateSecretVersionStage', 'RotationSucceeded'],
  },
} as const;
