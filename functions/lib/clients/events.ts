import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { ClientFactory } from '../clients.js';

/** The EventBridge client (the stack's bus). */
export function eventsClient(deps: { readonly client: ClientFactory }): EventBridgeClient {
  return deps.client(EventBridgeClient, 'events');
}
