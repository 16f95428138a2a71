import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from '../persist/index.js';

/** One version of a key, as a versioned bucket keeps it. */
export interface ObjectVersion {
  readonly versionId: string;
  readonly sequencer: string;
  readonly deleteMarker: boolean;
  /** What a GET of this version answers with (absent on delete markers). */
  readonly object?: StoredObjectInfo;
}

/** The response headers of a stored version. */
export interface StoredObjectInfo {
  readonly size: number;
  /** Quoted, as the `ETag` header carries it. */
  readonly etag: string;
  readonly contentType: string;
  /** HTTP date. */
  readonly lastModified: string;
}

interface SavedVersions {
  readonly lastSequencer: string;
  readonly objects: Record<string, ObjectVersion[]>;
}

/**
 * Version ids and sequencers for a store without versioning (s3rver): every create or delete gets a new
 * version id, and sequencers increase across the whole emulator, so they also increase per key (what
 * consumers compare). Persisted under the data dir.
 */
export class ObjectVersions {
  private readonly path: string;
  private lastSequencer: bigint;
  private readonly objects: Record<string, ObjectVersion[]>;

  constructor(dataDir: string) {
    this.path = join(dataDir, 's3-versions.json');
    const saved = readJsonFile<SavedVersions>(this.path, { lastSequencer: '0', objects: {} });
    this.lastSequencer = BigInt(`0x${saved.lastSequencer}`);
    this.objects = saved.objects;
  }

  /** Records a new version (a delete marker when `object` is undefined) and returns it. */
  add(bucket: string, key: string, object: StoredObjectInfo | undefined, now = Date.now()): ObjectVersion {
    // Time-based so sequencers keep growing across restarts, +1 so two events in one millisecond differ.
    const timeBased = BigInt(now) << 12n;
    this.lastSequencer = timeBased > this.lastSequencer ? timeBased : this.lastSequencer + 1n;
    const version: ObjectVersion = {
      versionId: randomBytes(24).toString('base64url'),
      sequencer: this.lastSequencer.toString(16).toUpperCase().padStart(16, '0'),
      deleteMarker: object === undefined,
      ...(object !== undefined ? { object } : {}),
    };
    const id = `${bucket}/${key}`;
    this.objects[id] = [...(this.objects[id] ?? []), version];
    writeJsonFile(this.path, { lastSequencer: this.lastSequencer.toString(16), objects: this.objects });
    return version;
  }

  /** The current version of a key, or `undefined` when it was never written. */
  current(bucket: string, key: string): ObjectVersion | undefined {
    return this.objects[`${bucket}/${key}`]?.at(-1);
  }

  /** A version of a key by id. */
  find(bucket: string, key: string, versionId: string): ObjectVersion | undefined {
    return this.history(bucket, key).find((version) => version.versionId === versionId);
  }

  /** Every version of a key, oldest first. */
  history(bucket: string, key: string): readonly ObjectVersion[] {
    return this.objects[`${bucket}/${key}`] ?? [];
  }
}
