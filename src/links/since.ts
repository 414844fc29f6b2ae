// --since REF: which lines of the banks were added or changed since a git ref, so that a pull request is
// judged on the links it touches, and the banks' text at that ref, for the rules that compare versions.
// `git` is the edge; reading its output is pure.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Place } from '../model.js';
import { MlqError } from '../errors.js';
import { git as runGit, GitFailed, repositoryOf, type Repository } from '../io/git.js';
import type { LinkTarget } from './collect.js';

/** For each file, the changed lines (1-based, in the current text), or 'all' for a file git does not track. */
export type ChangedLines = Map<string, Set<number> | 'all'>;

/** Lines added or changed on the new side of a `git diff -U0` of one file. */
export function addedLines(diff: string): Set<number> {
  const lines = new Set<number>();
  for (const match of diff.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(match[1]);
    const count = match[2] === undefined ? 1 : Number(match[2]);
    for (let line = start; line < start + count; line++) lines.add(line);
  }
  return lines;
}

/** Runs git on behalf of `--since REF`; a failure is one clear MlqError. */
async function git(ref: string, repository: Repository, args: string[]): Promise<string> {
  try {
    return await runGit(repository, ['--literal-pathspecs', ...args]);
  } catch (error) {
    if (!(error instanceof GitFailed)) throw error;
    throw new MlqError(`--since ${ref}: git ${args[0]} failed: ${error.message || 'not a commit in this repository'}`);
  }
}

/** A bank in a repository where REF names a commit, and its path from the repository's top. */
interface AtRef {
  repository: Repository;
  name: string;
}

/** Checks that REF names a commit of the repository `file` is in. */
async function verifiedRef(ref: string, file: string): Promise<AtRef> {
  // Refs starting with "-" would be read as options by git.
  if (ref.startsWith('-')) throw new MlqError(`--since ${ref}: not a git ref`);
  const repository = await repositoryOf(path.dirname(path.resolve(file)));
  if (!repository) throw new MlqError(`--since ${ref}: ${file} is not in a git repository`);
  await git(ref, repository, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  const real = await realpath(file).catch(() => path.resolve(file));
  return { repository, name: path.relative(repository.top, real).split(path.sep).join('/') };
}

export async function changedLines(ref: string, files: string[]): Promise<ChangedLines> {
  const changed: ChangedLines = new Map();
  for (const file of files) {
    const { repository, name } = await verifiedRef(ref, file);
    const tracked = (await git(ref, repository, ['ls-files', '--', name])).trim() !== '';
    const diff = () => git(ref, repository, ['diff', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', ref, '--', name]);
    changed.set(file, tracked ? addedLines(await diff()) : 'all');
  }
  return changed;
}

/** A file's text as it was at REF, or null where REF does not have it. */
export async function textAt(ref: string, file: string): Promise<string | null> {
  const { repository, name } = await verifiedRef(ref, file);
  const exists = (await git(ref, repository, ['ls-tree', '--name-only', ref, '--', name])).trim() !== '';
  // cat-file prints the blob's bytes, with no textconv or filter of the tree's config.
  return exists ? git(ref, repository, ['cat-file', 'blob', `${ref}:${name}`]) : null;
}

export function onChangedLine(place: Place, changed: ChangedLines): boolean {
  const lines = changed.get(place.file);
  return lines === 'all' || (lines !== undefined && lines.has(place.line));
}

/** Only the places on changed lines, and only the URLs that keep at least one place. */
export function touchedTargets(targets: LinkTarget[], changed: ChangedLines): LinkTarget[] {
  return targets
    .map((target) => ({ ...target, places: target.places.filter((place) => onChangedLine(place, changed)) }))
    .filter((target) => target.places.length > 0);
}
