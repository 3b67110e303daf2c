/**
 * A minimal ZIP reader for workflow artifacts (stored or deflated entries, no encryption, no
 * ZIP64): the central directory says where each entry is and how large; each entry's CRC is checked.
 */
import { crc32, inflateRawSync } from 'node:zlib';

export class ZipError extends Error {
  override name = 'ZipError';
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** At most this many bytes are inflated per entry (a guard against archive bombs). */
export const MAX_ENTRY_BYTES = 50 * 1024 * 1024;

/** The files of a ZIP archive by path (folders left out). Throws ZipError on anything malformed. */
export function unzip(archive: Uint8Array, opts: { maxEntryBytes?: number } = {}): Map<string, Buffer> {
  const zip = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  const limit = opts.maxEntryBytes ?? MAX_ENTRY_BYTES;
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('not a ZIP archive (no end of central directory)');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new ZipError(`central directory entry ${n} is malformed`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const packedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extraLength;
    if (name.endsWith('/')) continue;
    if (flags & 1) throw new ZipError(`${name}: encrypted entries are not supported`);
    if (size > limit) throw new ZipError(`${name}: ${size} bytes, more than the ${limit} allowed`);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_HEADER) throw new ZipError(`${name}: local header is malformed`);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (dataAt + packedSize > zip.length) throw new ZipError(`${name}: truncated`);
    const packed = zip.subarray(dataAt, dataAt + packedSize);
    let data: Buffer;
    try {
      if (method === 0) data = Buffer.from(packed);
      else if (method === 8) data = inflateRawSync(packed, { maxOutputLength: limit });
      else throw new ZipError(`${name}: compression method ${method} is not supported`);
    } catch (e) {
      if (e instanceof ZipError) throw e;
      throw new ZipError(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (data.length !== size || crc32(data) !== crc) throw new ZipError(`${name}: checksum mismatch`);
    files.set(name, data);
  }
  return files;
}
