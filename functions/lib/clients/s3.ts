import { S3Client } from '@aws-sdk/client-s3';
import type { ClientFactory } from '../clients.js';

/** The S3 client (the stack's drop and artifacts buckets). */
export function s3Client(deps: { readonly client: ClientFactory }): S3Client {
  return deps.client(S3Client, 's3');
}
