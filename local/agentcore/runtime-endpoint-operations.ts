import { assertValid } from './assert-valid.js';
import { withClientToken } from './client-token.js';
import type { OperationHandler } from './emulator-context.js';
import {
  beginTransition,
  newResourceId,
  type RuntimeEndpointRecord,
  type RuntimeRecord,
} from './emulator-state.js';
import { DefaultEndpoint, findNamedEndpoint, servedVersion } from './endpoint-versions.js';
import { parseJsonObject } from './http-exchange.js';
import { findRuntime, findVersion, latest } from './runtime-lookup.js';
import { RuntimeShapes, Status } from './runtime-shapes.js';
import { conflict, validationError } from './service-error.js';
import { assertQuota } from './service-quotas.js';
import { checkShape } from './shape-schema.js';

/** CreateAgentRuntimeEndpoint — `PUT /runtimes/{id}/runtime-endpoints/` → 202 (agentcore-api.md §4). */
export const createAgentRuntimeEndpoint: OperationHandler = (ctx, request) => {
  const runtime = findRuntime(ctx, request.params[0]!);
  const body = parseJsonObject(request.body);
  assertValid(checkShape(RuntimeShapes.CreateAgentRuntimeEndpoint, body, ''));
  return withClientToken(
    ctx,
    'CreateAgentRuntimeEndpoint',
    body.clientToken,
    { id: runtime.id, body },
    () => {
      const name = body.name as string;
      if (name === DefaultEndpoint || runtime.endpoints.some((e) => e.name === name)) {
        throw conflict(`An endpoint named ${name} already exists for agent runtime ${runtime.id}.`);
      }
      if (runtime.deleting !== undefined) throw conflict(`Agent runtime ${runtime.id} is being deleted.`);
      assertQuota(
        ctx.quotas,
        runtime.endpoints.length,
        'endpointsPerResource',
        'endpoints per agent runtime',
      );
      const targetVersion = (body.agentRuntimeVersion as string | undefined) ?? latest(runtime).version;
      findVersion(runtime, targetVersion);
      const at = new Date(request.nowMs).toISOString();
      const endpoint: RuntimeEndpointRecord = {
        name,
        id: newResourceId(name),
        arn: `${runtime.arn}/runtime-endpoint/${name}`,
        createdAt: at,
        lastUpdatedAt: at,
        targetVersion,
        tags: { ...((body.tags as Record<string, string> | undefined) ?? {}) },
        status: Status.Creating,
        ...(typeof body.description === 'string' ? { description: body.description } : {}),
      };
      beginTransition(
        endpoint,
        Status.Creating,
        { status: Status.Ready },
        request.nowMs,
        ctx.delays.createMs,
      );
      runtime.endpoints.push(endpoint);
      return {
        resourceArn: endpoint.arn,
        reply: {
          status: 202,
          body: {
            targetVersion,
            agentRuntimeEndpointArn: endpoint.arn,
            agentRuntimeArn: runtime.arn,
            agentRuntimeId: runtime.id,
            endpointName: name,
            status: Status.Creating,
            createdAt: at,
          },
        },
      };
    },
  );
};

/** GetAgentRuntimeEndpoint — `GET /runtimes/{id}/runtime-endpoints/{name}/` → 200. */
export const getAgentRuntimeEndpoint: OperationHandler = (ctx, request) => {
  const runtime = findRuntime(ctx, request.params[0]!);
  return { status: 200, body: endpointView(runtime, request.params[1]!) };
};

/** UpdateAgentRuntimeEndpoint — `PUT /runtimes/{id}/runtime-endpoints/{name}/` → 202: moves the endpoint. */
export const updateAgentRuntimeEndpoint: OperationHandler = (ctx, request) => {
  const runtime = findRuntime(ctx, request.params[0]!);
  const body = parseJsonObject(request.body);
  assertValid(checkShape(RuntimeShapes.UpdateAgentRuntimeEndpoint, body, ''));
  const endpoint = findEndpoint(runtime, request.params[1]!);
  return withClientToken(
    ctx,
    'UpdateAgentRuntimeEndpoint',
    body.clientToken,
    { id: endpoint.arn, body },
    () => {
      if (endpoint.status !== Status.Ready && endpoint.status !== Status.UpdateFailed) {
        throw conflict(`Endpoint ${endpoint.name} is in status ${endpoint.status}.`);
      }
      const targetVersion = (body.agentRuntimeVersion as string | undefined) ?? latest(runtime).version;
      findVersion(runtime, targetVersion);
      const at = new Date(request.nowMs).toISOString();
      endpoint.liveVersion = endpoint.targetVersion;
      endpoint.targetVersion = targetVersion;
      endpoint.lastUpdatedAt = at;
      if (typeof body.description === 'string') endpoint.description = body.description;
      beginTransition(
        endpoint,
        Status.Updating,
        { status: Status.Ready },
        request.nowMs,
        ctx.delays.updateMs,
      );
      return {
        resourceArn: endpoint.arn,
        reply: { status: 202, body: endpointView(runtime, endpoint.name) },
      };
    },
  );
};

/** DeleteAgentRuntimeEndpoint — `DELETE /runtimes/{id}/runtime-endpoints/{name}/` → 202. */
export const deleteAgentRuntimeEndpoint: OperationHandler = (ctx, request) => {
  const runtime = findRuntime(ctx, request.params[0]!);
  const name = request.params[1]!;
  if (name === DefaultEndpoint) {
    throw validationError([{ name: 'endpointName', message: 'The DEFAULT endpoint cannot be deleted.' }]);
  }
  const endpoint = findEndpoint(runtime, name);
  return withClientToken(
    ctx,
    'DeleteAgentRuntimeEndpoint',
    request.query.get('clientToken') ?? undefined,
    { id: endpoint.arn },
    () => {
      beginTransition(endpoint, Status.Deleting, { status: 'GONE' }, request.nowMs, ctx.delays.deleteMs);
      return {
        resourceArn: endpoint.arn,
        reply: {
          status: 202,
          body: { status: Status.Deleting, agentRuntimeId: runtime.id, endpointName: name },
        },
      };
    },
  );
};

/** ListAgentRuntimeEndpoints — `POST /runtimes/{id}/runtime-endpoints/` → 200. */
export const listAgentRuntimeEndpoints: OperationHandler = (ctx, request) => {
  const runtime = findRuntime(ctx, request.params[0]!);
  const names = [DefaultEndpoint, ...runtime.endpoints.map((e) => e.name)];
  return { status: 200, body: { runtimeEndpoints: names.map((name) => endpointView(runtime, name)) } };
};

/** The runtime version an endpoint serves now (DEFAULT follows the latest READY version, §2). */
export function liveVersionOf(runtime: RuntimeRecord, endpointName: string): string | undefined {
  return servedVersion(runtime, endpointName, 'agent runtime');
}

function findEndpoint(runtime: RuntimeRecord, name: string): RuntimeEndpointRecord {
  return findNamedEndpoint(runtime, name, 'agent runtime');
}

function endpointView(runtime: RuntimeRecord, name: string): Record<string, unknown> {
  const liveVersion = liveVersionOf(runtime, name);
  if (name === DefaultEndpoint) {
    const newest = latest(runtime);
    return {
      name,
      id: runtime.defaultEndpointId,
      agentRuntimeEndpointArn: `${runtime.arn}/runtime-endpoint/${name}`,
      agentRuntimeArn: runtime.arn,
      status:
        runtime.deleting !== undefined
          ? Status.Deleting
          : liveVersion === undefined
            ? newest.status
            : Status.Ready,
      createdAt: runtime.createdAt,
      lastUpdatedAt: newest.lastUpdatedAt,
      targetVersion: newest.version,
      ...(liveVersion !== undefined ? { liveVersion } : {}),
    };
  }
  const endpoint = findEndpoint(runtime, name);
  return {
    name,
    id: endpoint.id,
    agentRuntimeEndpointArn: endpoint.arn,
    agentRuntimeArn: runtime.arn,
    status: endpoint.status,
    createdAt: endpoint.createdAt,
    lastUpdatedAt: endpoint.lastUpdatedAt,
    targetVersion: endpoint.targetVersion,
    ...(liveVersion !== undefined ? { liveVersion } : {}),
    ...(endpoint.description !== undefined ? { description: endpoint.description } : {}),
    ...(endpoint.failureReason !== undefined ? { failureReason: endpoint.failureReason } : {}),
  };
}
