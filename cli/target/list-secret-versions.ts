import { ListSecretsCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretVersion } from './deploy-target.js';

/** Names under `prefix` and their `AWSCURRENT` version ids, sorted by name. Never values. */
export async function listSecretVersions(
  secrets: SecretsManagerClient,
  prefix: string,
): Promise<SecretVersion[]> {
  const rows: SecretVersion[] = [];
  let nextToken: string | undefined;
  do {
    const page = await secrets.send(
      new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [prefix] }], NextToken: nextToken }),
    );
    for (const secret of page.SecretList ?? []) {
      if (!secret.Name?.startsWith(prefix)) continue;
      const current = Object.entries(secret.SecretVersionsToStages ?? {}).find(([, stages]) =>
        stages.includes('AWSCURRENT'),
      )?.[0];
      rows.push({ name: secret.Name, versionId: current ?? null });
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return rows.sort((a, b) => (a.name < b.name ? -1 : 1));
}
