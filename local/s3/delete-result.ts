/** The keys a DeleteObjects result lists as `<Deleted>`, XML entities decoded. */
export function deletedKeys(xml: string): string[] {
  const keys: string[] = [];
  for (const match of xml.matchAll(/<Deleted>\s*<Key>([\s\S]*?)<\/Key>\s*<\/Deleted>/g)) {
    keys.push(decodeXml(match[1]!));
  }
  return keys;
}

/**
 * Adds `DeleteMarker` and `DeleteMarkerVersionId` to each `<Deleted>` entry, as a versioned bucket
 * answers, in the order of `versionIds`.
 */
export function withDeleteMarkers(xml: string, versionIds: readonly string[]): string {
  let index = 0;
  return xml.replace(/<Deleted>(\s*<Key>[\s\S]*?<\/Key>\s*)<\/Deleted>/g, (_whole, inner: string) => {
    const versionId = versionIds[index++];
    return versionId === undefined
      ? `<Deleted>${inner}</Deleted>`
      : `<Deleted>${inner}<DeleteMarker>true</DeleteMarker><DeleteMarkerVersionId>${versionId}</DeleteMarkerVersionId></Deleted>`;
  });
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_m, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&amp;/g, '&');
}
