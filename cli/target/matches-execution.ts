import type { EventBridgeEvent } from '../../local/eventbridge/index.js';
import type { ExecutionMatch } from './deploy-target.js';

/** Whether an execution input is the event an action produced. */
export function matchesExecution(input: EventBridgeEvent, match: ExecutionMatch): boolean {
  if (input['detail-type'] !== match.detailType) return false;
  if (match.detailType === 'Redeploy Requested') return input.id === match.eventId;
  const object = (input.detail as { object?: { key?: unknown; 'version-id'?: unknown } } | undefined)?.object;
  if (object?.key !== match.key) return false;
  return match.versionId === null || object['version-id'] === match.versionId;
}
