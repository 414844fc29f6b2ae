// Zip archives that are the same bytes for the same content: fixed entry order and entry times.
import { zipSync, type Zippable } from 'fflate';

export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
  /** Stored without compression (e.g. an EPUB's `mimetype`, which readers sniff at a fixed offset). */
  stored?: boolean;
}

/** The range of DOS dates: 1980 to 2107. */
const DOS_FIRST = Date.UTC(1980, 0, 1);
const DOS_LAST = Date.UTC(2107, 11, 31, 23, 59, 58);

/**
 * fflate stamps entries from the local fields of a Date, so the bytes would depend on the machine's time
 * zone, and a time that does not exist locally (a daylight-saving gap) would shift. It gets this fixed
 * placeholder, and the real times are written over it afterwards.
 */
const PLACEHOLDER = new Date(1980, 0, 1, 12);

const END_OF_DIRECTORY = 0x06054b50;

/**
 * Zips entries in the given order, every entry stamped with `date` read as UTC: zip times carry no zone,
 * and reading the UTC fields makes the archive the same on every machine. Zip holds times from 1980 to 2107
 * only, in steps of two seconds; an unreadable date counts as 1980.
 */
export function reproducibleZip(entries: readonly ZipEntry[], date: string): Uint8Array {
  const files: Zippable = {};
  // Object keys keep insertion order for non-numeric strings; a path that looks like an array index
  // would move to the front, so such paths are refused rather than silently reordered.
  for (const { path, bytes, stored } of entries) {
    if (/^\d+$/.test(path)) throw new Error(`zip entry name "${path}" would be reordered`);
    files[path] = [bytes, { level: stored ? 0 : 6, mtime: PLACEHOLDER }];
  }
  const zip = zipSync(files);
  stampEntries(zip, dosDateTime(date));
  return zip;
}

/** The DOS time and date fields of an instant, from its UTC fields. */
function dosDateTime(date: string): { time: number; date: number } {
  const utc = new Date(Math.min(Math.max(Date.parse(date) || DOS_FIRST, DOS_FIRST), DOS_LAST));
  return {
    time: (utc.getUTCHours() << 11) | (utc.getUTCMinutes() << 5) | (utc.getUTCSeconds() >> 1),
    date: ((utc.getUTCFullYear() - 1980) << 9) | ((utc.getUTCMonth() + 1) << 5) | utc.getUTCDate(),
  };
}

/**
 * Writes the time into every entry's central directory record and local header. fflate writes no archive
 * comment, so the end-of-directory record is the last 22 bytes.
 */
function stampEntries(zip: Uint8Array, stamp: { time: number; date: number }): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.byteLength - 22;
  if (view.getUint32(end, true) !== END_OF_DIRECTORY) throw new Error('zip: end of central directory not found');
  const count = view.getUint16(end + 10, true);
  let record = view.getUint32(end + 16, true);
  for (let i = 0; i < count; i++) {
    const local = view.getUint32(record + 42, true);
    for (const at of [record + 12, local + 10]) {
      view.setUint16(at, stamp.time, true);
      view.setUint16(at + 2, stamp.date, true);
    }
    record += 46 + view.getUint16(record + 28, true) + view.getUint16(record + 30, true) + view.getUint16(record + 32, true);
  }
}
