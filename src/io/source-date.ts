// The book's date: the clock and git, at the edge, behind one function.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MlqError } from '../errors.js';
import { git, repositoryOf } from './git.js';

/**
 * SOURCE_DATE_EPOCH, else the banks' last commit, else their newest modification time. A bank edited since
 * its last commit is dated by its file: an Anki note is updated on re-import only when it is newer.
 */
export async function sourceDateOf(files: string[]): Promise<string> {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch) {
    // The reproducible-builds specification: a malformed value must fail the build, not be ignored.
    // Up to the last second of year 9999: later dates have no plain ISO 8601 form for the outputs' metadata.
    const date = /^\d+$/.test(epoch) && Number(epoch) <= 253402300799 ? new Date(Number(epoch) * 1000) : null;
    if (!date) throw new MlqError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, up to the year 9999, not "${epoch}"`);
    return date.toISOString();
  }
  // Never reached with SOURCE_DATE_EPOCH set: a reproducible build runs no git at all.
  const repository = await repositoryOf(path.dirname(path.resolve(files[0] ?? '.')));
  const paths = await Promise.all(files.map((f) => realpath(f).catch(() => path.resolve(f))));
  const ask = (...args: string[]) =>
    repository ? git(repository, ['--literal-pathspecs', ...args, '--', ...paths]).then((out) => out.trim(), () => '') : '';
  const [committed, changed] = await Promise.all([ask('log', '-1', '--format=%ct'), ask('status', '--porcelain')]);
  const times = await Promise.all(files.map(async (f) => (await stat(f)).mtimeMs));
  const modified = Math.floor(Math.max(...times) / 1000);
  const seconds = committed ? (changed ? Math.max(Number(committed), modified) : Number(committed)) : modified;
  return new Date(seconds * 1000).toISOString();
}
