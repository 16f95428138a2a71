import { assertValid } from './assert-valid.js';
import { withClientToken } from './client-token.js';
import type { OperationHandler } from './emulator-context.js';
import { beginTransition, type HarnessEndpointRecord, type HarnessRecord } from './emulator-state.js';
import { DefaultEndpoint, findNamedEndpoint, servedVersion } from './endpoint-versions.js';
import { findHarness, findHarnessVersion, latestHarnessVersion } from './harness-lookup.js';
import { HarnessShapes } from './harness-shapes.js';
import { parseJsonObject } from './http-exchange.js';
import { paginate } from './paginate.js';
import { Status } from './runtime-shapes.js';
import { conflict, validationError } from './service-error.js';
import { assertQuota } from './service-quotas.js';
import { checkShape } from './shape-schema.js';

/** CreateHarnessEndpoint — `POST /harnesses/{id}/endpoints` → 201 (agentcore-api.md §6). */
export const createHarnessEndpoint: OperationHandler = (ctx, request) => {
  const harness = findHarness(ctx, request.params[0]!);
  const body = parseJsonObject(request.body);
  assertValid(checkShape(HarnessShapes.CreateHarnessEndpoint, body, ''));
  return withClientToken(ctx, 'CreateHarnessEndpoint', body.clientToken, { id: harness.id, body }, () => {
    const name = body.endpointName as string;
    if (name === DefaultEndpoint) {
      throw validationError([{ name: 'endpointName', message: 'The endpoint name DEFAULT is reserved.' }]);
    }
    if (harness.endpoints.some((e) => e.name === name)) {
      throw conflict(`An endpoint named ${name} already exists for harness ${harness.id}.`);
    }
    if (harness.deleting !== undefined) throw conflict(`Harness ${harness.id} is being deleted.`);
    assertQuota(ctx.quotas, harness.endpoints.length, 'endpointsPerResource', 'endpoints per harness');
    const targetVersion = (body.targetVersion as string | undefined) ?? latestHarnessVersion(harness).version;
    findHarnessVersion(harness, targetVersion);
    const at = new Date(request.nowMs).toISOString();
    const endpoint: HarnessEndpointRecord = {
      name,
      arn: `${harness.arn}/harness-endpoint/${name}`,
      createdAt: at,
      updatedAt: at,
      targetVersion,
      tags: { ...((body.tags as Record<string, string> | undefined) ?? {}) },
      status: Status.Creating,
      ...(typeof body.description === 'string' ? { description: body.description } : {}),
    };
    beginTransition(endpoint, Status.Creating, { status: Status.Ready }, request.nowMs, ctx.delays.createMs);
    harness.endpoints.push(endpoint);
    return {
      resourceArn: endpoint.arn,
      reply: { status: 201, body: { endpoint: endpointView(harness, endpoint) } },
    };
  });
};

/** GetHarnessEndpoint — `GET /harnesses/{id}/endpoints/{name}` → 200. */
export const getHarnessEndpoint: OperationHandler = (ctx, request) => {
  const harness = findHarness(ctx, request.params[0]!);
  const endpoint = findEndpoint(harness, request.params[1]!);
  return { status: 200, body: { endpoint: endpointView(harness, endpoint) } };
};

/** UpdateHarnessEndpoint — `PATCH /harnesses/{id}/endpoints/{name}` → 200: moves the endpoint. */
export const updateHarnessEndpoint: OperationHandler = (ctx, request) => {
  const harness = findHarness(ctx, request.params[0]!);
  const endpoint = findEndpoint(harness, request.params[1]!);
  const body = parseJsonObject(request.body);
  assertValid(checkShape(HarnessShapes.UpdateHarnessEndpoint, body, ''));
  return withClientToken(ctx, 'UpdateHarnessEndpoint', body.clientToken, { id: endpoint.arn, body }, () => {
    if (endpoint.status !== Status.Ready && endpoint.status !== Status.UpdateFailed) {
      throw conflict(`Endpoint ${endpoint.name} is in status ${endpoint.status}.`);
    }
    const targetVersion = (body.targetVersion as string | undefined) ?? latestHarnessVersion(harness).version;
    findHarnessVersion(harness, targetVersion);
    endpoint.liveVersion = endpoint.targetVersion;
    endpoint.targetVersion = targetVersion;
    endpoint.updatedAt = new Date(request.nowMs).toISOString();
    if (typeof body.description === 'string') endpoint.description = body.description;
    beginTransition(endpoint, Status.Updating, { status: Status.Ready }, request.nowMs, ctx.delays.updateMs);
    return {
      resourceArn: endpoint.arn,
      reply: { status: 200, body: { endpoint: endpointView(harness, endpoint) } },
    };
  });
};

/** DeleteHarnessEndpoint — `DELETE /harnesses/{id}/endpoints/{name}` → 200. */
export const deleteHarnessEndpoint: OperationHandler = (ctx, request) => {
  const harness = findHarness(ctx, request.params[0]!);
  const endpoint = findEndpoint(harness, request.params[1]!);
  return withClientToken(
    ctx,
    'DeleteHarnessEndpoint',
    request.query.get('clientToken') ?? undefined,
    { id: endpoint.arn },
    () => {
      beginTransition(endpoint, Status.Deleting, { status: 'GONE' }, request.nowMs, ctx.delays.deleteMs);
      return {
        resourceArn: endpoint.arn,
        reply: { status: 200, body: { endpoint: endpointView(harness, endpoint) } },
      };
    },
  );
};

/** ListHarnessEndpoints — `GET /harnesses/{id}/endpoints` → 200. */
export const listHarnessEndpoints: OperationHandler = (ctx, request) => {
  const harness = findHarness(ctx, request.params[0]!);
  const page = paginate(harness.endpoints, request.query);
  return {
    status: 200,
    body: { endpoints: page.items.map((e) => endpointView(harness, e)), nextToken: page.nextToken },
  };
};

/** The harness version an InvokeHarness `qualifier` serves. */
export function harnessLiveVersion(harness: HarnessRecord, qualifier: string): string | undefined {
  return servedVersion(harness, qualifier, 'harness');
}

function findEndpoint(harness: HarnessRecord, name: string): HarnessEndpointRecord {
  return findNamedEndpoint(harness, name, 'harness');
}

function endpointView(harness: HarnessRecord, endpoint: HarnessEndpointRecord): Record<string, unknown> {
  const liveVersion = endpoint.status === Status.Ready ? endpoint.targetVersion : endpoint.liveVersion;
  return {
    harnessId: harness.id,
    harnessName: harness.name,
    endpointName: endpoint.name,
    arn: endpoint.arn,
    status: endpoint.status,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
    targetVersion: endpoint.targetVersion,
    ...(liveVersion !== undefined ? { liveVersion } : {}),
    ...(endpoint.description !== undefined ? { description: endpoint.description } : {}),
    ...(endpoint.failureReason !== undefined ? { failureReason: endpoint.failureReason } : {}),
  };
}
