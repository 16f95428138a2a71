import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { ClientFactory } from '../clients.js';

/** The Service Quotas client for a region (only the Plan function reads quotas). */
export function serviceQuotasClient(
  deps: { readonly client: ClientFactory },
  region?: string,
): ServiceQuotasClient {
  return deps.client(ServiceQuotasClient, 'servicequotas', region);
}
