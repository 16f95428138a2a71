// @ts-check
// OpenTelemetry traces of every turn (DESIGN §4.5): Strands' own GenAI spans (invoke_agent, chat, execute_tool;
// a subagent's invoke_agent nests under the execute_tool that called it) exported over OTLP/HTTP, turned on only
// when the platform asks: AGENT_OBSERVABILITY_ENABLED=true exports to X-Ray's OTLP endpoint, signed as the
// runtime's execution role (xray-exporter.mjs); else a named collector (OTEL_EXPORTER_OTLP_ENDPOINT or
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) gets them unsigned.
// Strands records prompts, answers, tool inputs and results as span events and a few attributes; none of that
// leaves the process: the exporter sees spans without events and without content attributes.
import { context, propagation, ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';

/** Span attributes that carry prompt, answer, instruction or tool payload text (Strands' tracer.js). */
const ContentAttributes = new Set([
  'system_prompt',
  'gen_ai.system_instructions',
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.tool.call.arguments',
  'gen_ai.tool.call.result',
  'gen_ai.tool.definitions',
]);

/** The variable that asks for the signed export to X-Ray (`true`), as ADOT's convention names it. */
export const ObservabilityVariable = 'AGENT_OBSERVABILITY_ENABLED';

/** The name of the span that wraps one invocation; its trace id is the invocation's. */
export const InvocationSpan = 'agentdrop.invocation';

/**
 * Exports the spans ended so far; a no-op while tracing is off. Each invocation's spans leave before its answer
 * does: a runtime session's microVM (or the local cloud's process) may stop right after.
 * @type {() => Promise<void>}
 */
let flushSpans = async () => {};

/**
 * Whether the environment names an OTLP collector for traces.
 * @param {NodeJS.ProcessEnv} env
 */
function collectorNamed(env) {
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/**
 * Registers the global tracer provider Strands' agents report to: service `agentdrop-<project>`, resource
 * attributes `agentdrop.project` and `agentdrop.fingerprint`, batched OTLP/HTTP export of content-free spans
 * (signed to X-Ray when {@link ObservabilityVariable} is `true` and the region is known, which wins over a named
 * collector). Returns whether tracing is on (off, the OTel API stays a no-op).
 * @param {NodeJS.ProcessEnv} env
 * @param {{ project: string }} team
 * @returns {Promise<boolean>}
 */
export async function startTracing(env, team) {
  // Loaded only when asked for: the signer and the SDK's credential chain.
  const xray = env[ObservabilityVariable] === 'true' ? await import('./xray-exporter.mjs') : undefined;
  const target = xray?.xrayTraces(env);
  if (target === undefined && !collectorNamed(env)) return false;
  const [telemetry, node, base, resources] = await Promise.all([
    import('@strands-agents/sdk/telemetry'),
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/resources'),
  ]);
  const serviceName = `agentdrop-${team.project}`;
  // Strands names its spans' gen_ai.system after OTEL_SERVICE_NAME.
  env.OTEL_SERVICE_NAME ||= serviceName;
  const exporter =
    xray !== undefined && target !== undefined
      ? xray.xraySpanExporter(target)
      : new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter();
  const batch = new base.BatchSpanProcessor(exporter);
  const provider = new node.NodeTracerProvider({
    resource: resources.resourceFromAttributes({
      'service.name': env.OTEL_SERVICE_NAME,
      'agentdrop.project': team.project,
      ...(env.AGENTDROP_FINGERPRINT ? { 'agentdrop.fingerprint': env.AGENTDROP_FINGERPRINT } : {}),
    }),
    spanProcessors: [contentFree(batch)],
  });
  // NodeTracerProvider.register sets the async-hooks context manager and the W3C propagators, which nest the
  // spans of one invocation (and of its subagents) under one trace.
  provider.register();
  telemetry.setupTracer({ provider });
  flushSpans = () => provider.forceFlush().catch(() => undefined);
  return true;
}

/**
 * What one invocation's span is about: its project and session, and the W3C trace headers of its request
 * (`traceparent`, `tracestate`, `baggage`: AgentCore sends its own span's context), which the span continues.
 * @typedef {{ project: string, sessionId: string, traceHeaders?: Record<string, string> }} Invocation
 */

/**
 * The context an invocation's span starts in: the trace its request's W3C headers name (the global propagator
 * NodeTracerProvider.register set), else a new trace.
 * @param {Invocation} about
 */
function parentOf(about) {
  return propagation.extract(ROOT_CONTEXT, about.traceHeaders ?? {});
}

/**
 * Runs one invocation inside an `agentdrop.invocation` span (project and session as attributes), a child of the
 * request's trace context when it has one, and returns its trace id with the result; the trace id is `undefined`
 * when tracing is off (or the caller's context says the trace is not sampled).
 * @template T
 * @param {Invocation} about
 * @param {() => Promise<T>} run
 * @returns {Promise<{ value: T, traceId: string | undefined }>}
 */
export function traced(about, run) {
  const tracer = trace.getTracer('agentdrop');
  return tracer.startActiveSpan(
    InvocationSpan,
    { attributes: { 'agentdrop.project': about.project, 'session.id': about.sessionId } },
    parentOf(about),
    async (span) => {
      try {
        const value = await run();
        span.setStatus({ code: SpanStatusCode.OK });
        return { value, traceId: traceIdOf(span) };
      } catch (error) {
        failed(span, error);
        throw error;
      } finally {
        span.end();
        await flushSpans();
      }
    },
  );
}

/**
 * `traced` for a stream of frames: each step of `frames` runs inside the invocation span, which ends (and is
 * exported) before the result frame, the last one, leaves with the trace id.
 * @param {Invocation} about
 * @param {AsyncGenerator<Record<string, unknown>>} frames
 */
export async function* tracedStream(about, frames) {
  const parent = parentOf(about);
  const span = trace
    .getTracer('agentdrop')
    .startSpan(
      InvocationSpan,
      { attributes: { 'agentdrop.project': about.project, 'session.id': about.sessionId } },
      parent,
    );
  const active = trace.setSpan(parent, span);
  const traceId = traceIdOf(span);
  let ended = false;
  const end = async () => {
    if (ended) return;
    ended = true;
    span.end();
    await flushSpans();
  };
  let finished = false;
  try {
    let next = await context.with(active, () => frames.next());
    while (!next.done) {
      const frame = next.value;
      if (frame.type === 'result') {
        span.setStatus({ code: SpanStatusCode.OK });
        await end();
        yield traceId === undefined ? frame : { ...frame, traceId };
      } else {
        yield frame;
      }
      next = await context.with(active, () => frames.next());
    }
    finished = true;
  } catch (error) {
    finished = true;
    failed(span, error);
    throw error;
  } finally {
    // A client that went away stops this stream early (the app breaks out of its loop): close `frames` too, so
    // its own clean-up (the session's lock) runs.
    if (!finished) await frames.return(undefined);
    await end();
  }
}

/**
 * Marks the invocation span failed with the error's class name (never its message).
 * @param {import('@opentelemetry/api').Span} span
 * @param {unknown} error
 */
function failed(span, error) {
  span.setStatus({ code: SpanStatusCode.ERROR });
  span.setAttribute('error.type', error instanceof Error ? error.name : 'Error');
}

/**
 * @param {import('@opentelemetry/api').Span} span
 * @returns {string | undefined} the span's trace id, or `undefined` for the no-op span tracing-off gives
 */
function traceIdOf(span) {
  return span.isRecording() ? span.spanContext().traceId : undefined;
}

/**
 * A span processor passing `next` each ended span without events (Strands' message and choice events, exception
 * events) and without content attributes; the status keeps its code, not its message (an error message may
 * quote a tool's answer).
 * @param {import('@opentelemetry/sdk-trace-base').SpanProcessor} next
 * @returns {import('@opentelemetry/sdk-trace-base').SpanProcessor}
 */
function contentFree(next) {
  return {
    onStart: (span, parent) => next.onStart(span, parent),
    onEnd: (span) => {
      const attributes = Object.fromEntries(
        Object.entries(span.attributes).filter(([key]) => !ContentAttributes.has(key)),
      );
      next.onEnd(
        Object.create(span, {
          attributes: { value: attributes },
          events: { value: [] },
          status: { value: { code: span.status.code } },
        }),
      );
    },
    forceFlush: () => next.forceFlush(),
    shutdown: () => next.shutdown(),
  };
}
