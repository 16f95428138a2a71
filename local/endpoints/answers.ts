import { connect } from 'node:net';

/**
 * Whether something accepts connections at `endpoint` (`http://host:port`) within `timeoutMs`: a live endpoint
 * file names a process that still serves it (a pid alone may have been reused by another process).
 */
export function answers(endpoint: string, timeoutMs = 1_000): Promise<boolean> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
