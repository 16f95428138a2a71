import { assertValid } from './assert-valid.js';
import { withClientToken } from './client-token.js';
import type { EmulatorContext, OperationHandler } from './emulator-context.js';
import { newResourceId, type RuntimeRecord, type RuntimeVersionRecord } from './emulator-state.js';
import { parseJsonObject } from './http-exchange.js';
import { paginate } from './paginate.js';
import { assertMutable, findRuntime, findVersion, latest, runtimeStatus } from './runtime-lookup.js';
import { Patterns, RuntimeShapes, Status } from './runtime-shapes.js';
import { conflict, type FieldProblem } from './service-error.js';
import { assertQuota } from './service-quotas.js';
import { checkShape, S } from './shape-schema.js';
import { codeConfigurationOf, stageCodePackage } from './stage-code-package.js';
import { startVersionTransition } from './start-version-transition.js';

const versionShape = S.string({ min: 1, max: 5 }, Patterns.version);

/**
 * CreateAgentRuntime — `PUT /runtimes/` → 202 (agentcore-api.md §3). A code package is read from S3 and unpacked
 * before the runtime is accepted.
 */
export const createAgentRuntime: OperationHandler = async (ctx, request) => {
  const body = parseJsonObject(request.body);
  assertValid([...checkShape(RuntimeShapes.CreateAgentRuntime, body, ''), ...crossFieldProblems(body)]);
  await stageCode(ctx, body);
  return withClientToken(ctx, 'CreateAgentRuntime', body.clientToken, body, () => {
    const name = body.agentRuntimeName as string;
    if (ctx.state.runtimes.some((r) => r.name === name)) {
      throw conflict(`An agent runtime with the name ${name} already exists.`);
    }
    assertQuota(ctx.quotas, ctx.state.runtimes.length, 'runtimesPerAccount', 'agent runtimes per account');
    const id = newResourceId(name);
    const at = new Date(request.nowMs).toISOString();
    const version: RuntimeVersionRecord = {
      version: '1',
      config: configOf(body),
      createdAt: at,
      lastUpdatedAt: at,
      status: Status.Creating,
    };
    startVersionTransition(
      ctx,
      version,
      version.config.agentRuntimeArtifact,
      'create',
      request,
      version.config.roleArn,
    );
    const runtime: RuntimeRecord = {
      id,
      name,
      arn: `arn:aws:bedrock-agentcore:${ctx.options.region}:${ctx.options.accountId}:runtime/${id}`,
      createdAt: at,
      lastUpdatedAt: at,
      versions: [version],
      endpoints: [],
      defaultEndpointId: newResourceId('DEFAULT'),
      tags: { ...((body.tags as Record<string, string> | undefined) ?? {}) },
    };
    ctx.state.runtimes.push(runtime);
    return {
      resourceArn: runtime.arn,
      reply: {
        status: 202,
        body: {
          agentRuntimeArn: runtime.arn,
          agentRuntimeId: id,
          agentRuntimeVersion: '1',
          createdAt: at,
          status: Status.Creating,
          workloadIdentityDetails: workloadIdentity(ctx, runtime),
        },
      },
    };
  });
};

/** GetAgentRuntime — `GET /runtimes/{id}/?version=` → 200. */
export const getAgentRuntime: OperationHandler = (ctx, request) => {
  const runtime = findRuntime(ctx, request.params[0]!);
  const versionParam = request.query.get('version');
  if (versionParam !== null) assertValid(checkShape(versionShape, versionParam, 'agentRuntimeVersion'));
  const version = versionParam === null ? latest(runtime) : findVersion(runtime, versionParam);
  return { status: 200, body: runtimeDetail(ctx, runtime, version) };
};

/**
 * UpdateAgentRuntime — `PUT /runtimes/{id}/` → 202, a full PUT creating a new version (§2). The artifact may switch
 * between a container and a code package: both are members of the same union, and the update replaces it.
 */
export const updateAgentRuntime: OperationHandler = async (ctx, request) => {
  const runtime = findRuntime(ctx, request.params[0]!);
  const body = parseJsonObject(request.body);
  assertValid([...checkShape(RuntimeShapes.UpdateAgentRuntime, body, ''), ...crossFieldProblems(body)]);
  await stageCode(ctx, body);
  return withClientToken(ctx, 'UpdateAgentRuntime', body.clientToken, { id: runtime.id, body }, () => {
    assertMutable(runtime);
    // UpdateHarness lists no ServiceQuotaExceeded (agentcore-api.md §5): only runtimes refuse a version here.
    assertQuota(ctx.quotas, runtime.versions.length, 'versionsPerResource', 'versions per agent runtime');
    const at = new Date(request.nowMs).toISOString();
    const version: RuntimeVersionRecord = {
      version: String(Number(latest(runtime).version) + 1),
      config: configOf(body),
      createdAt: at,
      lastUpdatedAt: at,
      status: Status.Updating,
    };
    startVersionTransition(
      ctx,
      version,
      version.config.agentRuntimeArtifact,
      'update',
      request,
      version.config.roleArn,
    );
    runtime.versions.push(version);
    runtime.lastUpdatedAt = at;
    return {
      resourceArn: runtime.arn,
      reply: {
        status: 202,
        body: {
          agentRuntimeArn: runtime.arn,
          agentRuntimeId: runtime.id,
          agentRuntimeVersion: version.version,
          createdAt: runtime.createdAt,
          lastUpdatedAt: at,
          status: Status.Updating,
          workloadIdentityDetails: workloadIdentity(ctx, runtime),
        },
      },
    };
  });
};

/** DeleteAgentRuntime — `DELETE /runtimes/{id}/?version=&clientToken=` → 202. */
export const deleteAgentRuntime: OperationHandler = (ctx, request) => {
  const runtime = findRuntime(ctx, request.params[0]!);
  const versionParam = request.query.get('version');
  return withClientToken(
    ctx,
    'DeleteAgentRuntime',
    request.query.get('clientToken') ?? undefined,
    { id: runtime.id, version: versionParam },
    () => {
      if (versionParam !== null && runtime.versions.length > 1) {
        const version = findVersion(runtime, versionParam);
        if (version === latest(runtime)) {
          throw conflict('The latest version of an agent runtime cannot be deleted.');
        }
        const pinned = runtime.endpoints.find((e) => e.targetVersion === version.version);
        if (pinned !== undefined) {
          throw conflict(
            `Version ${version.version} is the target of endpoint ${pinned.name}; move the endpoint first.`,
          );
        }
        runtime.versions = runtime.versions.filter((v) => v !== version);
        void ctx.agents.stopVersion(runtime.id, version.version);
        return {
          resourceArn: runtime.arn,
          reply: {
            status: 202,
            body: {
              status: Status.Deleting,
              agentRuntimeId: runtime.id,
              agentRuntimeVersion: version.version,
            },
          },
        };
      }
      if (runtime.deleting === undefined) runtime.deleting = { atMs: request.nowMs + ctx.delays.deleteMs };
      void ctx.agents.stopRuntime(runtime.id);
      return {
        resourceArn: runtime.arn,
        reply: {
          status: 202,
          body: {
            status: Status.Deleting,
            agentRuntimeId: runtime.id,
            agentRuntimeVersion: latest(runtime).version,
          },
        },
      };
    },
  );
};

/** ListAgentRuntimes — `POST /runtimes/?maxResults&nextToken` → 200. */
export const listAgentRuntimes: OperationHandler = (ctx, request) => {
  const page = paginate(ctx.state.runtimes, request.query);
  return {
    status: 200,
    body: { agentRuntimes: page.items.map((r) => runtimeSummary(r, latest(r))), nextToken: page.nextToken },
  };
};

/** ListAgentRuntimeVersions — `POST /runtimes/{id}/versions/` → 200, newest first. */
export const listAgentRuntimeVersions: OperationHandler = (ctx, request) => {
  const runtime = findRuntime(ctx, request.params[0]!);
  const page = paginate([...runtime.versions].reverse(), request.query);
  return {
    status: 200,
    body: { agentRuntimes: page.items.map((v) => runtimeSummary(runtime, v)), nextToken: page.nextToken },
  };
};

/** Rules spanning members: VPC mode needs its subnets and security groups (agentcore-api.md §11). */
function crossFieldProblems(body: Record<string, unknown>): FieldProblem[] {
  const network = body.networkConfiguration as
    | { networkMode?: unknown; networkModeConfig?: unknown }
    | undefined;
  if (network?.networkMode === 'VPC' && network.networkModeConfig === undefined) {
    return [
      {
        name: 'networkConfiguration.networkModeConfig',
        message:
          'Value null at networkConfiguration.networkModeConfig failed to satisfy constraint: VPC mode requires networkModeConfig',
      },
    ];
  }
  return [];
}

async function stageCode(ctx: EmulatorContext, body: Record<string, unknown>): Promise<void> {
  const code = codeConfigurationOf(body.agentRuntimeArtifact);
  if (code !== undefined) await stageCodePackage(ctx, code);
}

function configOf(body: Record<string, unknown>): Record<string, unknown> {
  const { clientToken: _token, agentRuntimeName: _name, tags: _tags, ...config } = body;
  return config;
}

function workloadIdentity(ctx: EmulatorContext, runtime: RuntimeRecord): { workloadIdentityArn: string } {
  return {
    workloadIdentityArn: `arn:aws:bedrock-agentcore:${ctx.options.region}:${ctx.options.accountId}:workload-identity-directory/default/workload-identity/${runtime.id}`,
  };
}

function runtimeDetail(
  ctx: EmulatorContext,
  runtime: RuntimeRecord,
  version: RuntimeVersionRecord,
): Record<string, unknown> {
  const config = version.config;
  return {
    ...config,
    agentRuntimeArn: runtime.arn,
    agentRuntimeName: runtime.name,
    agentRuntimeId: runtime.id,
    agentRuntimeVersion: version.version,
    createdAt: runtime.createdAt,
    lastUpdatedAt: version.lastUpdatedAt,
    networkConfiguration: config.networkConfiguration ?? { networkMode: 'PUBLIC' },
    lifecycleConfiguration: {
      idleRuntimeSessionTimeout: 900,
      maxLifetime: 28800,
      ...(config.lifecycleConfiguration as Record<string, unknown> | undefined),
    },
    status: runtimeStatus(runtime, version),
    ...(version.failureReason !== undefined ? { failureReason: version.failureReason } : {}),
    workloadIdentityDetails: workloadIdentity(ctx, runtime),
  };
}

function runtimeSummary(runtime: RuntimeRecord, version: RuntimeVersionRecord): Record<string, unknown> {
  return {
    agentRuntimeArn: runtime.arn,
    agentRuntimeId: runtime.id,
    agentRuntimeVersion: version.version,
    agentRuntimeName: runtime.name,
    description: (version.config.description as string | undefined) ?? '',
    lastUpdatedAt: version.lastUpdatedAt,
    status: runtimeStatus(runtime, version),
  };
}
