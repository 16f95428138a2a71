import {
  CreateSecretCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

/** Creates `secretId`, or stores a new current version when it exists; returns the version id. */
export async function putSecretValue(
  secrets: SecretsManagerClient,
  secretId: string,
  value: string,
): Promise<string> {
  try {
    return (
      (await secrets.send(new CreateSecretCommand({ Name: secretId, SecretString: value }))).VersionId ?? ''
    );
  } catch (error) {
    if ((error as Error).name !== 'ResourceExistsException') throw error;
    return (
      (await secrets.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: value })))
        .VersionId ?? ''
    );
  }
}
