import type { EventBridgeEvent } from '../../local/eventbridge/index.js';

/** An S3 `Object Created` event of `drops/<project>.zip` as EventBridge delivers it, for execution inputs. */
export function uploadEvent(
  options: { readonly id?: string; readonly project?: string; readonly versionId?: string } = {},
): EventBridgeEvent {
  return {
    version: '0',
    id: options.id ?? 'event-1',
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: '000000000000',
    time: '2026-12-04T00:00:00Z',
    region: 'us-west-2',
    resources: [],
    detail: {
      bucket: { name: 'agentdrop-drops' },
      object: { key: `drops/${options.project ?? 'a'}.zip`, 'version-id': options.versionId ?? 'v1' },
    },
  };
}
