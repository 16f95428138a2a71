import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/**
 * A request whose body was already read, to hand to a library's listener (dynalite) as if it arrived now: the
 * same method, url, headers and socket, and `body` as its stream.
 */
export function replayRequest(req: IncomingMessage, body: Buffer): IncomingMessage {
  return Object.assign(Readable.from([body]), {
    method: req.method,
    url: req.url,
    headers: req.headers,
    socket: req.socket,
    connection: req.socket,
  }) as unknown as IncomingMessage;
}
