import { Archive, EventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import type { ResolvedAgentDropProps } from './resolve-props.js';

/**
 * Creates the custom bus for outcome events and `Redeploy Requested` (DESIGN §4.4), with an archive of
 * everything agentdrop publishes so consumers can replay; replays never trigger deploys (see the redeploy rule).
 */
export function createEventBus(
  scope: Construct,
  props: ResolvedAgentDropProps,
): { bus: EventBus; archive: Archive } {
  const bus = new EventBus(scope, 'EventBus', { eventBusName: props.eventBusName });
  const archive = new Archive(scope, 'EventArchive', {
    sourceEventBus: bus,
    description: 'Outcome events and redeploy commands of the agentdrop pipeline.',
    eventPattern: { account: [props.account] },
    retention: props.eventArchiveRetention,
  });
  return { bus, archive };
}
