import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callerOf, createFaultInjector, FaultKind } from '../faults/index.js';
import { accessDeniedMessage, holdWithoutAnswer } from '../http/index.js';
import { CoalescedSave } from '../persist/index.js';
import { AgentProcessPool } from './agent-process-pool.js';
import type { EmulatorContext } from './emulator-context.js';
import { settleState } from './emulator-state.js';
import { readBody, sendError, sendJson } from './http-exchange.js';
import { accessKeyIdOf, iamRequestsOf } from './iam-requests.js';
import { routeRequest } from './route-request.js';
import { ErrorType, ServiceError } from './service-error.js';
import { createQuotaLimits } from './service-quotas.js';
import { StateFile } from './state-file.js';
import type { AgentCoreEmulator, AgentCoreEmulatorOptions, RecordedCall } from './types.js';

/** Operations that only read: they never persist unless a transition completed. */
const readOnly = /^(Get|List|Invoke|StopRuntimeSession|RetrieveMemoryRecords)/;

/**
 * Writes saved together, at most once per this delay, instead of the whole state file per write: CreateEvent,
 * which an agent calls every turn. `stop` saves what is pending, so a clean stop loses no acknowledged event; a
 * process killed outright (kill -9, a crash) loses the events acknowledged within the last delay, and the records
 * extracted from them (docs/decisions.md).
 */
const CoalescedOperations = new Set(['CreateEvent']);
const CoalescedSaveDelayMs = 1_000;

/**
 * Starts the AgentCore emulator: control plane (`bedrock-agentcore-control`) and data plane
 * (`bedrock-agentcore`) on one loopback listener, protocol-faithful to agentcore-api.md, with state in
 * `<dataDir>/agentcore/state.json` reloaded on start. Statuses advance at read time after the configured
 * delays; InvokeAgentRuntime runs each runtime version's `agent.mjs` as a child process and InvokeHarness
 * runs a Strands agent, both against `modelEndpoint`.
 */
export async function startAgentCoreEmulator(options: AgentCoreEmulatorOptions): Promise<AgentCoreEmulator> {
  const file = new StateFile(options.dataDir);
  const faults = options.faults ?? createFaultInjector();
  const recorded: RecordedCall[] = [];
  const now = options.now ?? Date.now;
  const saver = new CoalescedSave(() => file.save(ctx.state), CoalescedSaveDelayMs);
  const ctx: EmulatorContext = {
    options,
    endpoint: '',
    state: file.load(),
    quotas: options.quotas ?? createQuotaLimits(),
    delays: {
      createMs: options.delays?.createMs ?? 0,
      updateMs: options.delays?.updateMs ?? 0,
      deleteMs: options.delays?.deleteMs ?? 0,
      memoryCreateMs: options.delays?.memoryCreateMs ?? options.delays?.createMs ?? 0,
    },
    agents: new AgentProcessPool(),
    harnessLog: [],
    harnessSessions: new Map(),
    persist: () => saver.now(),
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const rawPath = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    const query = new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1));
    const method = req.method ?? 'GET';
    const route = routeRequest(method, rawPath);
    const operation = route?.operation ?? 'Unknown';
    let errorType: string | undefined;
    let answered = true;
    try {
      const body = await readBody(req);
      if (route === undefined) {
        throw new ServiceError(
          ErrorType.ResourceNotFound,
          `No AgentCore operation is served at ${method} ${rawPath}.`,
        );
      }
      const fault = faults.take(operation, callerOf(req.headers));
      if (fault?.kind === FaultKind.NetworkTimeout) {
        holdWithoutAnswer(req, res, fault.delayMs);
        answered = false;
        return;
      }
      if (fault !== undefined && fault.delayMs !== undefined && fault.kind !== FaultKind.SlowReady) {
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      }
      if (fault?.kind === FaultKind.Throttle)
        throw new ServiceError(ErrorType.Throttling, fault.reason ?? 'Rate exceeded');
      if (fault?.kind === FaultKind.ServerError) {
        throw new ServiceError(
          ErrorType.InternalServer,
          fault.reason ?? 'An internal error occurred (injected fault).',
        );
      }
      if (fault?.kind === FaultKind.AccessDenied) {
        throw new ServiceError(
          ErrorType.AccessDenied,
          fault.reason ?? accessDeniedMessage('bedrock-agentcore', operation),
        );
      }
      const nowMs = now();
      const settled = settleState(ctx.state, nowMs);
      if (options.authorize !== undefined) {
        const verdict = options.authorize({
          accessKeyId: accessKeyIdOf(req.headers),
          operation,
          requests: () => iamRequestsOf(ctx, operation, route.params, query, body),
        });
        if (verdict !== undefined) {
          if (settled) ctx.persist();
          throw new ServiceError(ErrorType.AccessDenied, verdict.denied);
        }
      }
      let reply: Awaited<ReturnType<typeof route.handler>>;
      try {
        reply = await route.handler(ctx, { req, res, body, params: route.params, query, fault, nowMs });
      } finally {
        if (CoalescedOperations.has(operation)) saver.soon();
        else if (settled || !readOnly.test(operation)) ctx.persist();
      }
      if (reply !== undefined) sendJson(res, reply.status, reply.body);
    } catch (error) {
      const serviceError =
        error instanceof ServiceError
          ? error
          : new ServiceError(ErrorType.InternalServer, `Internal error: ${(error as Error).message}`);
      errorType = serviceError.errorType;
      sendError(res, serviceError);
    } finally {
      recorded.push({
        operation,
        method,
        path: rawPath,
        status: answered ? res.statusCode : 0,
        ...(errorType !== undefined ? { errorType } : {}),
      });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  ctx.endpoint = endpoint;
  let stopped: Promise<void> | undefined;
  return {
    controlEndpoint: endpoint,
    dataEndpoint: endpoint,
    faults,
    calls: () => [...recorded],
    harnessInvocations: () => [...ctx.harnessLog],
    runningAgentPids: () => ctx.agents.pids(),
    flush: () => saver.flush(),
    stop: () => {
      stopped ??= (async () => {
        await ctx.agents.stopAll();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        saver.flush();
      })();
      return stopped;
    },
  };
}
