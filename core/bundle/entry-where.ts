/**
 * The `where` of a `bundle.*` diagnostic for an entry path: the path JSON-escaped (without the quotes),
 * so control characters and backslashes stay visible and unambiguous (spec §2, §10).
 */
export function entryWhere(path: string): string {
  return JSON.stringify(path).slice(1, -1);
}

/** The `where` of an entry whose name is not valid UTF-8: its bytes in hex (spec §10). */
export function nameBytesWhere(bytes: Uint8Array): string {
  return `hex:${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}
