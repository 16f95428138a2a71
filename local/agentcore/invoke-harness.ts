import type { MessageData } from '@strands-agents/sdk';
import { LogGroupNames } from '../../functions/lib/log-group-names.js';
import { datedStreamName } from '../logs/index.js';
import { modelArns } from '../model/index.js';
import { assertValid } from './assert-valid.js';
import { deliveredStream, usageLogLine } from './delivered-log.js';
import type { EmulatorContext, OperationHandler } from './emulator-context.js';
import { encodeEvent, encodeException } from './encode-event-frame.js';
import { harnessLiveVersion } from './harness-endpoint-operations.js';
import { harnessLogLine } from './harness-log-line.js';
import { findHarness, latestHarnessVersion } from './harness-lookup.js';
import { HarnessShapes } from './harness-shapes.js';
import { HarnessTrace } from './harness-trace.js';
import { parseJsonObject } from './http-exchange.js';
import { Patterns, Status } from './runtime-shapes.js';
import { ErrorType, notFound, ServiceError } from './service-error.js';
import { checkShape, S } from './shape-schema.js';

const SessionHeader = 'x-amzn-bedrock-agentcore-runtime-session-id';
const sessionIdShape = S.string({ min: 33, max: 100 }, '[a-zA-Z0-9][a-zA-Z0-9-_]*');
const harnessArnShape = S.string({}, Patterns.harnessArn);
/** Members of an InvokeHarness body that override the harness configuration for one call (§12). */
const overridable = [
  'model',
  'systemPrompt',
  'tools',
  'skills',
  'allowedTools',
  'maxIterations',
  'maxTokens',
];

const stopReasons: Record<string, string> = {
  endTurn: 'end_turn',
  toolUse: 'tool_use',
  maxTokens: 'max_tokens',
  stopSequence: 'stop_sequence',
  contentFiltered: 'content_filtered',
  guardrailIntervened: 'content_filtered',
  modelContextWindowExceeded: 'model_context_window_exceeded',
  cancelled: 'interrupted',
};

interface Block {
  readonly type: string;
  readonly text?: string;
  readonly name?: string;
  readonly toolUseId?: string;
  readonly input?: unknown;
  readonly status?: 'success' | 'error';
  readonly content?: readonly Block[];
  readonly json?: unknown;
}

/**
 * InvokeHarness — `POST /harnesses/invoke?harnessArn=&qualifier=` (agentcore-api.md §9): runs the harness's
 * agent loop on the local model and answers with an `application/vnd.amazon.eventstream` of messageStart,
 * contentBlockStart/Delta/Stop, messageStop and a final metadata event. The conversation is kept per
 * runtime session, so a second call with the same session id continues it.
 */
export const invokeHarness: OperationHandler = async (ctx, request) => {
  const sessionId = request.req.headers[SessionHeader];
  assertValid(
    checkShape(
      S.struct({ runtimeSessionId: S.required(sessionIdShape) }),
      { runtimeSessionId: sessionId },
      '',
    ),
  );
  const harnessArn = request.query.get('harnessArn') ?? undefined;
  assertValid(checkShape(S.struct({ harnessArn: S.required(harnessArnShape) }), { harnessArn }, ''));
  const harness = findHarness(ctx, harnessArn!.slice(harnessArn!.lastIndexOf('/') + 1));
  if (harness.arn !== harnessArn) throw notFound(`Harness ${harnessArn} was not found.`);
  const qualifier = request.query.get('qualifier') ?? 'DEFAULT';
  const live = harnessLiveVersion(harness, qualifier);
  const version = harness.versions.find((v) => v.version === live);
  if (version === undefined || harness.deleting !== undefined) {
    const status = harness.deleting !== undefined ? Status.Deleting : latestHarnessVersion(harness).status;
    throw new ServiceError(
      'ValidationException',
      `Harness ${harness.id} has no READY version behind endpoint ${qualifier} (status ${status}).`,
      { reason: 'FieldValidationFailed' },
    );
  }
  const body = parseJsonObject(request.body);
  assertValid(checkShape(HarnessShapes.InvokeHarness, body, ''));
  const config: Record<string, unknown> = { ...version.config };
  for (const key of overridable) if (body[key] !== undefined) config[key] = body[key];
  const denied = modelCallDenied(ctx, config);
  // How the service reports a model its execution role may not invoke is undocumented: here the call is refused
  // before its stream, as 403 AccessDeniedException with Bedrock's message for that role.
  if (denied !== undefined) throw new ServiceError(ErrorType.AccessDenied, denied);
  const sessionKey = `${harness.id}|${sessionId as string}`;
  const history = (ctx.harnessSessions.get(sessionKey) ?? []) as MessageData[];
  // Loaded on first use: Strands, the OpenAI client and the MCP SDK would slow every emulator start.
  const { buildHarnessAgent } = await import('./build-harness-agent.js');
  const setup = await buildHarnessAgent(ctx.options, config, history);
  const started = Date.now();
  // AgentCore's own spans of this invocation (TRACES), delivered like its logs when a delivery is set up.
  const trace = new HarnessTrace({
    harnessArn: harness.arn,
    harnessId: harness.id,
    harnessName: harness.name,
    qualifier,
    version: version.version,
    runtimeSessionId: sessionId as string,
    modelId: modelIdOf(config),
    region: ctx.options.region,
    accountId: ctx.options.accountId,
  });
  const res = request.res;
  res.writeHead(200, {
    'content-type': 'application/vnd.amazon.eventstream',
    [SessionHeader]: sessionId as string,
  });
  const maxIterations = typeof config.maxIterations === 'number' ? config.maxIterations : undefined;
  let modelCalls = 0;
  let answering = false;
  // After the iteration limit the loop is cancelled; events still in flight belong to no reported turn.
  let halted = false;
  let usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  let failure: string | undefined;
  try {
    const stream = setup.agent.stream(toMessages(body.messages));
    for (;;) {
      const next = await stream.next();
      if (next.done === true) {
        const total = next.value.metrics?.accumulatedUsage;
        if (total !== undefined) usage = { ...total };
        break;
      }
      const event = next.value as {
        type: string;
        message?: { role: string; content: Block[] };
        stopReason?: string;
      };
      trace.observe(event);
      if (halted) continue;
      if (event.type === 'modelMessageEvent' && event.message !== undefined) {
        answering = true;
        modelCalls += 1;
        const limited =
          maxIterations !== undefined && modelCalls >= maxIterations && event.stopReason === 'toolUse';
        writeAssistant(
          res,
          event.message.content,
          setup.toolServers,
          limited ? 'max_iterations_exceeded' : event.stopReason,
        );
        if (limited) {
          halted = true;
          setup.agent.cancel();
        }
      } else if (event.type === 'messageAddedEvent' && answering && event.message?.role === 'user') {
        writeToolResults(res, event.message.content);
      }
    }
    res.write(
      encodeEvent('metadata', {
        usage: {
          inputTokens: usage.inputTokens,
          outputTokens: usage.outputTokens,
          totalTokens: usage.totalTokens,
        },
        metrics: { latencyMs: Date.now() - started },
      }),
    );
    ctx.harnessSessions.set(
      sessionKey,
      setup.agent.messages.map((m) => m.toJSON()),
    );
  } catch (error) {
    failure = (error as Error).message;
    res.write(
      encodeException('runtimeClientError', { message: `The agent failed: ${(error as Error).message}` }),
    );
  } finally {
    await setup.close();
    // The harness's own log line for this invocation, in its endpoint's group, a stream per session; the same
    // line, a usage line and the invocation's spans go to the deliveries configured for the harness.
    const durationMs = Date.now() - started;
    const line = {
      timestamp: started,
      message: harnessLogLine({
        runtimeSessionId: sessionId as string,
        qualifier,
        version: version.version,
        modelCalls,
        durationMs,
        usage,
        builtinToolCalls: setup.builtinToolCalls,
        skills: setup.skills,
        skippedMcpServers: setup.skippedMcpServers,
        failure,
      }),
    };
    ctx.options.writeLog?.(
      LogGroupNames.harness(harness.id, qualifier),
      datedStreamName(started, 'harness-logs', sessionId as string),
      [line],
    );
    const delivered = deliveredStream(harness.id, started, sessionId as string);
    ctx.options.deliverLog?.(harness.arn, 'APPLICATION_LOGS', delivered, [line]);
    ctx.options.deliverLog?.(harness.arn, 'USAGE_LOGS', delivered, [
      {
        timestamp: started,
        message: usageLogLine({
          resourceArn: harness.arn,
          runtimeSessionId: sessionId as string,
          qualifier,
          version: version.version,
          durationMs,
          usage: {
            inputTokens: usage.inputTokens,
            outputTokens: usage.outputTokens,
            totalTokens: usage.totalTokens,
          },
        }),
      },
    ]);
    const spans = trace.finish(usage, failure !== undefined);
    ctx.options.deliverLog?.(
      harness.arn,
      'TRACES',
      delivered,
      spans.map((span) => ({
        timestamp: Math.floor(span.endTimeUnixNano / 1e6),
        message: JSON.stringify(span),
      })),
    );
    ctx.harnessLog.push({
      harnessId: harness.id,
      runtimeSessionId: sessionId as string,
      qualifier,
      version: version.version,
      builtinToolCalls: setup.builtinToolCalls,
      skippedMcpServers: setup.skippedMcpServers,
      skills: setup.skills,
      notes: setup.notes,
    });
    res.end();
  }
  return undefined;
};

function writeAssistant(
  res: NodeJS.WritableStream,
  content: readonly Block[],
  toolServers: ReadonlyMap<string, string>,
  stopReason: string | undefined,
): void {
  res.write(encodeEvent('messageStart', { role: 'assistant' }));
  content.forEach((block, contentBlockIndex) => {
    if (block.type === 'textBlock' && typeof block.text === 'string' && block.text.length > 0) {
      res.write(encodeEvent('contentBlockDelta', { contentBlockIndex, delta: { text: block.text } }));
      res.write(encodeEvent('contentBlockStop', { contentBlockIndex }));
    } else if (block.type === 'toolUseBlock') {
      const serverName = toolServers.get(block.name ?? '');
      const toolUse = {
        toolUseId: block.toolUseId,
        name: block.name,
        type: serverName === undefined ? 'tool_use' : 'mcp_tool_use',
        ...(serverName !== undefined ? { serverName } : {}),
      };
      res.write(encodeEvent('contentBlockStart', { contentBlockIndex, start: { toolUse } }));
      const input = JSON.stringify(block.input ?? {});
      res.write(encodeEvent('contentBlockDelta', { contentBlockIndex, delta: { toolUse: { input } } }));
      res.write(encodeEvent('contentBlockStop', { contentBlockIndex }));
    }
  });
  const reason = stopReason === undefined ? 'end_turn' : (stopReasons[stopReason] ?? stopReason);
  res.write(encodeEvent('messageStop', { stopReason: reason }));
}

function writeToolResults(res: NodeJS.WritableStream, content: readonly Block[]): void {
  const results = content.filter((b) => b.type === 'toolResultBlock');
  if (results.length === 0) return;
  res.write(encodeEvent('messageStart', { role: 'user' }));
  results.forEach((block, contentBlockIndex) => {
    res.write(
      encodeEvent('contentBlockStart', {
        contentBlockIndex,
        start: { toolResult: { toolUseId: block.toolUseId, status: block.status ?? 'success' } },
      }),
    );
    const parts = (block.content ?? []).flatMap((part): ({ text: string } | { json: unknown })[] =>
      part.type === 'textBlock' && typeof part.text === 'string' && part.text.length > 0
        ? [{ text: part.text }]
        : part.type === 'jsonBlock'
          ? [{ json: part.json }]
          : [],
    );
    if (parts.length > 0) {
      res.write(encodeEvent('contentBlockDelta', { contentBlockIndex, delta: { toolResult: parts } }));
    }
    res.write(encodeEvent('contentBlockStop', { contentBlockIndex }));
  });
  res.write(encodeEvent('messageStop', { stopReason: 'tool_result' }));
}

/** Harness messages in Strands' shape (the same blocks, minus harness-only members). */
function toMessages(raw: unknown): MessageData[] {
  return (raw as { role: 'user' | 'assistant'; content: Record<string, unknown>[] }[]).map((message) => ({
    role: message.role,
    content: message.content.flatMap((block): unknown[] => {
      if (typeof block.text === 'string') return [{ text: block.text }];
      if (block.toolUse !== undefined) {
        const { name, toolUseId, input } = block.toolUse as {
          name: string;
          toolUseId: string;
          input: unknown;
        };
        return [{ toolUse: { name, toolUseId, input } }];
      }
      if (block.toolResult !== undefined) {
        const { toolUseId, content, status } = block.toolResult as {
          toolUseId: string;
          content: unknown[];
          status?: 'success' | 'error';
        };
        return [{ toolResult: { toolUseId, content, status: status ?? 'success' } }];
      }
      return [];
    }),
  })) as MessageData[];
}

/** The harness's Bedrock model id, when its configuration names one. */
function modelIdOf(config: Record<string, unknown>): string | undefined {
  const modelId = (config.model as { bedrockModelConfig?: { modelId?: unknown } } | undefined)
    ?.bedrockModelConfig?.modelId;
  return typeof modelId === 'string' ? modelId : undefined;
}

/** The harness streams its Bedrock model as its execution role (agentcore-api §11). */
function modelCallDenied(ctx: EmulatorContext, config: Record<string, unknown>): string | undefined {
  const roleArn = config.executionRoleArn;
  const modelId = modelIdOf(config);
  if (typeof roleArn !== 'string' || modelId === undefined || ctx.options.authorizeRole === undefined) {
    return undefined;
  }
  return ctx.options.authorizeRole(
    roleArn,
    modelArns(modelId, ctx.options.region, ctx.options.accountId).map((resource) => ({
      action: 'bedrock:InvokeModelWithResponseStream',
      resource,
    })),
  );
}
