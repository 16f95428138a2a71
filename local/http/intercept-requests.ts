import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Answers a request itself (returns true) or lets the server's own handler answer it (false). Having returned
 * true it may still hand the request on later with `pass` (after reading its body: pass a replay of it).
 */
export type RequestInterceptor = (
  req: IncomingMessage,
  res: ServerResponse,
  pass: (req: IncomingMessage) => void,
) => boolean;

/**
 * Puts `interceptor` in front of the `request` listeners already on `server` (dynalite, s3rver), so
 * faults can be injected without touching the library. `around` wraps the library's handling, e.g. to
 * run it inside an AsyncLocalStorage context.
 */
export function interceptRequests(
  server: Server,
  interceptor: RequestInterceptor,
  around: (req: IncomingMessage, res: ServerResponse, next: () => void) => void = (_req, _res, next) =>
    next(),
): void {
  const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  const pass = (req: IncomingMessage, res: ServerResponse) =>
    around(req, res, () => {
      for (const listener of listeners) listener.call(server, req, res);
    });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (interceptor(req, res, (replayed) => pass(replayed, res))) return;
    pass(req, res);
  });
}
