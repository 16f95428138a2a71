import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { RequestIamQuestion } from '../http/index.js';
import { modelArns } from './model-arns.js';
import { decideReply } from './scripted-policy.js';
import { toChatRequest } from './to-chat-request.js';
import { writeChatReply } from './write-chat-reply.js';
import { writeResponsesReply } from './write-responses-reply.js';

/** Options of {@link startScriptedModel}. */
export interface ScriptedModelOptions {
  /** Loopback address to listen on (`127.0.0.1`, `::1` or `localhost`). @default '127.0.0.1' */
  readonly host?: string;
  /** Port to listen on. @default 0 — a free port chosen by the system */
  readonly port?: number;
  /**
   * Authorizes a call whose bearer token names an execution role ({@link roleBearer}) as that role's Bedrock
   * call on the requested model: the denial message (answered 403), else undefined. @default every call allowed
   */
  readonly authorizeRole?: (roleArn: string, questions: readonly RequestIamQuestion[]) => string | undefined;
  /** Region and account of the model ARNs asked. @default 'us-west-2', '000000000000' */
  readonly region?: string;
  readonly accountId?: string;
}

/** The bearer token of a runtime container's model calls: the execution role they are made as. */
export function roleBearer(roleArn: string): string {
  return `role:${roleArn}`;
}

/** A running scripted model server. */
export interface ScriptedModel {
  /** Base URL ending in `/v1`, as OpenAI clients take it (`baseURL`). */
  readonly endpoint: string;
  /** Every request body received (chat completions and responses), parsed, in arrival order. */
  readonly requests: ReadonlyArray<unknown>;
  /** Closes the server and every open connection. */
  stop(): Promise<void>;
}

const LoopbackHosts: ReadonlySet<string> = new Set(['127.0.0.1', '::1', 'localhost']);
const Apis: Readonly<Record<string, 'chat' | 'responses'>> = {
  '/v1/chat/completions': 'chat',
  '/v1/responses': 'responses',
};

/**
 * Starts an OpenAI-compatible model server answering with the deterministic policy of
 * {@link decideReply}: `POST /v1/chat/completions` and `POST /v1/responses` (streaming SSE and not) and
 * `GET /v1/models`. It listens on loopback only and never calls out.
 *
 * @throws Error when `host` is not a loopback address.
 */
export async function startScriptedModel(options: ScriptedModelOptions = {}): Promise<ScriptedModel> {
  const host = options.host ?? '127.0.0.1';
  if (!LoopbackHosts.has(host)) throw new Error(`The scripted model listens on loopback only, not ${host}.`);
  const requests: unknown[] = [];
  let callCounter = 0;
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      sendJson(res, 500, { error: { message: String(error), type: 'server_error' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path === '/v1/models') {
      sendJson(res, 200, {
        object: 'list',
        data: [{ id: 'scripted', object: 'model', owned_by: 'agentdrop' }],
      });
      return;
    }
    const api = req.method === 'POST' && Object.hasOwn(Apis, path) ? Apis[path] : undefined;
    if (api === undefined) {
      sendJson(res, 404, {
        error: { message: `Unknown route ${req.method} ${path}`, type: 'invalid_request_error' },
      });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      sendJson(res, 400, { error: { message: 'Request body is not JSON.', type: 'invalid_request_error' } });
      return;
    }
    const request = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const denied = modelCallDenied(req, request);
    if (denied !== undefined) {
      // What the container would get from Bedrock, in the OpenAI-compatible error shape it reads here.
      sendJson(res, 403, {
        error: { message: denied, type: 'access_denied', code: 'AccessDeniedException' },
      });
      return;
    }
    requests.push(body);
    const reply = decideReply(api === 'responses' ? toChatRequest(request) : request);
    const streamOptions = request.stream_options as Record<string, unknown> | null | undefined;
    const args = {
      id: api === 'responses' ? `resp_${requests.length}` : `chatcmpl-${requests.length}`,
      model: typeof request.model === 'string' ? request.model : 'scripted',
      reply,
      toolCallId: reply.kind === 'tool' ? `call_${++callCounter}` : '',
      stream: request.stream === true,
      includeUsage: streamOptions?.include_usage === true,
    };
    if (api === 'responses') writeResponsesReply(res, args);
    else writeChatReply(res, args);
  }

  function modelCallDenied(req: IncomingMessage, request: Record<string, unknown>): string | undefined {
    const roleArn = /^Bearer role:(.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (roleArn === undefined || options.authorizeRole === undefined || typeof request.model !== 'string') {
      return undefined;
    }
    const action = request.stream === true ? 'bedrock:InvokeModelWithResponseStream' : 'bedrock:InvokeModel';
    const arns = modelArns(request.model, options.region ?? 'us-west-2', options.accountId ?? '000000000000');
    return options.authorizeRole(
      roleArn,
      arns.map((resource) => ({ action, resource })),
    );
  }

  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '::1' ? '[::1]' : host;
  return {
    endpoint: `http://${urlHost}:${port}/v1`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
