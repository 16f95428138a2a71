import { randomBytes } from 'node:crypto';
import type { SpanRecord } from '../otlp/index.js';

/** The invocation a harness trace is of. */
export interface HarnessTraceSubject {
  readonly harnessArn: string;
  readonly harnessId: string;
  readonly harnessName: string;
  readonly qualifier: string;
  readonly version: string;
  readonly runtimeSessionId: string;
  /** The configured Bedrock model id, when there is one. */
  readonly modelId: string | undefined;
  readonly region: string;
  readonly accountId: string;
}

/** The Strands agent-loop events the trace is built from (the members it reads, nothing more). */
interface LoopEvent {
  readonly type: string;
  readonly event?: {
    readonly type?: string;
    readonly usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
  };
  readonly error?: unknown;
  readonly stopData?: { readonly stopReason?: string };
  readonly toolUse?: { readonly name?: string; readonly toolUseId?: string };
  readonly result?: { readonly status?: string };
}

interface OpenSpan {
  readonly spanId: string;
  readonly start: number;
  readonly name: string;
  readonly kind: string;
  readonly attributes: Record<string, unknown>;
}

/** The instrumentation scope AgentCore's own spans carry here. */
export const AgentCoreScope = { name: 'agentdrop.local.bedrock-agentcore' };

/** The OpenTelemetry resource of AgentCore's own spans of one of its resources (a harness or a runtime). */
export function agentCoreResource(
  resourceArn: string,
  where: { readonly region: string; readonly accountId: string },
): SpanRecord['resource'] {
  return {
    attributes: {
      'service.name': 'bedrock-agentcore',
      'cloud.provider': 'aws',
      'cloud.platform': 'aws_bedrock_agentcore',
      'cloud.region': where.region,
      'cloud.account.id': where.accountId,
      'cloud.resource_id': resourceArn,
    },
  };
}

/**
 * AgentCore's own spans of one InvokeHarness (its TRACES, delivered to X-Ray): a SERVER span for the invocation
 * (`invoke_agent <harness>`) and under it a `chat` span per model call and an `execute_tool <tool>` span per tool
 * call, with OpenTelemetry's GenAI attributes (operation, model, token counts, tool name and call id), the session,
 * endpoint and version, and the harness ARN (`cloud.resource_id` on the resource, `aws.resource.arn` on the span).
 * Never the prompt, the answer or a tool's input or result: no content attribute and no span events.
 */
export class HarnessTrace {
  private readonly traceId = randomBytes(16).toString('hex');
  private readonly rootId = randomBytes(8).toString('hex');
  private readonly start = nowNano();
  private readonly done: SpanRecord[] = [];
  private model: (OpenSpan & { usage?: NonNullable<LoopEvent['event']>['usage'] }) | undefined;
  private readonly tools = new Map<string, OpenSpan>();

  constructor(private readonly subject: HarnessTraceSubject) {}

  /** Takes one event of the agent loop's stream. */
  observe(event: LoopEvent): void {
    switch (event.type) {
      case 'beforeModelCallEvent':
        this.model = this.open('chat', 'CLIENT', {
          'gen_ai.operation.name': 'chat',
          ...(this.subject.modelId ? { 'gen_ai.request.model': this.subject.modelId } : {}),
        });
        return;
      case 'modelStreamUpdateEvent':
        if (this.model && event.event?.type === 'modelMetadataEvent' && event.event.usage) {
          this.model.usage = event.event.usage;
        }
        return;
      case 'afterModelCallEvent': {
        const model = this.model;
        if (model === undefined) return;
        this.model = undefined;
        const stopReason = event.stopData?.stopReason;
        this.close(model, event.error !== undefined, {
          ...(model.usage ? usageAttributes(model.usage) : {}),
          ...(stopReason ? { 'gen_ai.response.finish_reasons': [stopReason] } : {}),
        });
        return;
      }
      case 'beforeToolCallEvent': {
        const name = event.toolUse?.name ?? 'unknown';
        const id = event.toolUse?.toolUseId ?? '';
        this.tools.set(
          id,
          this.open(`execute_tool ${name}`, 'INTERNAL', {
            'gen_ai.operation.name': 'execute_tool',
            'gen_ai.tool.name': name,
            'gen_ai.tool.call.id': id,
          }),
        );
        return;
      }
      case 'afterToolCallEvent': {
        const id = event.toolUse?.toolUseId ?? '';
        const tool = this.tools.get(id);
        if (tool === undefined) return;
        this.tools.delete(id);
        const failed = event.error !== undefined || event.result?.status === 'error';
        this.close(tool, failed, { 'gen_ai.tool.status': failed ? 'error' : 'success' });
        return;
      }
      default:
        return;
    }
  }

  /**
   * The invocation's spans, children first, the invocation's SERVER span last: spans still open (the loop was
   * cancelled or failed) end now; the invocation's span reports the total tokens and fails when the agent did.
   */
  finish(
    usage: { inputTokens: number; outputTokens: number; totalTokens: number },
    failed: boolean,
  ): SpanRecord[] {
    if (this.model) this.close(this.model, failed, {});
    for (const tool of this.tools.values()) this.close(tool, true, { 'gen_ai.tool.status': 'error' });
    this.model = undefined;
    this.tools.clear();
    const { subject } = this;
    const root = this.record(
      {
        spanId: this.rootId,
        start: this.start,
        name: `invoke_agent ${subject.harnessName}`,
        kind: 'SERVER',
        attributes: {
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.agent.name': subject.harnessName,
          'gen_ai.agent.id': subject.harnessId,
          ...(subject.modelId ? { 'gen_ai.request.model': subject.modelId } : {}),
          ...usageAttributes(usage),
          'aws.resource.arn': subject.harnessArn,
          'aws.bedrock_agentcore.endpoint': subject.qualifier,
          'aws.bedrock_agentcore.version': subject.version,
          'session.id': subject.runtimeSessionId,
        },
      },
      nowNano(),
      failed,
      undefined,
    );
    return [...this.done, root];
  }

  private open(name: string, kind: string, attributes: Record<string, unknown>): OpenSpan {
    return { spanId: randomBytes(8).toString('hex'), start: nowNano(), name, kind, attributes };
  }

  private close(span: OpenSpan, failed: boolean, more: Record<string, unknown>): void {
    this.done.push(
      this.record({ ...span, attributes: { ...span.attributes, ...more } }, nowNano(), failed, this.rootId),
    );
  }

  private record(span: OpenSpan, end: number, failed: boolean, parentSpanId: string | undefined): SpanRecord {
    const { subject } = this;
    return {
      resource: agentCoreResource(subject.harnessArn, subject),
      scope: AgentCoreScope,
      traceId: this.traceId,
      spanId: span.spanId,
      ...(parentSpanId ? { parentSpanId } : {}),
      name: span.name,
      kind: span.kind,
      startTimeUnixNano: span.start,
      endTimeUnixNano: end,
      durationNano: end - span.start,
      attributes: span.attributes,
      status: { code: failed ? 'ERROR' : 'OK' },
    };
  }
}

function usageAttributes(usage: {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}): Record<string, number> {
  return {
    ...(usage.inputTokens !== undefined ? { 'gen_ai.usage.input_tokens': usage.inputTokens } : {}),
    ...(usage.outputTokens !== undefined ? { 'gen_ai.usage.output_tokens': usage.outputTokens } : {}),
    ...(usage.totalTokens !== undefined ? { 'gen_ai.usage.total_tokens': usage.totalTokens } : {}),
  };
}

/** Epoch nanoseconds, finer than a millisecond so the spans of one fast call still order. */
export function nowNano(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1e6);
}
