import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { LogGroupNames } from '../../functions/lib/log-group-names.js';
import { InternalCaller } from '../faults/index.js';
import { datedStreamName } from '../logs/index.js';
import { roleBearer } from '../model/index.js';
import type { AgentLaunch } from './agent-process-pool.js';
import { assertValid } from './assert-valid.js';
import { deliveredStream, usageLogLine } from './delivered-log.js';
import type { EmulatorContext, OperationHandler } from './emulator-context.js';
import type { RuntimeRecord, RuntimeVersionRecord } from './emulator-state.js';
import { findContainerImage } from './find-container-image.js';
import { liveVersionOf } from './runtime-endpoint-operations.js';
import { findRuntime, findVersion } from './runtime-lookup.js';
import { Patterns } from './runtime-shapes.js';
import { RuntimeTrace } from './runtime-trace.js';
import { ServiceError, validationError } from './service-error.js';
import { checkShape, S } from './shape-schema.js';
import { codeConfigurationOf, codePackageDir } from './stage-code-package.js';

const SessionHeader = 'x-amzn-bedrock-agentcore-runtime-session-id';
const sessionIdShape = S.string({ min: 33, max: 256 });
const runtimeArnPattern = new RegExp(`^${Patterns.runtimeArn}$`);
/** Request headers passed on to the container (agentcore-api.md §11). */
const forwarded = [
  'content-type',
  'accept',
  SessionHeader,
  'x-amzn-bedrock-agentcore-runtime-user-id',
  'mcp-session-id',
  'mcp-protocol-version',
  'mcp-method',
  'mcp-name',
  'traceparent',
  'tracestate',
  'baggage',
];
/** Response headers passed back to the caller. */
const returned = [
  'content-type',
  'mcp-session-id',
  'mcp-protocol-version',
  'traceparent',
  'tracestate',
  'baggage',
];

/**
 * InvokeAgentRuntime — `POST /runtimes/{arn}/invocations?qualifier=` (agentcore-api.md §8): starts the
 * endpoint's live version as a local process (once per version), forwards the payload to its
 * `/invocations` and streams the answer back. A container that fails or answers an error is a 424
 * RuntimeClientError.
 */
export const invokeAgentRuntime: OperationHandler = async (ctx, request) => {
  const sessionId = request.req.headers[SessionHeader];
  if (typeof sessionId !== 'string') {
    throw validationError([
      {
        name: 'runtimeSessionId',
        message: `Value null at 'runtimeSessionId' failed to satisfy constraint: Member must not be null`,
      },
    ]);
  }
  assertValid(checkShape(sessionIdShape, sessionId, 'runtimeSessionId'));
  const runtime = runtimeOf(ctx, request.params[0]!);
  const qualifier = request.query.get('qualifier') ?? 'DEFAULT';
  const live = liveVersionOf(runtime, qualifier);
  if (live === undefined || runtime.deleting !== undefined) {
    throw new ServiceError(
      'ValidationException',
      `Agent runtime ${runtime.id} has no READY version behind endpoint ${qualifier}.`,
      { reason: 'FieldValidationFailed' },
    );
  }
  const version = findVersion(runtime, live);
  const started = Date.now();
  const delivered = deliveredStream(runtime.id, started, sessionId);
  // AgentCore's own span of this call (TRACES), made only when a delivery keeps it: the container then gets a
  // traceparent naming it, so the agent's spans nest under it in one trace.
  const trace = ctx.options.delivers?.(runtime.arn, 'TRACES')
    ? new RuntimeTrace(
        {
          runtimeArn: runtime.arn,
          runtimeName: runtime.name,
          qualifier,
          version: version.version,
          runtimeSessionId: sessionId,
          region: ctx.options.region,
          accountId: ctx.options.accountId,
        },
        {
          traceparent: headerOf(request.req, 'traceparent'),
          amznTraceId: headerOf(request.req, 'x-amzn-trace-id'),
        },
      )
    : undefined;
  let traceEnded = false;
  const endTrace = (statusCode: number) => {
    if (trace === undefined || traceEnded) return;
    traceEnded = true;
    const span = trace.finish(statusCode);
    ctx.options.deliverLog?.(runtime.arn, 'TRACES', delivered, [
      { timestamp: Math.floor(span.endTimeUnixNano / 1e6), message: JSON.stringify(span) },
    ]);
  };
  let upstream: IncomingMessage;
  try {
    upstream = await startAndForward(ctx, request, { runtime, version, qualifier, trace });
  } catch (error) {
    endTrace(error instanceof ServiceError ? error.status : 500);
    throw error;
  }
  const responseHeaders: Record<string, string> = { [SessionHeader]: sessionId };
  for (const name of returned) {
    const value = upstream.headers[name];
    if (typeof value === 'string') responseHeaders[name] = value;
  }
  responseHeaders['content-type'] ??= 'application/octet-stream';
  request.res.writeHead(200, responseHeaders);
  // The span lands before the answer's last byte, so a caller reading traces right after the call finds it. A
  // container that dies mid-answer fails the span and cuts the answer off; a caller that goes away ends it.
  upstream.pipe(request.res, { end: false });
  upstream.once('end', () => {
    endTrace(200);
    request.res.end();
  });
  upstream.once('error', () => {
    endTrace(502);
    request.res.destroy();
  });
  await new Promise<void>((resolve) => {
    request.res.once('close', resolve);
  });
  endTrace(200);
  ctx.options.deliverLog?.(runtime.arn, 'USAGE_LOGS', delivered, [
    {
      timestamp: started,
      message: usageLogLine({
        resourceArn: runtime.arn,
        runtimeSessionId: sessionId,
        qualifier,
        version: version.version,
        durationMs: Date.now() - started,
      }),
    },
  ]);
  return undefined;
};

/**
 * Starts the version's process (once per version) and forwards the call to its `/invocations`: the caller's
 * headers AgentCore passes on, with `traceparent` naming AgentCore's own span when it makes one. A container that
 * does not start, cannot be reached or answers an error is a RuntimeClientError.
 */
async function startAndForward(
  ctx: EmulatorContext,
  request: Parameters<OperationHandler>[1],
  call: { runtime: RuntimeRecord; version: RuntimeVersionRecord; qualifier: string; trace?: RuntimeTrace },
): Promise<IncomingMessage> {
  const { runtime, version, qualifier, trace } = call;
  let port: number;
  try {
    ({ port } = await ctx.agents.ensure(runtime.id, version.version, () =>
      launchOf(ctx, runtime, version, LogGroupNames.runtime(runtime.id, qualifier)),
    ));
  } catch (error) {
    throw new ServiceError(
      'RuntimeClientError',
      `The runtime container failed to start: ${(error as Error).message}`,
    );
  }
  const headers: Record<string, string> = {
    'x-amzn-bedrock-agentcore-runtime-request-id': randomUUID(),
    'content-length': String(request.body.length),
  };
  for (const name of forwarded) {
    const value = headerOf(request.req, name);
    if (value !== undefined) headers[name] = value;
  }
  if (trace !== undefined) headers.traceparent = trace.traceparent();
  const upstream = await forward(port, headers, request.body).catch((error: Error) => {
    throw new ServiceError(
      'RuntimeClientError',
      `The runtime container could not be reached: ${error.message}`,
    );
  });
  const status = upstream.statusCode ?? 502;
  if (status >= 300) {
    const text = await readAll(upstream);
    throw new ServiceError(
      'RuntimeClientError',
      `Received error (${status}) from runtime. Check your runtime logs: ${text.slice(0, 2000)}`,
    );
  }
  return upstream;
}

/** A request header's value, when it has exactly one. */
function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The runtime named by the path label: a full runtime ARN, or a runtime id (with `accountId`). */
function runtimeOf(ctx: EmulatorContext, label: string): RuntimeRecord {
  if (label.startsWith('arn:')) {
    if (!runtimeArnPattern.test(label)) {
      throw validationError([
        { name: 'agentRuntimeArn', message: `Value '${label}' is not a valid runtime ARN.` },
      ]);
    }
    return findRuntime(ctx, label.slice(label.lastIndexOf('/') + 1));
  }
  return findRuntime(ctx, label);
}

/**
 * How the version starts: its image context or its unpacked code package (staged at create or update), the
 * environment AgentCore would give it, and where its output goes (the log group of the endpoint whose invocation
 * started it, a stream per process).
 */
function launchOf(
  ctx: EmulatorContext,
  runtime: RuntimeRecord,
  version: RuntimeVersionRecord,
  logGroup: string,
): AgentLaunch {
  const artifact = version.config.agentRuntimeArtifact;
  const code = codeConfigurationOf(artifact);
  const env = runtimeEnvironment(ctx, version);
  const output = agentOutput(ctx, runtime, logGroup);
  if (code !== undefined) {
    return {
      contextDir: codePackageDir(ctx, code),
      entryPoint: code.entryPoint,
      borrowNodeModules: false,
      env,
      ...output,
    };
  }
  const uri = (artifact as { containerConfiguration?: { containerUri: string } }).containerConfiguration
    ?.containerUri;
  if (uri === undefined) throw new Error('The runtime has neither a container image nor a code package.');
  const lookup = findContainerImage(ctx.options.ecr, uri);
  if (!lookup.ok) throw new Error(lookup.reason);
  return {
    contextDir: lookup.image.contextDir,
    entryPoint: ['agent.mjs'],
    borrowNodeModules: true,
    env,
    ...output,
  };
}

/**
 * Where the agent process's output goes: the endpoint's own log group, and the stack's application group when a
 * log delivery exists for the runtime (as AWS's vended logs deliver it).
 */
function agentOutput(
  ctx: EmulatorContext,
  runtime: RuntimeRecord,
  logGroup: string,
): { output?: (line: string) => void } {
  const { writeLog, deliverLog } = ctx.options;
  if (!writeLog && !deliverLog) return {};
  const at = Date.now();
  const id = randomUUID();
  const stream = datedStreamName(at, 'runtime-logs', id);
  const delivered = deliveredStream(runtime.id, at, id);
  return {
    output: (line: string) => {
      writeLog?.(logGroup, stream, [{ message: line }]);
      deliverLog?.(runtime.arn, 'APPLICATION_LOGS', delivered, [{ message: line }]);
    },
  };
}

/** The variables AgentCore gives a runtime: region, the execution role's credentials, the model, its own. */
function runtimeEnvironment(ctx: EmulatorContext, version: RuntimeVersionRecord): Record<string, string> {
  const roleArn = typeof version.config.roleArn === 'string' ? version.config.roleArn : undefined;
  const roleName = roleArn?.slice(roleArn.lastIndexOf('/') + 1);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    AWS_REGION: ctx.options.region,
    AWS_DEFAULT_REGION: ctx.options.region,
    // The container's AWS calls are its execution role's: signed with the role's name, as the local cloud's
    // principals are (a role the local cloud does not know is not evaluated).
    AWS_ACCESS_KEY_ID: roleName ?? 'agentdrop-local',
    AWS_SECRET_ACCESS_KEY: roleName ?? 'agentdrop-local',
    AGENTDROP_MODEL_PROVIDER: 'openai',
    AGENTDROP_MODEL_BASE_URL: ctx.options.modelEndpoint,
    OPENAI_API_KEY: 'agentdrop-local',
    // The container's model calls are made as its execution role (the scripted model evaluates that role).
    ...(roleArn !== undefined ? { AGENTDROP_MODEL_API_KEY: roleBearer(roleArn) } : {}),
    // Built-in tools (Code Interpreter, Browser) call the AgentCore data plane: keep them on loopback.
    AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: ctx.endpoint,
    // Marks the container's own SDK calls, so the local cloud's call recorder tells them from the pipeline's.
    AWS_SDK_UA_APP_ID: InternalCaller.Runtime,
    ...((version.config.environmentVariables as Record<string, string> | undefined) ?? {}),
  };
  if (ctx.options.secrets !== undefined) env.AWS_ENDPOINT_URL_SECRETS_MANAGER = ctx.options.secrets.endpoint;
  // X-Ray's endpoint as the container's DNS would resolve it: the local cloud's receiver, which checks the
  // signature and the execution role's xray:PutTraceSegments as X-Ray does. Without one, nothing is traced: a
  // local agent never reaches the real X-Ray.
  if (ctx.options.xrayEndpoint !== undefined) env.AWS_ENDPOINT_URL_XRAY = ctx.options.xrayEndpoint;
  else delete env.AGENT_OBSERVABILITY_ENABLED;
  return env;
}

function forward(port: number, headers: Record<string, string>, body: Buffer): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: 'POST', path: '/invocations', headers },
      resolve,
    );
    req.once('error', reject);
    req.end(body);
  });
}

function readAll(stream: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
