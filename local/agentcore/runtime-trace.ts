import { randomBytes } from 'node:crypto';
import type { SpanRecord } from '../otlp/index.js';
import { AgentCoreScope, agentCoreResource, nowNano } from './harness-trace.js';

/** The invocation a runtime trace is of. */
export interface RuntimeTraceSubject {
  readonly runtimeArn: string;
  readonly runtimeName: string;
  readonly qualifier: string;
  readonly version: string;
  readonly runtimeSessionId: string;
  readonly region: string;
  readonly accountId: string;
}

/** The span name of AgentCore's own span of a runtime invocation (its operation, as AWS's SERVER spans are named). */
const RuntimeInvocationSpan = 'InvokeAgentRuntime';

/** A version-00 W3C `traceparent`: trace id, parent span id, flags. */
const TraceParentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/**
 * AgentCore's own span of one InvokeAgentRuntime (its TRACES, delivered to X-Ray): a SERVER span with the runtime
 * ARN (`cloud.resource_id` on the resource, `aws.resource.arn` on the span), endpoint, version, session and the
 * HTTP status the call ended with. It continues the caller's trace when the call carried a valid `traceparent` (else
 * a valid `X-Amzn-Trace-Id`, the request's `traceId` member), and
 * {@link traceparent} names it for the container, whose spans then nest under it. Never the payload or the answer.
 */
export class RuntimeTrace {
  readonly traceId: string;
  readonly spanId = randomBytes(8).toString('hex');
  private readonly parentSpanId: string | undefined;
  private readonly start = nowNano();

  constructor(
    private readonly subject: RuntimeTraceSubject,
    caller: { readonly traceparent?: string | undefined; readonly amznTraceId?: string | undefined },
  ) {
    const parent = fromTraceparent(caller.traceparent) ?? fromAmznTraceId(caller.amznTraceId);
    this.traceId = parent?.traceId ?? randomBytes(16).toString('hex');
    this.parentSpanId = parent?.spanId;
  }

  /**
   * The `traceparent` the container receives: this span, sampled (the span is recorded, so its children are).
   */
  traceparent(): string {
    return `00-${this.traceId}-${this.spanId}-01`;
  }

  /** The span, ended now: failed when the call did (the container did not start, or answered an error). */
  finish(statusCode: number): SpanRecord {
    const { subject } = this;
    const end = nowNano();
    return {
      resource: agentCoreResource(subject.runtimeArn, subject),
      scope: AgentCoreScope,
      traceId: this.traceId,
      spanId: this.spanId,
      ...(this.parentSpanId ? { parentSpanId: this.parentSpanId } : {}),
      name: RuntimeInvocationSpan,
      kind: 'SERVER',
      startTimeUnixNano: this.start,
      endTimeUnixNano: end,
      durationNano: end - this.start,
      attributes: {
        'rpc.system': 'aws-api',
        'rpc.service': 'BedrockAgentCore',
        'rpc.method': RuntimeInvocationSpan,
        'http.response.status_code': statusCode,
        'aws.resource.arn': subject.runtimeArn,
        'aws.bedrock_agentcore.runtime.name': subject.runtimeName,
        'aws.bedrock_agentcore.endpoint': subject.qualifier,
        'aws.bedrock_agentcore.version': subject.version,
        'session.id': subject.runtimeSessionId,
      },
      status: { code: statusCode < 400 ? 'OK' : 'ERROR' },
    };
  }
}

/** The trace and span a caller's context names. */
interface Parent {
  readonly traceId: string;
  readonly spanId: string;
}

/**
 * What a caller's `traceparent` names; undefined for none, or for one W3C says to ignore (malformed, or an all-zero
 * id).
 */
function fromTraceparent(traceparent: string | undefined): Parent | undefined {
  const match = traceparent === undefined ? null : TraceParentPattern.exec(traceparent.trim());
  return match === null ? undefined : nonZero(match[1]!, match[2]!);
}

/** X-Ray's trace header: `Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=…`, in any order. */
const AmznRoot = /(?:^|;)\s*Root=1-([0-9a-f]{8})-([0-9a-f]{24})\s*(?:;|$)/;
const AmznParent = /(?:^|;)\s*Parent=([0-9a-f]{16})\s*(?:;|$)/;

/** What a caller's `X-Amzn-Trace-Id` names (its trace id is the W3C one, hyphens dropped), when it has a parent. */
function fromAmznTraceId(header: string | undefined): Parent | undefined {
  const root = header === undefined ? null : AmznRoot.exec(header);
  const parent = header === undefined ? null : AmznParent.exec(header);
  return root === null || parent === null ? undefined : nonZero(`${root[1]}${root[2]}`, parent[1]!);
}

function nonZero(traceId: string, spanId: string): Parent | undefined {
  return /^0+$/.test(traceId) || /^0+$/.test(spanId) ? undefined : { traceId, spanId };
}
