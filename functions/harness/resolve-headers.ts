import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PipelineError, PipelineErrorName } from '../lib/errors.js';
import type { PlannedArtifact } from '../lib/planned-artifact.js';
import { readSecretString } from '../lib/secrets.js';

/**
 * Fills each templated MCP header with its secret's current value, just before the harness call
 * (spec §7.4). The values exist only in the returned map and on the wire: never logged or stored.
 * @throws InvalidInput (code `secret.not_string`) for a binary secret.
 */
export async function resolveHeaders(
  plan: PlannedArtifact,
  client: SecretsManagerClient,
): Promise<Map<string, Record<string, string>>> {
  const values = new Map<string, string>();
  for (const binding of plan.secretBindings) {
    if (values.has(binding.name)) continue;
    const value = await readSecretString(client, {
      name: binding.name,
      arn: plan.secretArns[binding.name] ?? binding.secretId,
      versionId: binding.versionId ?? 'AWSCURRENT',
    });
    if (typeof value !== 'string') {
      throw new PipelineError(
        PipelineErrorName.InvalidInput,
        value.message,
        { secret: binding.secretId },
        value.code,
      );
    }
    values.set(binding.name, value);
  }
  const headers = new Map<string, Record<string, string>>();
  for (const server of plan.agents[0]?.mcp ?? []) {
    const filled: Record<string, string> = {};
    for (const [header, template] of Object.entries(server.headers)) {
      filled[header] = template.replace(
        /\$\{([A-Za-z_][A-Za-z0-9_]{0,127})\}/,
        (_, name: string) => values.get(name) ?? '',
      );
    }
    headers.set(server.server, filled);
  }
  return headers;
}
