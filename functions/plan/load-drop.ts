import type { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type BundleResult, readZipBundle } from '../../core/bundle/index.js';

/**
 * Streams a drop from S3 through the bundle safety scan (spec §2): the archive is never held beyond
 * the limits. Returns null when there is no current drop (never uploaded, or deleted: a delete marker).
 */
export async function loadDropFromS3(
  s3: S3Client,
  object: { bucket: string; key: string; versionId: string | null },
): Promise<BundleResult | null> {
  try {
    const { Body } = await s3.send(
      new GetObjectCommand({
        Bucket: object.bucket,
        Key: object.key,
        ...(object.versionId ? { VersionId: object.versionId } : {}),
      }),
    );
    return await readZipBundle(Body as Readable);
  } catch (error) {
    if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')) return null;
    throw error;
  }
}
