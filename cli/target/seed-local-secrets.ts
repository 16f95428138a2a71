import { randomBytes } from 'node:crypto';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { CliIo } from '../io.js';
import type { SeededSecret } from './deploy-target.js';

/**
 * Creates each missing local secret `<prefix>NAME` so a fresh folder deploys on the local cloud as is: from the
 * environment variable NAME when set, else with a random placeholder, so the pipeline finds it; the local agents still send it to the MCP server,
 * which will refuse it, so the server's tools need the real value. The pipeline itself still fails a drop whose
 * secret is missing.
 */
export async function seedLocalSecrets(
  secrets: SecretsManagerClient,
  prefix: string,
  names: readonly string[],
  env: CliIo['env'],
): Promise<SeededSecret[]> {
  const seeded: SeededSecret[] = [];
  for (const name of names) {
    const secretId = `${prefix}${name}`;
    const exists = await secrets.send(new DescribeSecretCommand({ SecretId: secretId })).then(
      () => true,
      (error: Error) => (error.name === 'ResourceNotFoundException' ? false : Promise.reject(error)),
    );
    if (exists) continue;
    const fromEnv = env[name];
    const from = fromEnv === undefined || fromEnv === '' ? 'placeholder' : 'environment';
    const value =
      from === 'environment' ? fromEnv : `local-placeholder-${randomBytes(18).toString('base64url')}`;
    await secrets.send(new CreateSecretCommand({ Name: secretId, SecretString: value }));
    seeded.push({ name, from });
  }
  return seeded;
}
