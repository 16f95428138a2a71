import { createRequire } from 'node:module';

interface S3rverAccount {
  createKeyPair(accessKeyId: string, secretAccessKey: string): void;
}

/**
 * Lets s3rver verify signatures made with each `accessKeyId` (its secret being the id itself), as it verifies
 * its own `S3RVER` pair: the local principals sign S3 requests as themselves. s3rver keeps one process-wide
 * registry of keys (`lib/models/account.js`), holding its built-in account.
 */
export function acceptAccessKeys(accessKeyIds: readonly string[]): void {
  const require = createRequire(import.meta.url);
  const account = (require('s3rver/lib/models/account.js') as { DUMMY_ACCOUNT: S3rverAccount }).DUMMY_ACCOUNT;
  for (const id of accessKeyIds) account.createKeyPair(id, id);
}
