import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from '../http/listen.js';
import { readBody } from '../http/read-body.js';
import type { LogWriter } from '../logs/index.js';
import { SpansLogGroup, spanRecordsOf } from './span-log-events.js';

/** Options of {@link startOtlpReceiver}. */
export interface OtlpReceiverOptions {
  /** Where spans go: the CloudWatch Logs emulator's writer. */
  readonly writeLog: LogWriter;
  /** @default 0 (a free port) */
  readonly port?: number;
}

/** A running OTLP/HTTP trace receiver. */
export interface OtlpReceiver {
  /** Base URL, as `OTEL_EXPORTER_OTLP_ENDPOINT` takes it (the exporter appends `/v1/traces`). */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** The stream of `aws/spans` the receiver writes (Transaction Search writes spans to one `default` stream). */
const SpansStream = 'default';

/**
 * Starts the local cloud's OTLP/HTTP receiver: `POST /v1/traces` with a JSON `ExportTraceServiceRequest`
 * (`OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json`) writes each span as one event of the `aws/spans` log group,
 * timestamped with the span's end, which is what CloudWatch Transaction Search does with the spans it ingests; so
 * `agentdrop traces` reads the local cloud and AWS alike (FilterLogEvents). Protobuf bodies are refused with 415.
 */
export async function startOtlpReceiver(options: OtlpReceiverOptions): Promise<OtlpReceiver> {
  const server = createServer((req, res) => {
    void handle(req, res, options.writeLog).catch(() => answer(res, 400, { message: 'Bad request' }));
  });
  const listening = await listen(server, options.port ?? 0);
  return { endpoint: listening.endpoint, stop: () => listening.close() };
}

async function handle(req: IncomingMessage, res: ServerResponse, writeLog: LogWriter): Promise<void> {
  if (req.method !== 'POST' || req.url !== '/v1/traces') {
    answer(res, 404, { message: 'Only POST /v1/traces is served.' });
    return;
  }
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    answer(res, 415, { message: 'Send OTLP/JSON (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json).' });
    return;
  }
  const records = spanRecordsOf(JSON.parse((await readBody(req)).toString('utf8')));
  if (records.length > 0) {
    writeLog(
      SpansLogGroup,
      SpansStream,
      records.map((record) => ({
        timestamp: Math.floor(record.endTimeUnixNano / 1e6),
        message: JSON.stringify(record),
      })),
    );
  }
  answer(res, 200, {});
}

function answer(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
