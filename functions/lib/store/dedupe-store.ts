import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TriggerInfo } from '../contract.js';
import { InvalidInputError } from '../errors.js';
import { type ItemKey, itemKeys } from './keys.js';
import { normalizeSequencer } from './normalize-sequencer.js';
import { isConditionalCheckFailed, type StoreOptions } from './store-options.js';

/** What a claim found: the first claim wins, later ones are duplicates naming the first deployId. */
export type ClaimResult =
  | { readonly duplicate: false }
  | { readonly duplicate: true; readonly firstDeployId: string };

/**
 * Event dedupe and stale detection (DESIGN §4.2, aws-practices §1.5). Dedupe items carry `expiresAt`, which is
 * checked in the condition: an emulator without TTL (dynalite) and DynamoDB's lazy TTL behave the same.
 */
export class DedupeStore {
  constructor(private readonly options: StoreOptions) {}

  /**
   * Claims one S3 object event by versionId (or sequencer for unversioned buckets).
   * @throws InvalidInput when the event has neither.
   */
  async claimObjectEvent(options: {
    readonly bucket: string;
    readonly key: string;
    readonly versionId: string | null;
    readonly sequencer: string | null;
    readonly deployId: string;
    /** The claiming execution: its own claim is not a duplicate (replan, redrive). */
    readonly executionArn: string;
    readonly nowSeconds: number;
    readonly ttlSeconds: number;
  }): Promise<ClaimResult> {
    const key = options.versionId
      ? itemKeys.objectVersion(options.bucket, options.key, options.versionId)
      : options.sequencer
        ? itemKeys.objectSequencer(options.bucket, options.key, options.sequencer)
        : null;
    if (!key)
      throw new InvalidInputError('An object event needs a versionId or a sequencer to be deduplicated.', {
        key: options.key,
      });
    return this.claim(key, options);
  }

  /** Claims a `Redeploy Requested` event by its EventBridge id (`EVENT#<id>`). */
  async claimRedeployEvent(options: {
    readonly eventId: string;
    readonly deployId: string;
    readonly executionArn: string;
    readonly nowSeconds: number;
    readonly ttlSeconds: number;
  }): Promise<ClaimResult> {
    return this.claim(itemKeys.redeployEvent(options.eventId), options);
  }

  /**
   * Gives back the claims `executionArn` made for a trigger it could not plan (Plan failed), so a redelivery of
   * the same event is planned again instead of skipped as a duplicate. Claims of other executions stay.
   */
  async releaseClaim(options: {
    readonly trigger: Pick<TriggerInfo, 'kind' | 'bucket' | 'key' | 'versionId' | 'sequencer' | 'eventId'>;
    readonly executionArn: string;
  }): Promise<void> {
    const { trigger } = options;
    const key =
      trigger.kind === 'redeploy'
        ? trigger.eventId && itemKeys.redeployEvent(trigger.eventId)
        : trigger.bucket && trigger.key && trigger.versionId
          ? itemKeys.objectVersion(trigger.bucket, trigger.key, trigger.versionId)
          : trigger.bucket && trigger.key && trigger.sequencer
            ? itemKeys.objectSequencer(trigger.bucket, trigger.key, trigger.sequencer)
            : null;
    if (!key) return;
    try {
      await this.options.documents.send(
        new DeleteCommand({
          TableName: this.options.tableName,
          Key: key,
          ConditionExpression: 'executionArn = :me',
          ExpressionAttributeValues: { ':me': options.executionArn },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /**
   * Records `sequencer` as the latest seen for the object unless a newer one was seen already.
   * An equal sequencer is the same event (a redelivery or a replan) and is not stale.
   * @throws InvalidInput when the sequencer is not hex.
   */
  async recordLatestSequencer(options: {
    readonly bucket: string;
    readonly key: string;
    readonly sequencer: string;
    readonly deployId: string;
  }): Promise<{ readonly stale: boolean }> {
    const normalized = normalizeSequencer(options.sequencer);
    if (!normalized)
      throw new InvalidInputError('The S3 sequencer is not a hex string.', { key: options.key });
    try {
      await this.options.documents.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: {
            ...itemKeys.latestSequencer(options.bucket, options.key),
            sequencer: normalized,
            deployId: options.deployId,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR sequencer <= :seq',
          ExpressionAttributeValues: { ':seq': normalized },
        }),
      );
      return { stale: false };
    } catch (error) {
      if (isConditionalCheckFailed(error)) return { stale: true };
      throw error;
    }
  }

  private async claim(
    key: ItemKey,
    options: {
      readonly deployId: string;
      readonly executionArn: string;
      readonly nowSeconds: number;
      readonly ttlSeconds: number;
    },
  ): Promise<ClaimResult> {
    try {
      await this.options.documents.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: {
            ...key,
            deployId: options.deployId,
            executionArn: options.executionArn,
            firstSeenAt: options.nowSeconds,
            expiresAt: options.nowSeconds + options.ttlSeconds,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now OR executionArn = :me',
          ExpressionAttributeValues: { ':now': options.nowSeconds, ':me': options.executionArn },
        }),
      );
      return { duplicate: false };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const { Item } = await this.options.documents.send(
        new GetCommand({ TableName: this.options.tableName, Key: key }),
      );
      return { duplicate: true, firstDeployId: String(Item?.deployId ?? '') };
    }
  }
}
