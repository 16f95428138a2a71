import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { StoredObjectInfo } from './object-versions.js';

/** Where s3rver keeps an object's files. */
export interface S3rverStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
}

/** The size, ETag and content type of the object s3rver holds for a key now. */
export function storedObjectInfo(store: S3rverStore, bucket: string, key: string): StoredObjectInfo {
  const objectPath = store.getResourcePath(bucket, key, 'object');
  const md5Path = `${objectPath}.md5`;
  const md5 = existsSync(md5Path)
    ? readFileSync(md5Path, 'utf8')
    : createHash('md5').update(readFileSync(objectPath)).digest('hex');
  const metadataPath = store.getResourcePath(bucket, key, 'metadata.json');
  const metadata = existsSync(metadataPath)
    ? (JSON.parse(readFileSync(metadataPath, 'utf8')) as Record<string, unknown>)
    : {};
  return {
    size: statSync(objectPath).size,
    etag: `"${md5}"`,
    contentType:
      typeof metadata['content-type'] === 'string' ? metadata['content-type'] : 'binary/octet-stream',
    lastModified: new Date().toUTCString(),
  };
}
