/** One checked file of a drop whose bytes are produced when asked for (read from disk, or inflated again). */
export interface FileSource {
  /** Its size in bytes, as checked by the safety scan. */
  readonly size: number;
  /** Its bytes, read anew on every call; throws when they no longer match what the scan checked. */
  read(): Uint8Array;
  /** Feeds its bytes to `hash` without keeping them (in chunks where the source allows). */
  hashInto(hash: ByteSink): void;
}

/** What a file's bytes can be fed to: a `node:crypto` Hash, say. */
export interface ByteSink {
  update(bytes: Uint8Array): unknown;
}

/**
 * A drop's files as a read-only map whose bytes are not held: `get` (and iterating values) reads a file
 * each time, so a caller that only hashes or sizes most files never has the whole drop in memory. Sizes
 * and presence are known without reading ({@link fileSize}).
 */
export class OnDemandFiles implements ReadonlyMap<string, Uint8Array> {
  constructor(private readonly sources: ReadonlyMap<string, FileSource>) {}

  get size(): number {
    return this.sources.size;
  }

  get(path: string): Uint8Array | undefined {
    return this.sources.get(path)?.read();
  }

  has(path: string): boolean {
    return this.sources.has(path);
  }

  /** The size of a file without reading it, or undefined. */
  byteLength(path: string): number | undefined {
    return this.sources.get(path)?.size;
  }

  /** Feeds a file's bytes to `hash` without keeping them; false when there is no such file. */
  hashInto(path: string, hash: ByteSink): boolean {
    const source = this.sources.get(path);
    source?.hashInto(hash);
    return source !== undefined;
  }

  keys(): MapIterator<string> {
    return this.sources.keys();
  }

  *values(): MapIterator<Uint8Array> {
    for (const source of this.sources.values()) yield source.read();
  }

  *entries(): MapIterator<[string, Uint8Array]> {
    for (const [path, source] of this.sources) yield [path, source.read()];
  }

  [Symbol.iterator](): MapIterator<[string, Uint8Array]> {
    return this.entries();
  }

  forEach(callback: (value: Uint8Array, key: string, map: ReadonlyMap<string, Uint8Array>) => void): void {
    for (const [path, bytes] of this.entries()) callback(bytes, path, this);
  }
}

/** Feeds a file of a tree's map to `hash`; an on-demand file is streamed, not held. False when absent. */
export function hashFileInto(files: ReadonlyMap<string, Uint8Array>, path: string, hash: ByteSink): boolean {
  if (files instanceof OnDemandFiles) return files.hashInto(path, hash);
  const bytes = files.get(path);
  if (bytes === undefined) return false;
  hash.update(bytes);
  return true;
}

/** The size of a file of a tree's map, read only when the map holds bytes anyway. */
export function fileSize(files: ReadonlyMap<string, Uint8Array>, path: string): number | undefined {
  return files instanceof OnDemandFiles ? files.byteLength(path) : files.get(path)?.byteLength;
}
