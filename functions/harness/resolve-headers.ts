import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { fillSecretTemplate } from '../../core/folder/secret-templates.js';
import { PipelineError, PipelineErrorName, SecretMissingError } from '../lib/errors.js';
import type { PlannedArtifact } from '../lib/planned-artifact.js';
import { readSecretString } from '../lib/secrets.js';

/**
 * Fills each templated MCP header with its secrets' values, just before the harness call (spec §7.4): the
 * version the pre-flight recorded, or the current one. The values exist only in the returned map and on the
 * wire: never logged or stored.
 * @throws SecretMissing (code `secret.missing`) when a secret or its version is gone, or a header names a
 *   secret the plan did not bind; InvalidInput (code `secret.not_string`) for a binary secret.
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
      versionId: binding.versionId,
    });
    if (typeof value !== 'string') {
      const context = { secret: binding.secretId, versionId: binding.versionId };
      if (value.code === 'secret.missing') throw new SecretMissingError(value.message, context);
      throw new PipelineError(PipelineErrorName.InvalidInput, value.message, context, value.code);
    }
    values.set(binding.name, value);
  }
  const headers = new Map<string, Record<string, string>>();
  for (const server of plan.agents[0]?.mcp ?? []) {
    const filled: Record<string, string> = {};
    for (const [header, template] of Object.entries(server.headers)) {
      filled[header] = fillSecretTemplate(template, (name) => {
        const value = values.get(name);
        if (value === undefined) {
          throw new SecretMissingError(
            `MCP server '${server.server}' header '${header}' names secret ${name}, which the plan did not resolve.`,
            { secret: name, server: server.server, header },
          );
        }
        return value;
      });
    }
    headers.set(server.server, filled);
  }
  return headers;
}
