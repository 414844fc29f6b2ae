// Where the banks are kept and edited: the GitHub repository mlq.yaml names (site.repository), else the one
// the git remote "origin" names, its branch and each bank's path in it. Everything git says is a stranger's
// text: the remote is parsed as a URL (credentials dropped), and only a GitHub owner/name and a plain branch
// name are kept.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Repository } from '../model.js';
import { githubRepository } from '../writers/shared/links.js';
import { folderWithGit, git, repositoryOf, type Repository as WorkTree } from './git.js';

/** A branch name as edit links may carry it: what git allows, less anything a URL path would read otherwise. */
const BRANCH = /^(?!.*\.\.)(?!\/)[\w.\/-]+(?<![/.])$/;

/** The web address of the remote "origin" (https://host/owner/name), without credentials; '' when there is none. */
export async function remoteAddress(workTree: WorkTree | null): Promise<string> {
  const remote = workTree ? await git(workTree, ['remote', 'get-url', 'origin']).then((out) => out.trim(), () => '') : '';
  const scp = /^[\w.-]+@([\w.-]+):(.+?)(?:\.git)?\/?$/.exec(remote);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  const url = URL.canParse(remote) ? new URL(remote) : null;
  if (!url || !/^(?:https?|ssh|git):$/.test(url.protocol)) return '';
  return `https://${url.hostname}${url.pathname.replace(/\.git\/?$/, '').replace(/\/$/, '')}`;
}

/** The branch checked out, or null (a detached checkout, or a name edit links cannot carry). */
async function currentBranch(workTree: WorkTree): Promise<string | null> {
  const name = await git(workTree, ['symbolic-ref', '--quiet', '--short', 'HEAD']).then((out) => out.trim(), () => '');
  return BRANCH.test(name) ? name : null;
}

/**
 * Where the banks (`files`, as the model names them) are edited, or undefined when that is not a GitHub
 * repository. Paths are from the work tree's top (the nearest folder with `.git`); outside a work tree,
 * from mlq.yaml's folder (the repository's root, then). A reproducible build (SOURCE_DATE_EPOCH) runs no
 * git: what mlq.yaml says is all it knows, and the outputs depend on nothing else.
 */
export async function repositoryOfBanks(config: Config, files: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Repository | undefined> {
  const reproducible = Boolean(env.SOURCE_DATE_EPOCH);
  const workTree = reproducible ? null : await repositoryOf(config.dir);
  const repo = githubRepository(config.site.repository || (await remoteAddress(workTree)));
  if (!repo) return undefined;
  const dir = await realpath(config.dir).catch(() => path.resolve(config.dir));
  const top = workTree?.top ?? (await folderWithGit(dir)) ?? dir;
  const paths: Record<string, string> = {};
  for (const file of files) {
    const relative = path.relative(top, await realpath(file).catch(() => path.resolve(file)));
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) paths[file] = relative.split(path.sep).join('/');
  }
  const branch = config.site.branch || (workTree ? await currentBranch(workTree) : null);
  return { url: repo.url, branch, paths };
}
