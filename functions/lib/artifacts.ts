import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';

/** Keys of the artifacts bucket (DESIGN §4.3); never under `drops/`. */
export const ArtifactKeys = {
  plan: (project: string, deployId: string): string => `plans/${project}/${deployId}.json`,
  buildContext: (project: string, specHash: string): string => `builds/${project}/${specHash}.zip`,
  /** Runtime code packages (direct code deployment); the principal calling AgentCore may read this prefix. */
  codePackage: (project: string, specHash: string): string =>
    `${CodePackagePrefix}${project}/${specHash}.zip`,
} as const;

/**
 * A code package as STATE records it and drift compares it: `s3://<bucket>/<key>`, with `?versionId=<id>` when the
 * version is pinned (the same S3 location a runtime's codeConfiguration names).
 */
export function codePackageUri(location: { bucket: string; key: string; versionId?: string | null }): string {
  const version = location.versionId ? `?versionId=${encodeURIComponent(location.versionId)}` : '';
  return `s3://${location.bucket}/${location.key}${version}`;
}

/** Where code packages live in the artifacts bucket: the only prefix AgentCore's caller may read for them. */
const CodePackagePrefix = 'code/';

/** The file a harness loads a skill by; written last, it marks a skill prefix as complete. */
const SkillMarker = 'SKILL.md';

/** Reads and writes the pipeline's artifacts: plans, build contexts and harness skill bundles. */
export class ArtifactStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  async putJson(key: string, value: unknown): Promise<void> {
    await this.putBytes(key, new TextEncoder().encode(JSON.stringify(value)), 'application/json');
  }

  async getJson<T>(key: string): Promise<T> {
    const { Body } = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return JSON.parse(await Body!.transformToString()) as T;
  }

  /** Writes an object and returns the version S3 gave it (null in a bucket without versioning). */
  async putBytes(
    key: string,
    bytes: Uint8Array,
    contentType = 'application/octet-stream',
  ): Promise<string | null> {
    const put = await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }),
    );
    return put.VersionId ?? null;
  }

  /**
   * Uploads a harness skill bundle (`path` → bytes) to its content-addressed prefix (DESIGN §4.3). Files
   * already under the prefix are the same bytes and stay; the others are written with `SKILL.md` last, so a
   * prefix holding its marker is complete, and an upload that stopped half-way is completed by the next run.
   */
  async putSkillBundle(prefix: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
    const present = new Set<string>();
    for await (const page of paginateListObjectsV2(
      { client: this.s3 },
      { Bucket: this.bucket, Prefix: prefix },
    )) {
      for (const object of page.Contents ?? []) if (object.Key) present.add(object.Key);
    }
    const missing = [...files.keys()].filter((path) => !present.has(`${prefix}${path}`));
    // A stable sort keeps the files in order and moves the marker to the end.
    missing.sort((a, b) => Number(a === SkillMarker) - Number(b === SkillMarker));
    for (const path of missing) await this.putBytes(`${prefix}${path}`, files.get(path)!);
  }

  /**
   * The stored version of an object (null in a bucket without versioning), or undefined when there is none;
   * content-addressed artifacts are written once and never overwritten.
   */
  async storedVersion(key: string): Promise<string | null | undefined> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.VersionId ?? null;
    } catch (error) {
      if (error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey'))
        return undefined;
      throw error;
    }
  }

  /** Whether an object exists. */
  async exists(key: string): Promise<boolean> {
    return (await this.storedVersion(key)) !== undefined;
  }
}
