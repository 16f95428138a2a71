import { createReadStream, existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { ObjectVersion } from './object-versions.js';
import { sendS3Error } from './send-s3-error.js';

/**
 * Answers a GET/HEAD of a noncurrent version from the copy kept when it was written, as a versioned
 * bucket does: a delete marker → 405 with `x-amz-delete-marker`, a missing copy → 404 NoSuchVersion.
 */
export function serveObjectVersion(
  res: ServerResponse,
  method: string,
  version: ObjectVersion,
  copyPath: string,
): void {
  if (version.object === undefined) {
    res.setHeader('x-amz-delete-marker', 'true');
    res.setHeader('x-amz-version-id', version.versionId);
    sendS3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    return;
  }
  if (!existsSync(copyPath)) {
    sendS3Error(res, 404, 'NoSuchVersion', 'The specified version does not exist.');
    return;
  }
  res.writeHead(200, {
    'content-type': version.object.contentType,
    'content-length': String(version.object.size),
    etag: version.object.etag,
    'last-modified': version.object.lastModified,
    'x-amz-version-id': version.versionId,
    'accept-ranges': 'bytes',
  });
  if (method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(copyPath).pipe(res);
}
