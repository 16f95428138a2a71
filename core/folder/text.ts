const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Decodes UTF-8 or returns null when the bytes are not valid UTF-8. Keeps a leading BOM (callers drop it). */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Decodes UTF-8 with U+FFFD substitution; `replaced` says whether any byte was invalid. */
export function decodeUtf8Lenient(bytes: Uint8Array): { text: string; replaced: boolean } {
  let replaced = false;
  try {
    strictDecoder.decode(bytes);
  } catch {
    replaced = true;
  }
  return { text: lenientDecoder.decode(bytes), replaced };
}

/** Drops one leading U+FEFF and turns CRLF and lone CR into LF (spec §3.3 step 1). */
export function normaliseText(text: string): string {
  const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return withoutBom.replace(/\r\n?/g, '\n');
}
