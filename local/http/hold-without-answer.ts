import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The `network_timeout` fault: reads and discards the request and never answers, so the client's request
 * timeout is what ends the call. With `dropAfterMs` the connection is dropped after that long instead (the
 * client sees a socket error). Closing the emulator destroys held connections.
 */
export function holdWithoutAnswer(req: IncomingMessage, res: ServerResponse, dropAfterMs?: number): void {
  req.resume();
  if (!dropAfterMs) return;
  const timer = setTimeout(() => res.socket?.destroy(), dropAfterMs);
  timer.unref();
  res.once('close', () => clearTimeout(timer));
}
