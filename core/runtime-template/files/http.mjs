// @ts-check
// The body of POST /invocations: {prompt} (aliases input, text, query) as JSON, or the prompt as text/plain, and
// an optional `actorId` naming whose memory the turn belongs to.

const PromptKeys = ['prompt', 'input', 'text', 'query'];
/** The memory actor of an invocation whose body names none (spec §8). */
export const DefaultActorId = 'user';
/** CreateEvent's actorId pattern (at most 255 characters). */
const ActorIdPattern = /^[a-zA-Z0-9][a-zA-Z0-9-_/]*(?::[a-zA-Z0-9-_/]+)*[a-zA-Z0-9-_/]*$/;

/** An error BedrockAgentCoreApp answers with its status code. */
export class HttpError extends Error {
  /**
   * @param {number} statusCode
   * @param {string} message
   */
  constructor(statusCode, message) {
    super(message);
    this.statusCode = statusCode;
  }
}

/**
 * Parses a request body by content type; rejects (400) a body that is not an object holding a prompt.
 * @param {string} contentType
 * @param {string} raw
 * @returns {Record<string, unknown>}
 */
export function parseBody(contentType, raw) {
  /** @type {unknown} */
  let body;
  if (contentType.startsWith('text/plain')) body = { prompt: raw };
  else {
    try {
      body = raw.trim() === '' ? {} : JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'Invalid JSON');
    }
  }
  if (typeof body === 'string') body = { prompt: body };
  const object = asBody(body);
  promptOf(object);
  return object;
}

/**
 * Narrows a body that `parseBody` produced.
 * @param {unknown} body
 * @returns {Record<string, unknown>}
 */
export function asBody(body) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'The request body must be a JSON object such as {"prompt": "..."}.');
  }
  return /** @type {Record<string, unknown>} */ (body);
}

/**
 * The prompt of a body: the first non-blank string among the prompt keys.
 * @param {Record<string, unknown>} body
 * @returns {string}
 */
export function promptOf(body) {
  for (const key of PromptKeys) {
    const value = body[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  throw new HttpError(400, 'Missing prompt: send {"prompt": "..."} (aliases input, text, query).');
}

/**
 * The memory actor of a body: its `actorId` when that is a valid AgentCore actor id, else `user`.
 * @param {Record<string, unknown>} body
 * @returns {string}
 */
export function actorOf(body) {
  const actorId = body.actorId;
  return typeof actorId === 'string' && actorId.length <= 255 && ActorIdPattern.test(actorId)
    ? actorId
    : DefaultActorId;
}

/** The W3C trace-context headers AgentCore delivers to the container (agentcore-api.md §11). */
const TraceHeaders = ['traceparent', 'tracestate', 'baggage'];

/**
 * The W3C trace-context headers of a request (lower-case names, as Node gives them), the first value of each.
 * @param {Record<string, string | string[] | undefined>} headers
 * @returns {Record<string, string>}
 */
export function traceHeadersOf(headers) {
  /** @type {Record<string, string>} */
  const found = {};
  for (const name of TraceHeaders) {
    const value = headers[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' && first !== '') found[name] = first;
  }
  return found;
}
