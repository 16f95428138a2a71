/**
 * One span as CloudWatch Transaction Search stores it in the `aws/spans` log group (one JSON log event per span;
 * the local cloud's OTLP receiver writes the same shape). Only the fields `agentdrop traces` reads.
 */
export interface Span {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  /** Epoch nanoseconds. */
  readonly startTimeUnixNano: number;
  readonly durationNano: number;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly resource: { readonly attributes: Readonly<Record<string, unknown>> };
  readonly status: { readonly code: string };
}

/** The OpenTelemetry service name of a project's runtime agent (core/runtime-template/files/otel.mjs). */
export function serviceNameOf(project: string): string {
  return `agentdrop-${project}`;
}

/** The span a log event holds, or null for an event that is not one (unparsable, or missing ids). */
export function spanOf(message: string | undefined): Span | null {
  let value: unknown;
  try {
    value = JSON.parse(message ?? '');
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const span = value as Partial<Span>;
  if (typeof span.traceId !== 'string' || typeof span.spanId !== 'string' || typeof span.name !== 'string') {
    return null;
  }
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    ...(typeof span.parentSpanId === 'string' && span.parentSpanId !== ''
      ? { parentSpanId: span.parentSpanId }
      : {}),
    name: span.name,
    startTimeUnixNano: Number(span.startTimeUnixNano ?? 0),
    durationNano: Number(span.durationNano ?? 0),
    attributes: span.attributes ?? {},
    resource: { attributes: span.resource?.attributes ?? {} },
    status: { code: String(span.status?.code ?? 'UNSET') },
  };
}

/**
 * Whether a span is one of `project`'s: its runtime agent's own, or AgentCore's of the project's deployed resource
 * (`resourceArn`: the harness or runtime ARN, as `cloud.resource_id` or `aws.resource.arn`).
 */
export function isProjectSpan(span: Span, project: string, resourceArn?: string): boolean {
  const resource = span.resource.attributes;
  if (resource['agentdrop.project'] === project || resource['service.name'] === serviceNameOf(project)) {
    return true;
  }
  return (
    resourceArn !== undefined &&
    (resource['cloud.resource_id'] === resourceArn || span.attributes['aws.resource.arn'] === resourceArn)
  );
}
