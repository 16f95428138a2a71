import type { IncomingHttpHeaders } from 'node:http';

/** A path-style S3 request: the operation name (as the API and fault flags call it), bucket and key. */
export interface S3Request {
  readonly operation: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly query: URLSearchParams;
}

/** Names the S3 operation of a path-style request (`PUT /b/k` → `PutObject`). */
export function s3RequestOf(method: string, url: string, headers: IncomingHttpHeaders): S3Request {
  const parsed = new URL(url, 'http://localhost');
  const [, bucketPart = '', ...keyParts] = parsed.pathname.split('/');
  const bucket = bucketPart === '' ? undefined : decodeURIComponent(bucketPart);
  const key =
    keyParts.length === 0 || keyParts.join('/') === '' ? undefined : decodeURIComponent(keyParts.join('/'));
  const query = parsed.searchParams;
  const base = { query, ...(bucket !== undefined ? { bucket } : {}), ...(key !== undefined ? { key } : {}) };
  return { ...base, operation: operationOf(method, bucket, key, query, headers) };
}

function operationOf(
  method: string,
  bucket: string | undefined,
  key: string | undefined,
  query: URLSearchParams,
  headers: IncomingHttpHeaders,
): string {
  if (bucket === undefined) return 'ListBuckets';
  if (key === undefined) {
    if (method === 'POST' && query.has('delete')) return 'DeleteObjects';
    const bucketOperations: Record<string, string> = {
      PUT: 'CreateBucket',
      DELETE: 'DeleteBucket',
      HEAD: 'HeadBucket',
      GET: query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects',
    };
    return bucketOperations[method] ?? `${method}Bucket`;
  }
  switch (method) {
    case 'PUT':
      if (query.has('uploadId')) return 'UploadPart';
      return headers['x-amz-copy-source'] !== undefined ? 'CopyObject' : 'PutObject';
    case 'GET':
      return 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'DELETE':
      return query.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
    case 'POST':
      if (query.has('uploads')) return 'CreateMultipartUpload';
      return query.has('uploadId') ? 'CompleteMultipartUpload' : 'PostObject';
    default:
      return `${method}Object`;
  }
}
