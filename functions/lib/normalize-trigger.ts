import type { RotatedSecret, TriggerInfo } from '../lib/contract.js';

/** Overrides a `Redeploy Requested` command may carry (spec §1.4, DESIGN §7). */
export interface RedeployRequest {
  readonly mode?: 'auto' | 'harness' | 'runtime';
  readonly region?: string;
  readonly skipUnsupported?: boolean;
  /**
   * A rollback instead of a redeploy (docs/state-machine.md §2.7): move `live` to this passed version, or to the
   * passed version before the live one (`previous`).
   */
  readonly rollbackTo?: string;
}

/** What the raw event of an execution means. */
export type NormalizedTrigger =
  | {
      readonly ok: true;
      readonly trigger: TriggerInfo;
      readonly request: RedeployRequest;
      readonly teardown: boolean;
    }
  | { readonly ok: false; readonly trigger: TriggerInfo; readonly problem: string };

const DropKey = /^drops\/([^/]+)\.zip$/;

/**
 * Normalises the state machine's raw input (S3 `Object Created` / `Object Deleted` from EventBridge, or
 * `Redeploy Requested`) into a trigger (DESIGN §4.1). Only a delete that leaves a delete marker tears down;
 * lifecycle expiry of old versions never does (DESIGN §1).
 */
export function normalizeTrigger(event: unknown): NormalizedTrigger {
  const record = asRecord(event);
  const detailType = record['detail-type'];
  const detail = asRecord(record.detail);
  const eventId = typeof record.id === 'string' ? record.id : null;
  if (detailType === 'Object Created' || detailType === 'Object Deleted') {
    const bucket = stringOrNull(asRecord(detail.bucket).name);
    const object = asRecord(detail.object);
    const key = stringOrNull(object.key);
    const project = key ? (DropKey.exec(key)?.[1] ?? null) : null;
    const trigger: TriggerInfo = {
      kind: detailType === 'Object Created' ? 'upload' : 'delete',
      project: project ?? 'unknown',
      bucket,
      key,
      versionId: stringOrNull(object['version-id']),
      sequencer: stringOrNull(object.sequencer),
      eventId,
      requester: stringOrNull(detail.requester),
      force: false,
    };
    if (!bucket || !key || !project) {
      return {
        ok: false,
        trigger,
        problem: `The object key ${JSON.stringify(key)} is not drops/<project>.zip.`,
      };
    }
    const teardown = detailType === 'Object Deleted' && detail['deletion-type'] === 'Delete Marker Created';
    return { ok: true, trigger, request: {}, teardown };
  }
  if (detailType === 'Redeploy Requested') {
    const project = stringOrNull(detail.project);
    const trigger: TriggerInfo = {
      kind: 'redeploy',
      project: project ?? 'unknown',
      bucket: null,
      key: project ? `drops/${project}.zip` : null,
      versionId: null,
      sequencer: null,
      eventId,
      requester: stringOrNull(record.source),
      force: detail.force === true,
      ...rotatedSecretOf(detail.rotatedSecret),
    };
    if (!project) return { ok: false, trigger, problem: 'Redeploy Requested needs detail.project.' };
    const mode = detail.mode;
    const request: RedeployRequest = {
      ...(mode === 'auto' || mode === 'harness' || mode === 'runtime' ? { mode } : {}),
      ...(typeof detail.region === 'string' ? { region: detail.region } : {}),
      ...(typeof detail.skipUnsupported === 'boolean' ? { skipUnsupported: detail.skipUnsupported } : {}),
      ...(typeof detail.rollbackTo === 'string' && detail.rollbackTo !== ''
        ? { rollbackTo: detail.rollbackTo }
        : {}),
    };
    return { ok: true, trigger, request, teardown: false };
  }
  return {
    ok: false,
    trigger: {
      kind: 'upload',
      project: 'unknown',
      bucket: null,
      key: null,
      versionId: null,
      sequencer: null,
      eventId,
      requester: null,
      force: false,
    },
    problem: `Unsupported event detail-type ${JSON.stringify(detailType)}.`,
  };
}

/** An object's own fields, or none for anything that is not a plain object. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** `rotatedSecret` of a Redeploy Requested detail when it names a secret and a version, else nothing. */
function rotatedSecretOf(value: unknown): { rotatedSecret?: RotatedSecret } {
  const secret = asRecord(value);
  const name = stringOrNull(secret.name);
  const versionId = stringOrNull(secret.versionId);
  return name && versionId ? { rotatedSecret: { name, versionId } } : {};
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
