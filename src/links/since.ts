// --since REF: which lines of the banks were added or changed since a git ref, so that a pull request is
// judged on the links it touches, and the banks' text at that ref, for the rules that compare versions.
// `git` is the edge; reading its output is pure.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Place } from '../model.js';
import { MlqError } from '../errors.js';
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

const execFileAsync = promisify(execFile);

/** Runs git in a folder on behalf of `--since REF`; a failure is one clear MlqError. */
async function git(ref: string, cwd: string, args: string[]): Promise<string> {
  try {
    return (await execFileAsync('git', args, { cwd, maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    throw new MlqError(`--since ${ref}: git ${args[0]} failed: ${stderr.split('\n')[0] || 'not a commit in this repository'}`);
  }
}

/** Checks that REF names a commit of the repository `file` is in; returns the folder to run git in. */
async function verifiedRef(ref: string, file: string): Promise<string> {
  // Refs starting with "-" would be read as options by git.
  if (ref.startsWith('-')) throw new MlqError(`--since ${ref}: not a git ref`);
  const cwd = path.dirname(path.resolve(file));
  await git(ref, cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  return cwd;
}

export async function changedLines(ref: string, files: string[]): Promise<ChangedLines> {
  const changed: ChangedLines = new Map();
  for (const file of files) {
    const cwd = await verifiedRef(ref, file);
    const name = path.basename(file);
    const tracked = (await git(ref, cwd, ['ls-files', '--', name])).trim() !== '';
    changed.set(file, tracked ? addedLines(await git(ref, cwd, ['diff', '-U0', '--no-color', '--no-ext-diff', ref, '--', name])) : 'all');
  }
  return changed;
}

/** A file's text as it was at REF, or null where REF does not have it. */
export async function textAt(ref: string, file: string): Promise<string | null> {
  const cwd = await verifiedRef(ref, file);
  const name = `./${path.basename(file)}`;
  const exists = (await git(ref, cwd, ['ls-tree', '--name-only', ref, '--', name])).trim() !== '';
  return exists ? git(ref, cwd, ['show', `${ref}:${name}`]) : null;
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
