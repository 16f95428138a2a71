import type { ZipArchive } from './zip-archive.js';

/** Where the central directory starts and how many records it holds, from the end records. */
export interface CentralDirectory {
  readonly entryCount: number;
  readonly offset: number;
}

/** The fields of one central-directory record the safety checks and inflation use (ZIP64 sizes applied). */
export interface ZipEntryRecord {
  readonly fileNameRaw: Buffer;
  readonly generalPurposeBitFlag: number;
  readonly compressionMethod: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly externalFileAttributes: number;
  readonly relativeOffsetOfLocalHeader: number;
  readonly extraFieldIds: readonly number[];
}

/** A local file header: what must agree with the central directory, and where the data starts. */
export interface LocalHeader {
  readonly fileName: Buffer;
  readonly generalPurposeBitFlag: number;
  readonly compressionMethod: number;
  readonly fileDataStart: number;
}

/** Why an archive is not a ZIP this reader reads (`bundle.not_zip`), as opposed to a broken one. */
export class NotZipError extends Error {}

const EocdSignature = 0x06054b50;
const EocdBytes = 22;
const Zip64LocatorSignature = 0x07064b50;
const Zip64LocatorBytes = 20;
const Zip64EocdSignature = 0x06064b50;
const Zip64EocdBytes = 56;
const MaxCommentBytes = 0xffff;
const CentralSignature = 0x02014b50;
const CentralBytes = 46;
const LocalSignature = 0x04034b50;
const LocalBytes = 30;
const StrongEncryptionFlag = 0x40;
const Zip64ExtraFieldId = 0x0001;
const Zip64Marker = 0xffffffff;

/**
 * Finds the end-of-central-directory record (searching back over a comment of up to 64 KiB) and, when a
 * ZIP64 locator precedes it, the ZIP64 record. Throws {@link NotZipError} when there is no record, the
 * comment length does not reach the end, or the archive spans disks; another Error when it is broken.
 */
export function locateCentralDirectory(archive: ZipArchive): CentralDirectory {
  const tailBytes = Math.min(Zip64LocatorBytes + EocdBytes + MaxCommentBytes, archive.byteLength);
  const tailStart = archive.byteLength - tailBytes;
  const tail = archive.read(tailStart, tailBytes);
  for (let at = tailBytes - EocdBytes; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) !== EocdSignature) continue;
    const commentLength = tail.readUInt16LE(at + 20);
    if (commentLength !== tailBytes - at - EocdBytes) {
      throw new NotZipError(
        `invalid comment length ${commentLength} in the end of central directory record ` +
          `(${tailBytes - at - EocdBytes} bytes follow it)`,
      );
    }
    if (at >= Zip64LocatorBytes && tail.readUInt32LE(at - Zip64LocatorBytes) === Zip64LocatorSignature) {
      return zip64Directory(archive, readUInt64LE(tail, at - Zip64LocatorBytes + 8));
    }
    checkSingleDisk(tail.readUInt16LE(at + 4));
    return { entryCount: tail.readUInt16LE(at + 10), offset: tail.readUInt32LE(at + 16) };
  }
  throw new NotZipError('end of central directory record signature not found (not a ZIP, or truncated)');
}

function zip64Directory(archive: ZipArchive, recordOffset: number): CentralDirectory {
  const record = archive.read(recordOffset, Zip64EocdBytes);
  if (record.readUInt32LE(0) !== Zip64EocdSignature) {
    throw new Error('invalid ZIP64 end of central directory record signature');
  }
  checkSingleDisk(record.readUInt32LE(16));
  return { entryCount: readUInt64LE(record, 32), offset: readUInt64LE(record, 48) };
}

function checkSingleDisk(disk: number): void {
  if (disk !== 0) throw new NotZipError(`multi-disk archives are not supported: found disk number ${disk}`);
}

/**
 * The central directory's records in archive order. Throws when a record is cut short, has a bad
 * signature or extra field, declares strong encryption (flag bit 6), or lacks a ZIP64 size it marks.
 */
export function* centralDirectoryRecords(
  archive: ZipArchive,
  directory: CentralDirectory,
): Generator<ZipEntryRecord> {
  let cursor = directory.offset;
  for (let index = 0; index < directory.entryCount; index += 1) {
    const fixed = archive.read(cursor, CentralBytes);
    const signature = fixed.readUInt32LE(0);
    if (signature !== CentralSignature) {
      throw new Error(`invalid central directory file header signature: 0x${signature.toString(16)}`);
    }
    const generalPurposeBitFlag = fixed.readUInt16LE(8);
    if ((generalPurposeBitFlag & StrongEncryptionFlag) !== 0) {
      throw new Error('strong encryption is not supported');
    }
    const nameLength = fixed.readUInt16LE(28);
    const extraLength = fixed.readUInt16LE(30);
    const commentLength = fixed.readUInt16LE(32);
    let compressedSize = fixed.readUInt32LE(20);
    let uncompressedSize = fixed.readUInt32LE(24);
    let relativeOffsetOfLocalHeader = fixed.readUInt32LE(42);
    const common = {
      generalPurposeBitFlag,
      compressionMethod: fixed.readUInt16LE(10),
      crc32: fixed.readUInt32LE(16),
      externalFileAttributes: fixed.readUInt32LE(38),
    };
    const variable = archive.read(cursor + CentralBytes, nameLength + extraLength + commentLength);
    cursor += CentralBytes + variable.byteLength;

    const extraFields = parseExtraFields(variable.subarray(nameLength, nameLength + extraLength));
    const zip64 = extraFields.find((field) => field.id === Zip64ExtraFieldId)?.data;
    if (zip64 !== undefined) {
      let at = 0;
      const next = (what: string): number => {
        if (at + 8 > zip64.byteLength) {
          throw new Error(`ZIP64 extended information extra field does not include ${what}`);
        }
        at += 8;
        return readUInt64LE(zip64, at - 8);
      };
      if (uncompressedSize === Zip64Marker) uncompressedSize = next('the uncompressed size');
      if (compressedSize === Zip64Marker) compressedSize = next('the compressed size');
      if (relativeOffsetOfLocalHeader === Zip64Marker)
        relativeOffsetOfLocalHeader = next('the header offset');
    }
    yield {
      ...common,
      // A copy: a record outlives the read buffer, which may be reused.
      fileNameRaw: Buffer.from(variable.subarray(0, nameLength)),
      compressedSize,
      uncompressedSize,
      relativeOffsetOfLocalHeader,
      extraFieldIds: extraFields.map((field) => field.id),
    };
  }
}

/**
 * The local header of an entry. Throws when it has a bad signature or is cut short, or when the entry's
 * data would run past the end of the archive.
 */
export function readLocalHeader(archive: ZipArchive, record: ZipEntryRecord): LocalHeader {
  const start = record.relativeOffsetOfLocalHeader;
  const fixed = archive.read(start, LocalBytes);
  const signature = fixed.readUInt32LE(0);
  if (signature !== LocalSignature) {
    throw new Error(`invalid local file header signature: 0x${signature.toString(16)}`);
  }
  const generalPurposeBitFlag = fixed.readUInt16LE(6);
  const compressionMethod = fixed.readUInt16LE(8);
  const nameLength = fixed.readUInt16LE(26);
  const fileDataStart = start + LocalBytes + nameLength + fixed.readUInt16LE(28);
  if (fileDataStart + record.compressedSize > archive.byteLength) {
    throw new Error(
      `file data overflows the archive: ${fileDataStart} + ${record.compressedSize} > ${archive.byteLength}`,
    );
  }
  const fileName = Buffer.from(archive.read(start + LocalBytes, nameLength));
  return { fileName, generalPurposeBitFlag, compressionMethod, fileDataStart };
}

function parseExtraFields(bytes: Buffer): { id: number; data: Buffer }[] {
  const fields: { id: number; data: Buffer }[] = [];
  for (let at = 0; at < bytes.byteLength - 3; ) {
    const dataEnd = at + 4 + bytes.readUInt16LE(at + 2);
    if (dataEnd > bytes.byteLength) throw new Error('extra field length exceeds the extra field');
    fields.push({ id: bytes.readUInt16LE(at), data: bytes.subarray(at + 4, dataEnd) });
    at = dataEnd;
  }
  return fields;
}

/** A little-endian 64-bit size as a number; a value past 2^53 loses precision but fails the bounds checks. */
function readUInt64LE(bytes: Buffer, at: number): number {
  return bytes.readUInt32LE(at) + bytes.readUInt32LE(at + 4) * 0x1_0000_0000;
}
