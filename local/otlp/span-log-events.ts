/**
 * OTLP/JSON trace export requests (opentelemetry-proto `ExportTraceServiceRequest`, JSON encoding) turned into the
 * span records CloudWatch Transaction Search stores in the `aws/spans` log group: one JSON object per span, with
 * hex ids, flat attribute maps, nanosecond times as numbers and the status code by name.
 */

/** One span as `aws/spans` holds it. */
export interface SpanRecord {
  readonly resource: { readonly attributes: Record<string, unknown> };
  readonly scope: { readonly name: string; readonly version?: string };
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: string;
  readonly startTimeUnixNano: number;
  readonly endTimeUnixNano: number;
  readonly durationNano: number;
  readonly attributes: Record<string, unknown>;
  readonly status: { readonly code: string };
}

interface OtlpKeyValue {
  readonly key: string;
  readonly value?: OtlpAnyValue;
}

interface OtlpAnyValue {
  readonly stringValue?: string;
  readonly boolValue?: boolean;
  readonly intValue?: string | number;
  readonly doubleValue?: number;
  readonly arrayValue?: { readonly values?: readonly OtlpAnyValue[] };
  readonly kvlistValue?: { readonly values?: readonly OtlpKeyValue[] };
}

interface OtlpSpan {
  readonly traceId?: string;
  readonly spanId?: string;
  readonly parentSpanId?: string;
  readonly name?: string;
  readonly kind?: number;
  readonly startTimeUnixNano?: string | number;
  readonly endTimeUnixNano?: string | number;
  readonly attributes?: readonly OtlpKeyValue[];
  readonly status?: { readonly code?: number };
}

interface OtlpExportRequest {
  readonly resourceSpans?: readonly {
    readonly resource?: { readonly attributes?: readonly OtlpKeyValue[] };
    readonly scopeSpans?: readonly {
      readonly scope?: { readonly name?: string; readonly version?: string };
      readonly spans?: readonly OtlpSpan[];
    }[];
  }[];
}

const SpanKinds = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const StatusCodes = ['UNSET', 'OK', 'ERROR'];

/**
 * The span records of one export request (`JSON.parse`d body).
 * @throws TypeError when the body is not an export request
 */
export function spanRecordsOf(body: unknown): SpanRecord[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TypeError('The body is not an OTLP ExportTraceServiceRequest.');
  }
  const records: SpanRecord[] = [];
  for (const resourceSpans of (body as OtlpExportRequest).resourceSpans ?? []) {
    const resource = { attributes: attributeMap(resourceSpans.resource?.attributes) };
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      const scope = {
        name: scopeSpans.scope?.name ?? '',
        ...(scopeSpans.scope?.version ? { version: scopeSpans.scope.version } : {}),
      };
      for (const span of scopeSpans.spans ?? []) {
        const start = Number(span.startTimeUnixNano ?? 0);
        const end = Number(span.endTimeUnixNano ?? start);
        records.push({
          resource,
          scope,
          traceId: span.traceId ?? '',
          spanId: span.spanId ?? '',
          ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
          name: span.name ?? '',
          kind: SpanKinds[span.kind ?? 0] ?? 'UNSPECIFIED',
          startTimeUnixNano: start,
          endTimeUnixNano: end,
          durationNano: end - start,
          attributes: attributeMap(span.attributes),
          status: { code: StatusCodes[span.status?.code ?? 0] ?? 'UNSET' },
        });
      }
    }
  }
  return records;
}

function attributeMap(attributes: readonly OtlpKeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((attributes ?? []).map(({ key, value }) => [key, plainValue(value)]));
}

function plainValue(value: OtlpAnyValue | undefined): unknown {
  if (value === undefined) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(plainValue);
  if (value.kvlistValue !== undefined) return attributeMap(value.kvlistValue.values);
  return null;
}
