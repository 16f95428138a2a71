import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { LogGroupNames } from '../../functions/lib/log-group-names.js';
import type { AuthorizeRequest } from '../http/authorize.js';
import { listen } from '../http/listen.js';
import { readBody } from '../http/read-body.js';
import { sendAwsJsonError, sendJson } from '../http/send-json.js';
import type { LogWriter } from '../logs/index.js';
import { checkSigV4 } from './check-sigv4.js';
import { spanRecordsOf } from './span-log-events.js';

const gunzipped = promisify(gunzip);

/** Options of {@link startOtlpReceiver}. */
export interface OtlpReceiverOptions {
  /** Where spans go: the CloudWatch Logs emulator's writer. */
  readonly writeLog: LogWriter;
  /** The region a request's SigV4 credential scope must name, with service `xray`. */
  readonly region: string;
  /**
   * The local cloud's IAM: the signing principal must be allowed `xray:PutTraceSegments` on `*`.
   * @default everything allowed
   */
  readonly authorize?: AuthorizeRequest;
  /** @default 0 (a free port) */
  readonly port?: number;
}

/** A running OTLP/HTTP trace receiver. */
export interface OtlpReceiver {
  /** Base URL, as `AWS_ENDPOINT_URL_XRAY` takes it (the exporter appends `/v1/traces`). */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** The IAM action X-Ray authorizes an OTLP trace export as; it has no resource type. */
const PutTraceSegments = { action: 'xray:PutTraceSegments', resource: '*' } as const;

/** X-Ray speaks REST-JSON: errors carry their type in `x-amzn-ErrorType` and `__type`, the sentence in `message`. */
const JsonContentType = 'application/json';

/**
 * Starts the local cloud's stand-in for X-Ray's OTLP traces endpoint (`https://xray.<region>.amazonaws.com`):
 * `POST /v1/traces` signed with SigV4 for `xray` in the local region (secret key = access key id, the local
 * cloud's convention), by a principal the local IAM allows `xray:PutTraceSegments`, with a JSON
 * `ExportTraceServiceRequest`, plain or gzipped, writes each span as one event of the `aws/spans` log group,
 * timestamped with the span's end, which is what CloudWatch Transaction Search does with the spans it ingests; so
 * `agentdrop traces` reads the local cloud and AWS alike (FilterLogEvents). Unsigned, mis-scoped, badly signed and
 * denied requests are refused with 403 as X-Ray refuses them, and write nothing. Protobuf bodies, which X-Ray
 * takes, are refused with 415: the one place this receiver is stricter (no protobuf decoder is installed; the
 * runtime agent sends JSON).
 */
export async function startOtlpReceiver(options: OtlpReceiverOptions): Promise<OtlpReceiver> {
  const server = createServer((req, res) => {
    void handle(req, res, options).catch(() =>
      sendAwsJsonError(res, 400, 'InvalidRequestException', 'Bad request', JsonContentType),
    );
  });
  const listening = await listen(server, options.port ?? 0);
  return { endpoint: listening.endpoint, stop: () => listening.close() };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: OtlpReceiverOptions,
): Promise<void> {
  if (req.method !== 'POST' || req.url !== '/v1/traces') {
    sendAwsJsonError(
      res,
      404,
      'UnknownOperationException',
      'Only POST /v1/traces is served.',
      JsonContentType,
    );
    return;
  }
  const raw = await readBody(req);
  const signed = checkSigV4(
    { method: req.method, url: req.url, headers: req.headers },
    raw,
    { service: 'xray', region: options.region },
    // The local cloud's convention: every principal's secret access key is its access key id.
    (accessKeyId) => accessKeyId,
  );
  if ('type' in signed) {
    sendAwsJsonError(res, 403, signed.type, signed.message, JsonContentType);
    return;
  }
  const denial = options.authorize?.({ accessKeyId: signed.accessKeyId, requests: () => [PutTraceSegments] });
  if (denial !== undefined) {
    sendAwsJsonError(res, 403, 'AccessDeniedException', denial.denied, JsonContentType);
    return;
  }
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    sendAwsJsonError(
      res,
      415,
      'UnsupportedMediaTypeException',
      'The local cloud takes OTLP/JSON only (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json).',
      JsonContentType,
    );
    return;
  }
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    sendAwsJsonError(
      res,
      415,
      'UnsupportedMediaTypeException',
      `Content-Encoding ${encoding} is not supported: send gzip or none.`,
      JsonContentType,
    );
    return;
  }
  const body = encoding === 'gzip' ? await gunzipped(raw) : raw;
  const records = spanRecordsOf(JSON.parse(body.toString('utf8')));
  if (records.length > 0) {
    options.writeLog(
      LogGroupNames.spans,
      LogGroupNames.spansStream,
      records.map((record) => ({
        timestamp: Math.floor(record.endTimeUnixNano / 1e6),
        message: JSON.stringify(record),
      })),
    );
  }
  sendJson(res, 200, {}, JsonContentType);
}
