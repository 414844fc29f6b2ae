// The git edge: every git command mlq runs goes through here. A bank's folder is a contributor's: it may hold
// files that make it look like a bare repository (HEAD, config, objects/, refs/), whose config would name a
// command git runs (core.fsmonitor). So git never discovers a repository by itself: mlq finds the folder
// that holds `.git` (a name no commit can contain), lets git confirm it with discovery bounded to that one
// folder, then names the repository explicitly on every call, with the settings that run programs turned off
// on the command line (which wins over every config file) and no GIT_* variable of the environment.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
/** The most output read from one git command: a bank's text at a ref, or its diff (banks are up to 64 MB). */
const MAX_OUTPUT = 256 * 1024 * 1024;

/**
 * Settings that would run a program, or reach the network, turned off: core.fsmonitor (the attack), hooks,
 * the pager, signature checks (gpg.program), lazy fetches of a partial clone; bare repositories only where
 * named (git 2.38 and later). External diff tools and textconv are turned off by the diff's own options.
 */
const HARDENING = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'log.showSignature=false',
  'safe.bareRepository=explicit',
  'protocol.allow=never',
].flatMap((setting) => ['-c', setting]);

/** The environment git runs in: the caller's, without any GIT_* (GIT_DIR, GIT_CONFIG_*, GIT_EXTERNAL_DIFF...). */
export function gitEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('GIT_')));
  return { ...kept, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_NO_LAZY_FETCH: '1' };
}

export interface Repository {
  /** The work tree's top folder (a real path). */
  top: string;
  /** Its git folder, as git names it (absolute). */
  gitDir: string;
}

/** A git command that failed: its first line of stderr (empty where git said nothing). */
export class GitFailed extends Error {}

async function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  try {
    return (await execFileAsync('git', [...HARDENING, ...args], { cwd, env, maxBuffer: MAX_OUTPUT })).stdout;
  } catch (error) {
    // execFile gives the stderr it read ('' where git could not start).
    throw new GitFailed((error as { stderr: string }).stderr.split('\n')[0]);
  }
}

/** The nearest folder at or above `folder` that holds a `.git` entry, or null. */
export async function folderWithGit(folder: string): Promise<string | null> {
  for (let at = folder; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, '.git'))) return at;
    if (path.dirname(at) === at) return null;
  }
}

/**
 * The repository `folder` is in, or null outside one (or where git refuses it: another user's folder, a
 * `.git` that is not a repository). Git checks only the folder found, never a folder above or below it.
 */
export async function repositoryOf(folder: string): Promise<Repository | null> {
  let top: string | null;
  try {
    top = await folderWithGit(await realpath(path.resolve(folder)));
  } catch {
    return null; // No such folder.
  }
  if (!top) return null;
  const env = { ...gitEnvironment(), GIT_CEILING_DIRECTORIES: path.dirname(top) };
  try {
    return { top, gitDir: (await run(['rev-parse', '--absolute-git-dir'], top, env)).trim() };
  } catch {
    return null;
  }
}

/**
 * Runs `git ARGS` on the repository, named explicitly; its stdout, or throws GitFailed. `cwd`, a folder of
 * the work tree (the top by default), is where paths in git's output are relative to.
 */
export function git(repository: Repository, args: string[], cwd = repository.top): Promise<string> {
  return run([`--git-dir=${repository.gitDir}`, `--work-tree=${repository.top}`, ...args], cwd, gitEnvironment());
}
