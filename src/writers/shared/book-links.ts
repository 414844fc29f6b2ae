// Links that stay inside the book, and edit links. A bank that links another bank of the book by its upstream
// address (the NLP folder on GitHub, in any of its spellings: tree/ or blob/, any branch, with or without
// README.md, a trailing slash; or a relative path to it) gets a link to that bank's place in the output
// instead: its page on the site, its part in the PDF and the EPUB. Edit links go to the repository that holds
// the bank (a copy of a list is edited in the copy), at its line as GitHub shows lines, and to GitHub's editor.
import path from 'node:path';
import type { Book, Repository } from '../../model.js';
import { githubRepository, resolvedTarget, upstreamBase } from './links.js';

/** Where a link leads: a bank of the book (its index in book.banks), or an outside address. */
export type LinkTarget = { bank: number } | { href: string };

/** The names GitHub shows as a folder's page. */
const README = /^readme(?:\.(?:md|markdown|mdown|mkdn))?$/i;

/** A bank's path relative to mlq.yaml, with "/" separators ("NLP/README.md"). */
export const bankPath = (file: string, configDir: string): string => path.relative(configDir, file).split(path.sep).join('/');

/**
 * The paths in the upstream repository that name a bank: its file, and for a README its folder ("" for the
 * repository's root), by lower-cased path (GitHub's paths are case-sensitive, but a folder link is written by
 * hand in any case only when it works: matching exactly keeps a wrong-case link outside).
 */
function bankKeys(file: string): string[] {
  const folder = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  return README.test(path.posix.basename(file)) ? [file, folder] : [file];
}

export class BookLinks {
  private readonly repo: ReturnType<typeof githubRepository>;
  private readonly base: string | null;
  private readonly banks = new Map<string, number>();
  private readonly folders: string[];

  constructor(book: Book, private readonly configDir: string) {
    this.repo = githubRepository(book.meta.upstream);
    this.base = upstreamBase(book.meta.upstream);
    const files = book.banks.map((bank) => bankPath(bank.file, configDir));
    this.folders = files.map((file) => (path.posix.dirname(file) === '.' ? '' : `${path.posix.dirname(file)}/`));
    // Banks outside mlq.yaml's folder have no upstream address.
    files.forEach((file, i) => {
      if (!file.startsWith('../')) for (const key of bankKeys(file)) if (!this.banks.has(key)) this.banks.set(key, i);
    });
  }

  /**
   * Where a link written in the bank `file` leads: a bank of the book, an outside address (a relative one
   * resolved against the bank's folder upstream), or null where it stays text. `#fragment` links are the caller's.
   */
  target(href: string, file: string): LinkTarget | null {
    const index = this.bankIndex(file);
    const base = this.base && index !== null ? `${this.base}${this.folders[index]!}` : this.base;
    const resolved = resolvedTarget(href, base);
    if (resolved === null) return null;
    const bank = this.bankAt(resolved);
    return bank === null ? { href: resolved } : { bank };
  }

  private bankIndex(file: string): number | null {
    return this.banks.get(bankPath(file, this.configDir)) ?? null;
  }

  /** The bank an absolute address names in the upstream repository, or null. */
  bankAt(url: string): number | null {
    if (!this.repo || !URL.canParse(url)) return null;
    const parsed = new URL(url);
    if (!/^(?:www\.)?github\.com$/i.test(parsed.hostname) || !/^https?:$/.test(parsed.protocol)) return null;
    const parts = parsed.pathname.split('/').filter(Boolean).map((part) => safeDecode(part));
    const [owner, name, view, branch, ...rest] = parts;
    if (owner?.toLowerCase() !== this.repo.owner.toLowerCase() || name?.replace(/\.git$/, '').toLowerCase() !== this.repo.name.toLowerCase()) return null;
    if (view === undefined) return this.banks.get('') ?? null;
    if ((view !== 'tree' && view !== 'blob') || branch === undefined) return null;
    return this.banks.get(rest.join('/')) ?? null;
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** A path or branch as a URL path: each segment escaped, the slashes kept. */
const urlPath = (value: string) => value.split('/').map(encodeURIComponent).join('/');

/**
 * A question's line in the repository that holds its bank, as GitHub shows lines (`?plain=1#L15`: the
 * rendered view has no line anchors), and GitHub's editor of the file; null where the bank is not in a
 * GitHub repository mlq knows. Without a known branch the line opens on the default branch (HEAD) and
 * there is no editor link: GitHub's editor needs a branch.
 */
export function editAddresses(repository: Repository | undefined, file: string, line: number): { line: string; edit: string | null } | null {
  const where = repository?.paths[file];
  if (!repository || where === undefined) return null;
  const branch = repository.branch;
  return {
    line: `${repository.url}/blob/${urlPath(branch ?? 'HEAD')}/${urlPath(where)}?plain=1#L${line}`,
    edit: branch === null ? null : `${repository.url}/edit/${urlPath(branch)}/${urlPath(where)}`,
  };
}
