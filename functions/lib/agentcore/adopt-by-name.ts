import type { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import type { ResourceInfo } from '../contract.js';
import { InvalidInputError, NameCollisionError } from '../errors.js';
import { findLiveResourceByName } from './live-resource.js';

/**
 * Finds our own harness or runtime by name to update it instead of creating a duplicate (DESIGN §2);
 * one owned by another stack or project is a name collision (spec §11).
 */
export async function adoptByName(
  control: BedrockAgentCoreControlClient,
  mode: 'harness' | 'runtime',
  name: string,
  owner: { stackName: string; project: string },
): Promise<ResourceInfo & { id: string }> {
  const found = await findLiveResourceByName(control, mode, name, owner);
  if (!found)
    throw new InvalidInputError(`The ${mode} ${name} was expected to exist but was not found.`, { name });
  if (!found.owned) throw new NameCollisionError({ name, owner: found.owner });
  return { name: found.name, id: found.id, arn: found.arn, version: found.version };
}
