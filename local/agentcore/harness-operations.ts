import { assertValid } from './assert-valid.js';
import { withClientToken } from './client-token.js';
import type { EmulatorContext, OperationHandler, OperationRequest } from './emulator-context.js';
import { type HarnessRecord, type HarnessVersionRecord, newResourceId } from './emulator-state.js';
import { findHarness, findHarnessVersion, harnessStatus, latestHarnessVersion } from './harness-lookup.js';
import { HarnessShapes } from './harness-shapes.js';
import { parseJsonObject } from './http-exchange.js';
import { paginate } from './paginate.js';
import { Status } from './runtime-shapes.js';
import { conflict } from './service-error.js';
import { assertQuota } from './service-quotas.js';
import { checkShape } from './shape-schema.js';
import { startVersionTransition } from './start-version-transition.js';

/** Members that UpdateHarness wraps as `{optionalValue}`; the wrapper without a value clears them (§12). */
const wrapped = new Set(['environmentArtifact', 'authorizerConfiguration', 'memory']);

/** CreateHarness — `POST /harnesses` → 201 (agentcore-api.md §5). */
export const createHarness: OperationHandler = (ctx, request) => {
  const body = parseJsonObject(request.body);
  assertValid(checkShape(HarnessShapes.CreateHarness, body, ''));
  return withClientToken(ctx, 'CreateHarness', body.clientToken, body, () => {
    const name = body.harnessName as string;
    if (ctx.state.harnesses.some((h) => h.name === name)) {
      throw conflict(`A harness with the name ${name} already exists.`);
    }
    assertQuota(ctx.quotas, ctx.state.harnesses.length, 'harnessesPerAccount', 'harnesses per account');
    const id = newResourceId(name);
    const at = new Date(request.nowMs).toISOString();
    const { clientToken: _t, harnessName: _n, tags, ...config } = body;
    const harness: HarnessRecord = {
      id,
      name,
      arn: `arn:aws:bedrock-agentcore:${ctx.options.region}:${ctx.options.accountId}:harness/${id}`,
      createdAt: at,
      updatedAt: at,
      runtimeId: newResourceId(`harness_${name}`),
      versions: [],
      endpoints: [],
      tags: { ...((tags as Record<string, string> | undefined) ?? {}) },
    };
    harness.versions.push(newVersion(ctx, harness, withDefaults(ctx, harness, config), 'create', request));
    ctx.state.harnesses.push(harness);
    return { resourceArn: harness.arn, reply: { status: 201, body: { harness: harnessView(ctx, harness) } } };
  });
};

/** GetHarness — `GET /harnesses/{id}?harnessVersion=` → 200. */
export const getHarness: OperationHandler = (ctx, request) => {
  const harness = findHarness(ctx, request.params[0]!);
  const versionParam = request.query.get('harnessVersion');
  const version = versionParam === null ? undefined : findHarnessVersion(harness, versionParam);
  return { status: 200, body: { harness: harnessView(ctx, harness, version) } };
};

/** UpdateHarness — `PATCH /harnesses/{id}` → 200: omitted members keep their value; a new version (§12). */
export const updateHarness: OperationHandler = (ctx, request) => {
  const harness = findHarness(ctx, request.params[0]!);
  const body = parseJsonObject(request.body);
  assertValid(checkShape(HarnessShapes.UpdateHarness, body, ''));
  return withClientToken(ctx, 'UpdateHarness', body.clientToken, { id: harness.id, body }, () => {
    const current = latestHarnessVersion(harness);
    if (
      harness.deleting !== undefined ||
      current.status === Status.Creating ||
      current.status === Status.Updating
    ) {
      throw conflict(`Harness ${harness.id} is in status ${harnessStatus(harness)}; wait until it settles.`);
    }
    const config: Record<string, unknown> = { ...current.config };
    for (const [key, value] of Object.entries(body)) {
      if (key === 'clientToken' || value === undefined || value === null) continue;
      if (wrapped.has(key)) {
        const inner = (value as { optionalValue?: unknown }).optionalValue;
        if (inner === undefined || inner === null) delete config[key];
        else config[key] = inner;
      } else {
        config[key] = value;
      }
    }
    harness.updatedAt = new Date(request.nowMs).toISOString();
    harness.versions.push(newVersion(ctx, harness, withDefaults(ctx, harness, config), 'update', request));
    return { resourceArn: harness.arn, reply: { status: 200, body: { harness: harnessView(ctx, harness) } } };
  });
};

/** DeleteHarness — `DELETE /harnesses/{id}?clientToken=&deleteManagedMemory=` → 200. */
export const deleteHarness: OperationHandler = (ctx, request) => {
  const harness = findHarness(ctx, request.params[0]!);
  return withClientToken(
    ctx,
    'DeleteHarness',
    request.query.get('clientToken') ?? undefined,
    { id: harness.id, memory: request.query.get('deleteManagedMemory') },
    () => {
      if (harness.deleting === undefined) harness.deleting = { atMs: request.nowMs + ctx.delays.deleteMs };
      for (const key of ctx.harnessSessions.keys())
        if (key.startsWith(`${harness.id}|`)) ctx.harnessSessions.delete(key);
      return {
        resourceArn: harness.arn,
        reply: { status: 200, body: { harness: harnessView(ctx, harness) } },
      };
    },
  );
};

/** ListHarnesses — `GET /harnesses` → 200. */
export const listHarnesses: OperationHandler = (ctx, request) => {
  const page = paginate(ctx.state.harnesses, request.query);
  return {
    status: 200,
    body: {
      harnesses: page.items.map((h) => ({
        harnessId: h.id,
        harnessName: h.name,
        arn: h.arn,
        status: harnessStatus(h),
        createdAt: h.createdAt,
        updatedAt: h.updatedAt,
        harnessVersion: latestHarnessVersion(h).version,
      })),
      nextToken: page.nextToken,
    },
  };
};

/** ListHarnessVersions — `GET /harnesses/{id}/versions` → 200, newest first. */
export const listHarnessVersions: OperationHandler = (ctx, request) => {
  const harness = findHarness(ctx, request.params[0]!);
  const page = paginate([...harness.versions].reverse(), request.query);
  return {
    status: 200,
    body: {
      harnessVersions: page.items.map((v) => ({
        harnessId: harness.id,
        harnessName: harness.name,
        arn: harness.arn,
        harnessVersion: v.version,
        status: v.status,
        createdAt: v.createdAt,
        updatedAt: v.updatedAt,
        ...(v.failureReason !== undefined ? { failureReason: v.failureReason } : {}),
      })),
      nextToken: page.nextToken,
    },
  };
};

function newVersion(
  ctx: EmulatorContext,
  harness: HarnessRecord,
  config: Record<string, unknown>,
  kind: 'create' | 'update',
  request: OperationRequest,
): HarnessVersionRecord {
  const at = new Date(request.nowMs).toISOString();
  const version: HarnessVersionRecord = {
    version: String(harness.versions.length + 1),
    config,
    createdAt: at,
    updatedAt: at,
    status: Status.Creating,
  };
  startVersionTransition(ctx, version, config.environmentArtifact, kind, request, config.executionRoleArn);
  return version;
}

/**
 * Fills what the service supplies when a member is omitted (the real defaults are not published): a default
 * Bedrock model, empty lists, a sliding-window truncation, managed memory with the default strategies.
 */
function withDefaults(
  ctx: EmulatorContext,
  harness: HarnessRecord,
  config: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    model: { bedrockModelConfig: { modelId: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0' } },
    systemPrompt: [],
    tools: [],
    skills: [],
    allowedTools: ['*'],
    truncation: { strategy: 'sliding_window', config: { slidingWindow: { messagesCount: 100 } } },
    ...config,
  };
  const memory = out.memory as { managedMemoryConfiguration?: Record<string, unknown> } | undefined;
  if (memory === undefined || memory.managedMemoryConfiguration !== undefined) {
    const memoryId = `${harness.name.replaceAll('_', '-')}_mem-${harness.id.slice(-10)}`;
    out.memory = {
      managedMemoryConfiguration: {
        strategies: ['SEMANTIC', 'SUMMARIZATION'],
        eventExpiryDuration: 30,
        ...memory?.managedMemoryConfiguration,
        arn: `arn:aws:bedrock-agentcore:${ctx.options.region}:${ctx.options.accountId}:memory/${memoryId}`,
      },
    };
  }
  return out;
}

function harnessView(
  ctx: EmulatorContext,
  harness: HarnessRecord,
  version = latestHarnessVersion(harness),
): Record<string, unknown> {
  const config = version.config;
  const environment = (
    config.environment as { agentCoreRuntimeEnvironment?: Record<string, unknown> } | undefined
  )?.agentCoreRuntimeEnvironment;
  return {
    ...config,
    harnessId: harness.id,
    harnessName: harness.name,
    arn: harness.arn,
    status: harnessStatus(harness, version),
    createdAt: harness.createdAt,
    updatedAt: version.updatedAt,
    harnessVersion: version.version,
    environment: {
      agentCoreRuntimeEnvironment: {
        ...environment,
        agentRuntimeArn: `arn:aws:bedrock-agentcore:${ctx.options.region}:${ctx.options.accountId}:runtime/${harness.runtimeId}`,
        agentRuntimeName: harness.runtimeId.slice(0, -11),
        agentRuntimeId: harness.runtimeId,
        lifecycleConfiguration: {
          idleRuntimeSessionTimeout: 900,
          maxLifetime: 28800,
          ...(environment?.lifecycleConfiguration as Record<string, unknown> | undefined),
        },
        networkConfiguration: environment?.networkConfiguration ?? { networkMode: 'PUBLIC' },
      },
    },
    ...(version.failureReason !== undefined ? { failureReason: version.failureReason } : {}),
  };
}
