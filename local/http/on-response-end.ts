import type { ServerResponse } from 'node:http';

/**
 * Lets `transform` see and replace the body a response ends with, before its headers are sent (Koa ends
 * with the whole body in one call).
 */
export function onResponseEnd(
  res: ServerResponse,
  transform: (body: Buffer | undefined) => Buffer | undefined,
): void {
  const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    const body =
      chunk === undefined || typeof chunk === 'function'
        ? undefined
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(String(chunk));
    const replaced = transform(body);
    if (replaced !== undefined && replaced !== body && !res.headersSent) {
      res.setHeader('content-length', String(replaced.length));
    }
    return replaced === undefined
      ? end(chunk, ...rest)
      : end(replaced, ...rest.filter((arg) => typeof arg === 'function'));
  }) as ServerResponse['end'];
}
