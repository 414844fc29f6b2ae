// Zip archives that are the same bytes for the same content: fixed entry order and entry times.
import { zipSync, type Zippable } from 'fflate';

export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
  /** Stored without compression (e.g. an EPUB's `mimetype`, which readers sniff at a fixed offset). */
  stored?: boolean;
}

const DOS_EPOCH = Date.UTC(1980, 0, 1);

/**
 * Zips entries in the given order, every entry stamped with `date`. Zip times are DOS local times and
 * fflate reads the local fields of the Date it is given, so the Date is built from the UTC fields of
 * `date`: the archive does not depend on the machine's time zone. Zip cannot hold times before 1980.
 */
export function reproducibleZip(entries: readonly ZipEntry[], date: string): Uint8Array {
  const utc = new Date(Math.max(Date.parse(date) || DOS_EPOCH, DOS_EPOCH));
  const mtime = new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds());
  const files: Zippable = {};
  // Object keys keep insertion order for non-numeric strings; a path that looks like an array index
  // would move to the front, so such paths are refused rather than silently reordered.
  for (const { path, bytes, stored } of entries) {
    if (/^\d+$/.test(path)) throw new Error(`zip entry name "${path}" would be reordered`);
    files[path] = [bytes, { level: stored ? 0 : 6, mtime }];
  }
  return zipSync(files, { mtime });
}
