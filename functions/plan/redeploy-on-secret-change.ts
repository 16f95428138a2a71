import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { AgentdropError } from '../../core/errors.js';
import { eventsClient } from '../lib/clients/events.js';
import { secretsClient } from '../lib/clients/secrets-manager.js';
import { DetailType, EventSource } from '../lib/detail-types.js';
import { asRecord } from '../lib/normalize-trigger.js';
import type { PipelineDeps } from '../lib/pipeline-deps.js';

/**
 * A Secrets Manager write as the stack's rule delivers it to the Plan function: the CloudTrail event itself
 * (`AWS API Call via CloudTrail` or `AWS Service Event via CloudTrail`, source `aws.secretsmanager`).
 */
export interface SecretChangedEvent {
  readonly source: 'aws.secretsmanager';
  readonly detail?: unknown;
}

/** Whether the Plan function's input is a Secrets Manager event rather than a state machine action. */
export function isSecretChangedEvent(input: unknown): input is SecretChangedEvent {
  return asRecord(input).source === 'aws.secretsmanager';
}

/** What a secret change started: the secret (without the prefix), its current version and the projects asked to redeploy. */
export interface SecretChangedResult {
  readonly secret: string | null;
  readonly versionId: string | null;
  readonly projects: readonly string[];
}

const nothing: SecretChangedResult = { secret: null, versionId: null, projects: [] };

/** PutEvents takes at most 10 entries per call. */
const PutEventsBatch = 10;

/**
 * A secret under the stack's prefix got a new current version: every project whose deployed agent binds it
 * (the secret-use index) gets a `Redeploy Requested` naming the secret and version, so its plan picks the new
 * version up (the fingerprint changes) and the resource is updated. Names and version ids only — the value
 * is never read. A secret outside the prefix, or gone by now, starts nothing.
 */
export async function redeployOnSecretChange(
  event: SecretChangedEvent,
  deps: PipelineDeps,
): Promise<SecretChangedResult> {
  const secretId = secretIdOf(event);
  // The rule sees every secret of the account; the function may only describe the stack's own.
  if (secretId === null || !secretNameOf(secretId).startsWith(deps.config.secretPrefix)) return nothing;
  const described = await secretsClient(deps)
    .send(new DescribeSecretCommand({ SecretId: secretId }))
    .catch((error: unknown) => {
      if (error instanceof Error && error.name === 'ResourceNotFoundException') return null;
      throw error;
    });
  const fullName = described?.Name;
  const versionId = Object.entries(described?.VersionIdsToStages ?? {}).find(([, stages]) =>
    stages.includes('AWSCURRENT'),
  )?.[0];
  if (!fullName?.startsWith(deps.config.secretPrefix) || !versionId || described?.DeletedDate) return nothing;
  const secret = fullName.slice(deps.config.secretPrefix.length);
  const projects = await deps.store.secretUses.projectsUsing(secret);
  const entries: PutEventsRequestEntry[] = projects.map((project) => ({
    EventBusName: deps.config.eventBusName,
    Source: `${EventSource}.secrets`,
    DetailType: DetailType.RedeployRequested,
    Detail: JSON.stringify({ project, rotatedSecret: { name: secret, versionId } }),
  }));
  for (let start = 0; start < entries.length; start += PutEventsBatch) {
    const { FailedEntryCount, Entries } = await eventsClient(deps).send(
      new PutEventsCommand({ Entries: entries.slice(start, start + PutEventsBatch) }),
    );
    if (FailedEntryCount) {
      // The invocation is retried (EventBridge → Lambda); a project asked twice plans the second as unchanged.
      const failed = Entries?.find((entry) => entry.ErrorCode);
      throw new AgentdropError(
        'RedeployNotPublished',
        `PutEvents refused ${FailedEntryCount} redeploy request(s) for secret ${secret}: ${failed?.ErrorCode ?? ''} ${failed?.ErrorMessage ?? ''}`.trim(),
        { secret },
      );
    }
  }
  return { secret, versionId, projects };
}

/** The name a SecretId gives: itself, or the name inside an ARN (`…:secret:<name>-<6 random characters>`). */
function secretNameOf(secretId: string): string {
  const marker = ':secret:';
  return secretId.startsWith('arn:') && secretId.includes(marker)
    ? secretId.slice(secretId.indexOf(marker) + marker.length)
    : secretId;
}

/** The secret a CloudTrail event is about: the request's SecretId, a rotation's SecretId, or the response's ARN. */
function secretIdOf(event: unknown): string | null {
  const detail = asRecord(asRecord(event).detail);
  const candidates = [
    asRecord(detail.requestParameters).secretId,
    asRecord(detail.additionalEventData).SecretId,
    asRecord(detail.responseElements).arn,
  ];
  const found = candidates.find((value) => typeof value === 'string' && value !== '');
  return typeof found === 'string' ? found : null;
}
