import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Answers a request itself (returns true) or lets the server's own handler answer it (false). */
export type RequestInterceptor = (req: IncomingMessage, res: ServerResponse) => boolean;

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
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (interceptor(req, res)) return;
    around(req, res, () => {
      for (const listener of listeners) listener.call(server, req, res);
    });
  });
}
