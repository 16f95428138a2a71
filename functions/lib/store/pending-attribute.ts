import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { PendingDrop } from './types.js';

/**
 * The pending drop as a DynamoDB attribute map, the form the Plan decision carries in `lock.pending` so the
 * state machine's QueueDrop step can write it with `"M.$"` (docs/state-machine.md §2.1).
 */
export function toPendingAttribute(pending: PendingDrop): Record<string, AttributeValue> {
  const text = (value: string | null): AttributeValue => (value === null ? { NULL: true } : { S: value });
  return {
    key: text(pending.key),
    versionId: text(pending.versionId),
    sequencer: text(pending.sequencer),
    deployId: text(pending.deployId),
    queuedAt: { N: String(pending.queuedAt) },
  };
}
