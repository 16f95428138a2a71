import {
  type BedrockAgentCoreControlClient,
  CreateAgentRuntimeEndpointCommand,
  CreateHarnessEndpointCommand,
  GetAgentRuntimeEndpointCommand,
  GetHarnessEndpointCommand,
  UpdateAgentRuntimeEndpointCommand,
  UpdateHarnessEndpointCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { ResourceFailedError } from '../errors.js';
import { callAgentCore, isConflict, isNotFound } from './service-errors.js';

/** The endpoint users call: the pipeline moves it only to a version that passed its smoke test (DESIGN §8). */
export const LiveEndpoint = 'live';
/** The endpoint the smoke test calls: moved to each new version before it is tested. */
export const CandidateEndpoint = 'candidate';

/** A named endpoint of a harness or runtime as the control plane reports it. */
export interface NamedEndpointInfo {
  readonly name: string;
  readonly arn: string;
  readonly status: string;
  readonly targetVersion: string | null;
  readonly liveVersion: string | null;
  readonly failureReason: string | null;
}

/** What {@link pointEndpoint} did and whether the endpoint serves the version yet. */
export interface PointedEndpoint {
  readonly endpoint: NamedEndpointInfo;
  /** True once the endpoint is READY and serves exactly the version asked for. */
  readonly serving: boolean;
}

const InFlight = new Set(['CREATING', 'UPDATING']);

/** Reads a named endpoint of a harness or runtime; null when it does not exist. */
export async function getNamedEndpoint(
  control: BedrockAgentCoreControlClient,
  mode: 'harness' | 'runtime',
  resourceId: string,
  name: string,
): Promise<NamedEndpointInfo | null> {
  try {
    if (mode === 'harness') {
      const { endpoint } = await callAgentCore('GetHarnessEndpoint', () =>
        control.send(new GetHarnessEndpointCommand({ harnessId: resourceId, endpointName: name })),
      );
      return harnessEndpointInfo(name, endpoint!, null);
    }
    const answer = await callAgentCore('GetAgentRuntimeEndpoint', () =>
      control.send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: resourceId, endpointName: name })),
    );
    return {
      name,
      arn: answer.agentRuntimeEndpointArn!,
      status: answer.status!,
      targetVersion: answer.targetVersion ?? null,
      liveVersion: answer.liveVersion ?? null,
      failureReason: answer.failureReason ?? null,
    };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * Points the named endpoint of a harness or runtime at `version` (agentcore-api §2, §4, §6) and reports whether it
 * serves it yet. Idempotent under retries: it reads the endpoint first, so an endpoint already at that version
 * (a retry after the call landed) is never moved again; creates and updates carry a deterministic `token`, which
 * AgentCore replays. An endpoint still moving to another version (left by an earlier run) is waited out, not
 * moved. An endpoint whose move failed is ResourceFailed.
 */
export async function pointEndpoint(
  control: BedrockAgentCoreControlClient,
  target: {
    readonly mode: 'harness' | 'runtime';
    readonly resourceId: string;
    readonly name: string;
    readonly version: string;
    readonly token: string;
    readonly tags: Readonly<Record<string, string>>;
  },
): Promise<PointedEndpoint> {
  const { mode, resourceId, name, version, token } = target;
  const current = await getNamedEndpoint(control, mode, resourceId, name);
  if (current === null) {
    try {
      return settled(await createEndpoint(control, target), version);
    } catch (error) {
      // Created meanwhile (a concurrent or earlier attempt without this token): read it and go on from there.
      if (!isConflict(error)) throw error;
      const created = await getNamedEndpoint(control, mode, resourceId, name);
      if (created === null) throw error;
      return settled(created, version);
    }
  }
  if (current.targetVersion === version || InFlight.has(current.status)) return settled(current, version);
  try {
    return settled(await updateEndpoint(control, mode, resourceId, name, version, token), version);
  } catch (error) {
    // Moving meanwhile: the next check sees where it went.
    if (isConflict(error)) return { endpoint: current, serving: false };
    throw error;
  }
}

function settled(endpoint: NamedEndpointInfo, version: string): PointedEndpoint {
  if (endpoint.status.endsWith('_FAILED') && endpoint.targetVersion === version) {
    throw new ResourceFailedError({
      resource: endpoint.arn,
      status: endpoint.status,
      failureReason: endpoint.failureReason,
    });
  }
  return {
    endpoint,
    serving: endpoint.status === 'READY' && endpoint.liveVersion === version,
  };
}

async function createEndpoint(
  control: BedrockAgentCoreControlClient,
  target: Parameters<typeof pointEndpoint>[1],
): Promise<NamedEndpointInfo> {
  const { mode, resourceId, name, version, token, tags } = target;
  if (mode === 'harness') {
    const { endpoint } = await callAgentCore('CreateHarnessEndpoint', () =>
      control.send(
        new CreateHarnessEndpointCommand({
          harnessId: resourceId,
          endpointName: name,
          targetVersion: version,
          clientToken: token,
          tags: { ...tags },
        }),
      ),
    );
    return harnessEndpointInfo(name, endpoint!, version);
  }
  const answer = await callAgentCore('CreateAgentRuntimeEndpoint', () =>
    control.send(
      new CreateAgentRuntimeEndpointCommand({
        agentRuntimeId: resourceId,
        name,
        agentRuntimeVersion: version,
        clientToken: token,
        tags: { ...tags },
      }),
    ),
  );
  return {
    name,
    arn: answer.agentRuntimeEndpointArn!,
    status: answer.status!,
    targetVersion: answer.targetVersion ?? version,
    liveVersion: null,
    failureReason: null,
  };
}

async function updateEndpoint(
  control: BedrockAgentCoreControlClient,
  mode: 'harness' | 'runtime',
  resourceId: string,
  name: string,
  version: string,
  token: string,
): Promise<NamedEndpointInfo> {
  if (mode === 'harness') {
    const { endpoint } = await callAgentCore('UpdateHarnessEndpoint', () =>
      control.send(
        new UpdateHarnessEndpointCommand({
          harnessId: resourceId,
          endpointName: name,
          targetVersion: version,
          clientToken: token,
        }),
      ),
    );
    return harnessEndpointInfo(name, endpoint!, version);
  }
  const answer = await callAgentCore('UpdateAgentRuntimeEndpoint', () =>
    control.send(
      new UpdateAgentRuntimeEndpointCommand({
        agentRuntimeId: resourceId,
        endpointName: name,
        agentRuntimeVersion: version,
        clientToken: token,
      }),
    ),
  );
  return {
    name,
    arn: answer.agentRuntimeEndpointArn!,
    status: answer.status!,
    targetVersion: answer.targetVersion ?? version,
    liveVersion: answer.liveVersion ?? null,
    failureReason: null,
  };
}

/** A harness endpoint as the API answers it, with `targetVersion` defaulting to what the call asked for. */
function harnessEndpointInfo(
  name: string,
  endpoint: {
    arn?: string;
    status?: string;
    targetVersion?: string;
    liveVersion?: string;
    failureReason?: string;
  },
  requestedVersion: string | null,
): NamedEndpointInfo {
  return {
    name,
    arn: endpoint.arn!,
    status: endpoint.status!,
    targetVersion: endpoint.targetVersion ?? requestedVersion,
    liveVersion: endpoint.liveVersion ?? null,
    failureReason: endpoint.failureReason ?? null,
  };
}
