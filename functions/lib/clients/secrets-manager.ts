import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ClientFactory } from '../clients.js';

/** The Secrets Manager client (the stack's secrets). */
export function secretsClient(deps: { readonly client: ClientFactory }): SecretsManagerClient {
  return deps.client(SecretsManagerClient, 'secretsmanager');
}
