import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * An archive read at offsets, synchronously: from bytes in memory, or from a file so the archive itself is
 * never held. A read past the end throws (the caller reports the archive as corrupt).
 */
export interface ZipArchive {
  readonly byteLength: number;
  /**
   * `length` bytes at `position`. A file archive returns a view of one scratch buffer when the bytes fit
   * in it: valid until the next `read`, so a caller keeps a copy of what it keeps.
   */
  read(position: number, length: number): Buffer;
  /** Reads `length` bytes at `position` later, after {@link close}: for files inflated again on demand. */
  readLater(position: number, length: number): Buffer;
  close(): void;
}

/** Bytes up to this size are read into one reused buffer (one entry's compressed data, usually). */
const ScratchBytes = 64 * 1024;

/** An archive held in memory; reads are views of it, with no copy. */
export function bufferArchive(bytes: Buffer): ZipArchive {
  const read = (position: number, length: number): Buffer => {
    checkRange(position, length, bytes.byteLength);
    return bytes.subarray(position, position + length);
  };
  return { byteLength: bytes.byteLength, read, readLater: read, close: () => {} };
}

/**
 * An archive file read through one descriptor until {@link ZipArchive.close}; `readLater` opens the file
 * again for each read. Throws the file-system error when the file cannot be opened.
 */
export function fileArchive(path: string): ZipArchive {
  const fd = openSync(path, 'r');
  const byteLength = fstatSync(fd).size;
  const scratch = Buffer.allocUnsafe(ScratchBytes);
  return {
    byteLength,
    read: (position, length) => {
      checkRange(position, length, byteLength);
      return readFully(fd, length <= ScratchBytes ? scratch : Buffer.allocUnsafe(length), length, position);
    },
    readLater: (position, length) => {
      checkRange(position, length, byteLength);
      const later = openSync(path, 'r');
      try {
        return readFully(later, Buffer.allocUnsafe(length), length, position);
      } finally {
        closeSync(later);
      }
    },
    close: () => closeSync(fd),
  };
}

function readFully(fd: number, into: Buffer, length: number, position: number): Buffer {
  let done = 0;
  while (done < length) {
    const read = readSync(fd, into, done, length - done, position + done);
    if (read === 0) throw new Error('unexpected end of file (the archive changed while it was read)');
    done += read;
  }
  return into.subarray(0, length);
}

function checkRange(position: number, length: number, byteLength: number): void {
  if (!(position >= 0 && length >= 0 && position + length <= byteLength)) {
    throw new Error(`unexpected end of archive: ${length} bytes at ${position} of ${byteLength}`);
  }
}
