import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** Keys of the artifacts bucket (DESIGN §4.3); never under `drops/`. */
export const ArtifactKeys = {
  plan: (project: string, deployId: string): string => `plans/${project}/${deployId}.json`,
  buildContext: (project: string, specHash: string): string => `builds/${project}/${specHash}.zip`,
} as const;

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

  async putBytes(key: string, bytes: Uint8Array, contentType = 'application/octet-stream'): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }),
    );
  }

  /** Whether an object exists; content-addressed artifacts are written once and never overwritten. */
  async exists(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey')) return false;
      throw error;
    }
  }
}
