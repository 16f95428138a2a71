/** A stream read into memory, or how far it got before passing the size limit. */
export type BufferedStream =
  | { readonly kind: 'complete'; readonly bytes: Buffer }
  | { readonly kind: 'too_large'; readonly observedBytes: number };

/**
 * Reads a stream into one buffer, stopping (and destroying the stream) as soon as more than
 * `maxBytes` have arrived, so an oversized archive is never held in full (spec §2).
 */
export async function bufferStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<BufferedStream> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.byteLength;
    if (total > maxBytes) {
      // Leaving the loop calls the iterator's return(), which destroys a Readable.
      return { kind: 'too_large', observedBytes: total };
    }
    chunks.push(bytes);
  }
  return { kind: 'complete', bytes: Buffer.concat(chunks, total) };
}
