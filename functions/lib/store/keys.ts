/** DynamoDB keys of the single table (DESIGN §4.2). */
export interface ItemKey {
  readonly PK: string;
  readonly SK: string;
}

/** Key builders for every item kind, so no other module spells a key by hand. */
export const itemKeys = {
  state: (project: string): ItemKey => ({ PK: `PROJECT#${project}`, SK: 'STATE' }),
  lock: (project: string): ItemKey => ({ PK: `PROJECT#${project}`, SK: 'LOCK' }),
  /** The last scheduled drift check of the project's resource. */
  drift: (project: string): ItemKey => ({ PK: `PROJECT#${project}`, SK: 'DRIFT' }),
  receipt: (project: string, deployId: string): ItemKey => ({
    PK: `PROJECT#${project}`,
    SK: `DEPLOY#${deployId}`,
  }),
  objectVersion: (bucket: string, key: string, versionId: string): ItemKey => ({
    PK: `OBJECT#${bucket}/${key}`,
    SK: `VER#${versionId}`,
  }),
  objectSequencer: (bucket: string, key: string, sequencer: string): ItemKey => ({
    PK: `OBJECT#${bucket}/${key}`,
    SK: `SEQ#${sequencer}`,
  }),
  latestSequencer: (bucket: string, key: string): ItemKey => ({
    PK: `OBJECT#${bucket}/${key}`,
    SK: 'LATEST',
  }),
  redeployEvent: (eventId: string): ItemKey => ({ PK: `EVENT#${eventId}`, SK: 'EVENT' }),
  /** The secret names a project's deployed agent binds (the index's per-project side). */
  projectSecrets: (project: string): ItemKey => ({ PK: `PROJECT#${project}`, SK: 'SECRETS' }),
  /** One project binding one secret: the secret's partition lists every project to redeploy when it rotates. */
  secretUse: (secret: string, project: string): ItemKey => ({
    PK: `${secretUsePrefix}${secret}`,
    SK: `PROJECT#${project}`,
  }),
  cleanup: (project: string, mode: 'harness' | 'runtime', name: string): ItemKey => ({
    PK: `PROJECT#${project}`,
    SK: `${cleanupPrefix}${mode}#${name}`,
  }),
} as const;

/** Sort-key prefix of receipts; receipts sort by their time-ordered deployId. */
export const receiptPrefix = 'DEPLOY#';

/** Sort-key prefix of resources recorded for clean-up. */
export const cleanupPrefix = 'CLEANUP#';

/** Partition-key prefix of the secret-use index. */
const secretUsePrefix = 'SECRET#';
