import type { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type BundleResult, readZipBundle } from '../../core/bundle/index.js';
import { InvalidInputError } from '../lib/errors.js';

/**
 * Streams a drop from S3 through the bundle safety scan (spec §2): the archive is never held beyond
 * the limits. A missing object is an input error (a redeploy of a project that has no drop).
 */
export async function loadDropFromS3(
  s3: S3Client,
  object: { bucket: string; key: string; versionId: string | null },
): Promise<BundleResult> {
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
    if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')) {
      throw new InvalidInputError(`There is no drop at s3://${object.bucket}/${object.key} to deploy.`, {
        bucket: object.bucket,
        key: object.key,
      });
    }
    throw error;
  }
}
