const MetadataFileNames: ReadonlySet<string> = new Set(['.DS_Store', 'Thumbs.db']);

/**
 * Whether an entry is OS metadata that a drop never means to ship (spec §1.2): anything under
 * `__MACOSX/`, or a file named `.DS_Store` or `Thumbs.db` at any depth.
 */
export function isOsMetadata(path: string, isDirectory: boolean): boolean {
  if (path === '__MACOSX' || path.startsWith('__MACOSX/')) return true;
  if (isDirectory) return false;
  return MetadataFileNames.has(path.slice(path.lastIndexOf('/') + 1));
}
