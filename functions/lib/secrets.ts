import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  type GetSecretValueCommandOutput,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { type Diagnostic, makeDiagnostic } from '../../core/diagnostics/index.js';

/** The current version of one secret, as the pre-flight found it (spec §7.3). Never its value. */
export interface SecretVersion {
  readonly name: string;
  readonly secretId: string;
  readonly arn: string;
  readonly versionId: string;
}

/**
 * Describes every secret a plan references before any resource is touched (spec §7.3): absent or
 * pending deletion is `secret.missing`, denied is `secret.access_denied`. Other errors are thrown.
 */
export async function preflightSecrets(
  client: SecretsManagerClient,
  secrets: readonly { name: string; secretId: string }[],
): Promise<{ versions: SecretVersion[]; diagnostics: Diagnostic[] }> {
  const versions: SecretVersion[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { name, secretId } of secrets) {
    const where = `secret:${name}`;
    try {
      const described = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
      const current = Object.entries(described.VersionIdsToStages ?? {}).find(([, stages]) =>
        stages.includes('AWSCURRENT'),
      )?.[0];
      if (described.DeletedDate || !current || !described.ARN) {
        diagnostics.push(missing(where, secretId));
        continue;
      }
      versions.push({ name, secretId, arn: described.ARN, versionId: current });
    } catch (error) {
      const errorName = error instanceof Error ? error.name : '';
      if (errorName === 'ResourceNotFoundException') diagnostics.push(missing(where, secretId));
      else if (errorName === 'AccessDeniedException') {
        diagnostics.push(
          makeDiagnostic(
            'secret.access_denied',
            where,
            `The pipeline may not describe secret '${secretId}'; it must live under the stack's secret prefix.`,
          ),
        );
      } else throw error;
    }
  }
  return { versions, diagnostics };
}

/**
 * Reads a secret's string value for the wire only (harness headers): the version the pre-flight recorded,
 * else the `AWSCURRENT` stage. A secret or version that is gone (deleted, or pending deletion) is
 * `secret.missing`; a binary secret is `secret.not_string`. Other errors are thrown.
 */
export async function readSecretString(
  client: SecretsManagerClient,
  secret: { name: string; arn: string; versionId: string | null },
): Promise<string | Diagnostic> {
  let value: GetSecretValueCommandOutput;
  try {
    value = await client.send(
      new GetSecretValueCommand({
        SecretId: secret.arn,
        // AWSCURRENT is a staging label: VersionId takes only a version's id (32–64 characters).
        ...(secret.versionId === null ? { VersionStage: 'AWSCURRENT' } : { VersionId: secret.versionId }),
      }),
    );
  } catch (error) {
    if (isGone(error)) return missing(`secret:${secret.name}`, secret.arn);
    throw error;
  }
  if (typeof value.SecretString === 'string') return value.SecretString;
  return makeDiagnostic(
    'secret.not_string',
    `secret:${secret.name}`,
    `Secret '${secret.arn}' holds binary data; a Harness header needs a string secret.`,
  );
}

/** A deleted secret or version is ResourceNotFound; one scheduled for deletion is an InvalidRequest saying so. */
function isGone(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'ResourceNotFoundException' ||
    (error.name === 'InvalidRequestException' && /marked for deletion/i.test(error.message))
  );
}

function missing(where: string, secretId: string): Diagnostic {
  const name = where.slice('secret:'.length);
  return makeDiagnostic(
    'secret.missing',
    where,
    `Secret '${secretId}' does not exist (or is pending deletion); create it with: agentdrop secrets set ${name}`,
  );
}
