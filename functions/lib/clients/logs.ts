import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ClientFactory } from '../clients.js';

/** The CloudWatch Logs client (the Harness and Runtime functions set up their agents' log delivery). */
export function logsClient(deps: { readonly client: ClientFactory }): CloudWatchLogsClient {
  return deps.client(CloudWatchLogsClient, 'logs');
}
