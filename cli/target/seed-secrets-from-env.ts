import {
  CreateSecretCommand,
  DescribeSecretCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { CliIo } from '../io.js';

/** Seeds `<prefix>NAME` from the environment variable NAME when the secret is missing; returns the seeded names. */
export async function seedSecretsFromEnv(
  secrets: SecretsManagerClient,
  prefix: string,
  names: readonly string[],
  env: CliIo['env'],
): Promise<string[]> {
  const seeded: string[] = [];
  for (const name of names) {
    const secretId = `${prefix}${name}`;
    const exists = await secrets.send(new DescribeSecretCommand({ SecretId: secretId })).then(
      () => true,
      (error: Error) => (error.name === 'ResourceNotFoundException' ? false : Promise.reject(error)),
    );
    const value = env[name];
    if (exists || value === undefined || value === '') continue;
    await secrets.send(new CreateSecretCommand({ Name: secretId, SecretString: value }));
    seeded.push(name);
  }
  return seeded;
}
