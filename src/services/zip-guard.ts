// Zip-bomb and corrupt-container guard for XLSX workbooks, run before ExcelJS sees the file. A
// workbook is a zip: its central directory declares each part's sizes, and a hostile file can
// declare a huge part, a huge ratio, or lie about the sizes. We read the directory, refuse
// what would unpack past the caps, then inflate each part into nowhere, counting bytes, and stop
// the moment one unpacks to more than it declared or than the cap allows.
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { basename } from 'node:path';
import { UnreadableFileError } from '../core/records';

export interface ZipLimits {
  /** Most bytes all parts together may unpack to. */
  maxTotalUnpacked: number;
  /** Most bytes one part may unpack to. */
  maxEntryUnpacked: number;
  /** Highest unpacked/packed ratio allowed for a part larger than `ratioFloor`. */
  maxRatio: number;
  ratioFloor: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalUnpacked: 1024 * 1024 * 1024,
  maxEntryUnpacked: 768 * 1024 * 1024,
  // Real sheet XML packs 5–30×; a run of identical rows can reach ~150×. Bombs are ≥ 1000×.
  maxRatio: 400,
  ratioFloor: 16 * 1024 * 1024,
  maxEntries: 5000,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

/** Read and check a zip's central directory; throws UnreadableFileError naming the problem. */
export function readZipDirectory(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const name = basename(file);
  const bad = (why: string) => new UnreadableFileError(`${name}: the workbook is corrupt (${why}); open it in Excel and save it again`);
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size < 22) throw bad('too short to be a zip container');
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    readSync(fd, tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) { eocd = i; break; }
    }
    if (eocd < 0) throw bad('no zip end record: the file is truncated or not a zip');
    let total = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const loc = eocd - 20;
      if (loc < 0 || tail.readUInt32LE(loc) !== EOCD64_LOCATOR) throw bad('a zip64 end record is announced but missing');
      const rec64Offset = Number(tail.readBigUInt64LE(loc + 8));
      const rec = Buffer.alloc(56);
      if (readSync(fd, rec, 0, 56, rec64Offset) !== 56 || rec.readUInt32LE(0) !== EOCD64) throw bad('the zip64 end record is damaged');
      total = Number(rec.readBigUInt64LE(32));
      cdSize = Number(rec.readBigUInt64LE(40));
      cdOffset = Number(rec.readBigUInt64LE(48));
    }
    if (total > limits.maxEntries) throw new UnreadableFileError(`${name}: the workbook has ${total} parts (at most ${limits.maxEntries} are read); it is not a Vendor Central export`);
    if (cdOffset + cdSize > size) throw bad('the zip directory points past the end of the file (truncated download?)');
    const cd = Buffer.alloc(cdSize);
    readSync(fd, cd, 0, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    let unpacked = 0;
    for (let i = 0; i < total; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CEN) throw bad(`zip directory entry ${i + 1} is damaged`);
      const method = cd.readUInt16LE(p + 10);
      let compressedSize = cd.readUInt32LE(p + 20);
      let uncompressedSize = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      let localHeaderOffset = cd.readUInt32LE(p + 42);
      if (p + 46 + nameLen + extraLen > cd.length) throw bad(`zip directory entry ${i + 1} is damaged`);
      const entryName = cd.toString('utf8', p + 46, p + 46 + nameLen);
      // Zip64 sizes live in extra field 0x0001, in this order, for each value saturated at 0xffffffff.
      let e = p + 46 + nameLen;
      const extraEnd = e + extraLen;
      while (e + 4 <= extraEnd) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          const take = () => { const v = q + 8 <= e + 4 + len ? Number(cd.readBigUInt64LE(q)) : NaN; q += 8; return v; };
          if (uncompressedSize === 0xffffffff) uncompressedSize = take();
          if (compressedSize === 0xffffffff) compressedSize = take();
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
        }
        e += 4 + len;
      }
      if (![uncompressedSize, compressedSize, localHeaderOffset].every(Number.isFinite)) throw bad(`the zip64 sizes of ${entryName} are damaged`);
      if (method !== 0 && method !== 8) throw new UnreadableFileError(`${name}: part ${entryName} uses zip compression method ${method}; only stored and deflated parts are read`);
      if (localHeaderOffset + 30 > size || localHeaderOffset + compressedSize > size) throw bad(`part ${entryName} lies past the end of the file (truncated download?)`);
      if (uncompressedSize > limits.maxEntryUnpacked) throw bomb(name, `part ${entryName} would unpack to ${mb(uncompressedSize)} (at most ${mb(limits.maxEntryUnpacked)})`);
      if (uncompressedSize > limits.ratioFloor && uncompressedSize > compressedSize * limits.maxRatio) {
        throw bomb(name, `part ${entryName} would unpack ${Math.round(uncompressedSize / Math.max(1, compressedSize))}× (${mb(compressedSize)} to ${mb(uncompressedSize)})`);
      }
      unpacked += uncompressedSize;
      if (unpacked > limits.maxTotalUnpacked) throw bomb(name, `its parts would unpack to more than ${mb(limits.maxTotalUnpacked)}`);
      entries.push({ name: entryName, method, compressedSize, uncompressedSize, localHeaderOffset });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

/**
 * Inflate every deflated part into nowhere, counting bytes: a part that unpacks to more than its
 * directory entry declared (a lying bomb) or fails to inflate (corrupt) is refused before parsing.
 */
export async function checkZipContents(file: string, entries: readonly ZipEntry[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<void> {
  const name = basename(file);
  const fd = openSync(file, 'r');
  let total = 0;
  try {
    for (const entry of entries) {
      const head = Buffer.alloc(30);
      readSync(fd, head, 0, 30, entry.localHeaderOffset);
      if (head.readUInt32LE(0) !== LOC) throw new UnreadableFileError(`${name}: the workbook is corrupt (part ${entry.name} has no local header)`);
      const start = entry.localHeaderOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
      if (entry.compressedSize === 0) continue;
      const allowed = Math.min(entry.uncompressedSize, limits.maxEntryUnpacked);
      if (entry.method === 0) {
        total += entry.compressedSize;
        continue;
      }
      let produced = 0;
      await new Promise<void>((resolve, reject) => {
        const src = createReadStream(file, { start, end: start + entry.compressedSize - 1 });
        const inflate = createInflateRaw();
        const fail = (err: Error) => { src.destroy(); inflate.destroy(); reject(err); };
        inflate.on('data', (chunk: Buffer) => {
          produced += chunk.length;
          if (produced > allowed || total + produced > limits.maxTotalUnpacked) {
            fail(bomb(name, `part ${entry.name} unpacks to more than the ${mb(entry.uncompressedSize)} it declares`));
          }
        });
        inflate.on('end', resolve);
        inflate.on('error', (err) => fail(new UnreadableFileError(`${name}: the workbook is corrupt (part ${entry.name} cannot be unpacked: ${err.message})`)));
        src.on('error', fail);
        src.pipe(inflate);
      });
      total += produced;
    }
  } finally {
    closeSync(fd);
  }
}

function bomb(name: string, why: string): UnreadableFileError {
  return new UnreadableFileError(`${name}: refused as a possible zip bomb: ${why}`);
}

function mb(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${Math.round(n / 1024)} KB`;
}
