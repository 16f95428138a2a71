import type { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { ResourceBusyError } from '../errors.js';
import { getLiveResource } from './live-resource.js';
import { callAgentCore, isConflict } from './service-errors.js';

const InFlight = new Set(['CREATING', 'UPDATING', 'DELETING']);

/**
 * Runs an update or delete of a harness or runtime. AgentCore refuses a change while an earlier one is in flight
 * (409 ConflictException, e.g. after a run that timed out waiting for READY): that conflict becomes
 * ResourceBusy, which the state retries with backoff until the resource settles (spec §11). Other conflicts
 * stay as they are.
 */
export async function mutateUnlessBusy<T>(
  control: BedrockAgentCoreControlClient,
  target: { readonly operation: string; readonly mode: 'harness' | 'runtime'; readonly id: string },
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await callAgentCore(target.operation, call);
  } catch (error) {
    if (!isConflict(error)) throw error;
    const live = await getLiveResource(control, target.mode, target.id);
    if (live && InFlight.has(live.status)) {
      throw new ResourceBusyError(
        { operation: target.operation, resource: target.id, status: live.status },
        { cause: error },
      );
    }
    throw error;
  }
}
